import "server-only";
import type { Sample } from "@/lib/openmetrics/types";
import { leLabels, type RuleSet } from "../map-samples";

/** Unit conversions shared by the servers' rules, each applied once per family. */
export const BUCKETS_S_TO_MS = { labels: leLabels(1000) };
export const FRACTION_TO_PERCENT = { scale: 100 };

/** Keeps the `model` label of a multi-model server (Triton). */
export const modelLabel = (sample: Sample): Record<string, string> =>
  sample.labels.model === undefined ? {} : { model: sample.labels.model };

/** `http_requests_total` by `status` ("2xx" from prometheus-fastapi-instrumentator, or a code). */
export const HTTP_REQUEST_RULES: RuleSet = {
  samples: {
    http_requests_total: {
      metric: "requests_total",
      labels: (sample) => {
        const code = sample.labels.status ?? sample.labels.code ?? sample.labels.status_code;
        return code === undefined ? null : { code };
      },
    },
  },
};
