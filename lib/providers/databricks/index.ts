import "server-only";
export { createDatabricksProvider } from "./provider";
export { DATABRICKS_METRICS_ACCEPT } from "./client";
export { getDatabricksEligibility, isPayPerToken, PAY_PER_TOKEN_REASON } from "./eligibility";
export { normalizeDatabricks } from "./normalize";
export { DatabricksEndpointSchema, DatabricksEndpointListSchema } from "./api-types";
export type { DatabricksEndpoint } from "./api-types";
