export { createStoreBackend } from "./store-backend";
export { figuresFrom, NO_HEADLINE, sparklineQuery, sparklineValue } from "./headline";
export { resolvePanelQuery, resolveRangeBounds, QueryRangeError, type ResolveOptions } from "./resolve-query";
export { histogramQuantile, type Bucket } from "./histogram-quantile";
export type { EndpointFigures, FiguresBackend, PanelQuery, SeriesBackend } from "./types";
