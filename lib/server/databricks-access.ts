import "server-only";
import type { DatabricksSource, SourceConfig } from "@/lib/config/schema";
import { DEFAULT_HTTP_OPTIONS } from "@/lib/http";
import { createDatabricksClient, type DatabricksClient } from "@/lib/providers/databricks/client";
import { createStatementClient, type StatementClient } from "@/lib/providers/databricks/sql";

/** What the server reads from one Databricks workspace beyond metrics: its serving API and its SQL warehouse. */
export interface DatabricksAccess {
  source: DatabricksSource;
  serving: DatabricksClient;
  /** Null without a configured warehouse. */
  sql: StatementClient | null;
}

/** One access per configured Databricks source, by source id; the clients call only the configured host. */
export function createDatabricksAccess(
  sources: readonly SourceConfig[],
): (sourceId: string) => DatabricksAccess | null {
  const bySource = new Map<string, DatabricksAccess>();
  for (const source of sources) {
    if (source.kind !== "databricks") continue;
    const { host, token, warehouseId } = source;
    bySource.set(source.id, {
      source,
      serving: createDatabricksClient(host, token, DEFAULT_HTTP_OPTIONS),
      sql: warehouseId ? createStatementClient({ host, token, warehouseId }) : null,
    });
  }
  return (sourceId) => bySource.get(sourceId) ?? null;
}
