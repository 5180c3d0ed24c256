export { openStore, type Store, type StoreOptions } from "./store";
export type { ScrapeRecord, ReplicaSighting } from "./catalog";
export type { RetentionOptions, RetentionResult } from "./retention";
export type { WriteResult } from "./sample-writer";
export type { SeriesWindows, WindowQuery, WindowRange, WindowResult } from "./series-reader";
