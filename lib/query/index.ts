export { createStoreBackend } from "./store-backend";
export { headlineFigures, NO_HEADLINE, sparkline, sparklineQuery } from "./headline";
export { resolvePanelQuery, resolveRangeBounds, QueryRangeError, type ResolveOptions } from "./resolve-query";
export { histogramQuantile, type Bucket } from "./histogram-quantile";
export type { PanelQuery, SeriesBackend } from "./types";
