import type { DatabricksEndpointDef } from "./databricks-catalog";
import { minuteRequests } from "./databricks-requests";
import type { SimulationOptions } from "./options";
import { replicaIdOf, unit } from "./random";
import { MINUTE_MS } from "./traffic";

/**
 * The service logs of a custom model's container, as `GET …/served-models/{name}/logs` returns them:
 * the last half hour of stdout, one `[replica]` prefix per line, gunicorn's and Python logging's
 * formats mixed, a traceback (lines without a time) under each error — what a parser meets.
 */
const WINDOW_MS = 30 * MINUTE_MS;
const REPLICA_PERIOD_MS = 6 * 3_600_000;

/** The served entities a container serves: a custom model (or feature spec), not a foundation or external one. */
export function servedModelsWithLogs(def: DatabricksEndpointDef): string[] {
  return def.entities.flatMap(({ summary, detail }) =>
    typeof summary.entity_name === "string" &&
    !summary.foundation_model &&
    !summary.external_model &&
    detail?.max_provisioned_throughput === undefined
      ? [String(summary.name)]
      : [],
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function gunicornTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function pythonTime(ms: number): string {
  return `${gunicornTime(ms).slice(0, 19)},${pad(new Date(ms).getUTCMilliseconds(), 3)}`;
}

/** The container's output for the minutes in the half hour up to `nowMs` (empty for a container that never ran). */
export function renderServiceLogs(
  def: DatabricksEndpointDef,
  servedModel: string,
  nowMs: number,
  options: SimulationOptions,
): string {
  const profile = def.metrics;
  if (!profile) return "";
  const replica = replicaIdOf(def.name, servedModel, Math.floor(nowMs / REPLICA_PERIOD_MS)).slice(0, 10);
  const lines: string[] = [];
  const line = (text: string) => lines.push(`[${replica}] ${text}`);
  const lastMinuteMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  for (let minuteMs = lastMinuteMs - WINDOW_MS + MINUTE_MS; minuteMs <= lastMinuteMs; minuteMs += MINUTE_MS) {
    const { count, count5xx } = minuteRequests(profile, minuteMs, options);
    const at = (part: string) => minuteMs + Math.floor(unit(def.name, servedModel, minuteMs, part) * MINUTE_MS);
    const entries: Array<[number, string[]]> = [
      [at("info"), [`[${gunicornTime(at("info"))}] [7] [INFO] Handled ${count} POST /invocations in the last minute`]],
    ];
    if (unit(def.name, minuteMs, "warn") < 0.1) {
      entries.push([
        at("warn"),
        [`${pythonTime(at("warn"))} WARNING model_server: request queue above 80% of capacity`],
      ]);
    }
    if (count5xx > 0) {
      entries.push([
        at("error"),
        [
          `${pythonTime(at("error"))} ERROR model_server: Exception on /invocations [POST] (${count5xx} failed this minute)`,
          "Traceback (most recent call last):",
          '  File "/model/code/predict.py", line 41, in predict',
          "ValueError: feature vector contains NaN",
        ],
      ]);
    }
    for (const [, texts] of entries.sort(([a], [b]) => a - b)) texts.forEach(line);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
