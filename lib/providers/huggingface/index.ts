import "server-only";
export { createHuggingFaceProvider } from "./provider";
export { HUGGINGFACE_METRICS_ACCEPT } from "./client";
export { getHuggingFaceEligibility } from "./eligibility";
export { normalizeHuggingFace } from "./normalize";
export { HuggingFaceEndpointSchema, HuggingFaceEndpointListSchema } from "./api-types";
export type { HuggingFaceEndpoint } from "./api-types";
