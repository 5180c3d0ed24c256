import { randomBytes } from "node:crypto";
import type { SimulationOptions } from "@/lib/simulation/options";
import { MINUTE_MS } from "@/lib/simulation/traffic";
import { createDatabricksAdapter, databricksErrorReply } from "./databricks-adapter";
import { FaultTable, type Fault, type FaultTarget } from "./faults";
import { createHuggingFaceAdapter } from "./huggingface-adapter";
import { startSelfHostedServers, type SelfHostedFakes } from "./self-hosted";
import { servePlatform, type ReceivedRequest } from "./serve";
import { createSqlWarehouse, type FakeSqlWarehouse } from "./sql-warehouse";

const INCIDENT_LEAD_MINUTES = 5;

export interface FakeUpstreamsOptions {
  /** The servers' clock: a fixed time or a function; Date.now by default. */
  now?: number | (() => number);
  /** Start of a 5xx incident window; by default 5 minutes before start, so the demo opens during one. */
  anchorMs?: number;
  namespace?: string;
  /** Extra endpoints per platform, each named as the key and behaving as the simulated endpoint it names. */
  copies?: { databricks?: Record<string, string>; huggingface?: Record<string, string> };
  /** Keep every request in `received` (true by default); the demo, which runs for days, does not. */
  recordRequests?: boolean;
}

export interface FakeUpstreams {
  databricks: { url: string; token: string };
  /** The workspace's SQL warehouse (Statement Execution API on the Databricks server). */
  sqlWarehouse: FakeSqlWarehouse;
  huggingface: { url: string; token: string; namespace: string };
  /** The self-hosted LLM servers (vLLM replicas with their DCGM exporters, a TGI) as configuration targets. */
  openmetrics: Omit<SelfHostedFakes, "close">;
  /** Pass to the render functions so a backfill agrees with what the servers answer. */
  simulation: SimulationOptions;
  setFault(target: FaultTarget, fault: Fault | null): void;
  /** Every request, in arrival order (empty unless `recordRequests`). */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

const copiesOf = (copies: Record<string, string> = {}) => new Map(Object.entries(copies));

/** Starts a simulated Databricks workspace, Hugging Face namespace and self-hosted servers on 127.0.0.1, each on a free port. */
export async function startFakeUpstreams(options: FakeUpstreamsOptions = {}): Promise<FakeUpstreams> {
  const { now: clock = Date.now } = options;
  const now = typeof clock === "number" ? () => clock : clock;
  const simulation = {
    anchorMs: options.anchorMs ?? (Math.floor(now() / MINUTE_MS) - INCIDENT_LEAD_MINUTES) * MINUTE_MS,
  };
  const namespace = options.namespace ?? "demo-org";
  const databricksToken = `dapi${randomBytes(16).toString("hex")}`;
  const huggingfaceToken = `hf_${randomBytes(17).toString("base64url")}`;
  const faults = new FaultTable();
  const received: ReceivedRequest[] = [];
  const record = options.recordRequests === false ? () => {} : (request: ReceivedRequest) => received.push(request);
  const sqlWarehouse = createSqlWarehouse(now, simulation, databricksErrorReply);
  const databricksAdapter = createDatabricksAdapter(
    databricksToken,
    now,
    simulation,
    sqlWarehouse,
    copiesOf(options.copies?.databricks),
  );
  const databricks = await servePlatform(databricksAdapter, faults, record);
  const huggingface = await servePlatform(
    createHuggingFaceAdapter(huggingfaceToken, namespace, now, copiesOf(options.copies?.huggingface)),
    faults,
    record,
  );
  const selfHosted = await startSelfHostedServers(
    `om_${randomBytes(16).toString("base64url")}`,
    now,
    simulation,
    faults,
    record,
  );
  return {
    databricks: { url: databricks.url, token: databricksToken },
    huggingface: { url: huggingface.url, token: huggingfaceToken, namespace },
    sqlWarehouse,
    openmetrics: { token: selfHosted.token, targets: selfHosted.targets },
    simulation,
    setFault: (target, fault) => faults.set(target, fault),
    received,
    close: async () => {
      await Promise.all([databricks.close(), huggingface.close(), selfHosted.close()]);
      sqlWarehouse.dispose();
    },
  };
}
