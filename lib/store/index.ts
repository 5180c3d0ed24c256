import "server-only";
export { openStore, type Store, type StoreOptions } from "./store";
export { openStoreReader, type StoreReader } from "./reader";
export type { ScrapeRecord, ReplicaSighting } from "./catalog";
export type { RetentionOptions, RetentionResult } from "./retention";
export type { WriteResult } from "./sample-writer";
export type { WindowResult } from "./series-reader";
export type { SeriesWindows, WindowQuery, WindowRange } from "./windows";
