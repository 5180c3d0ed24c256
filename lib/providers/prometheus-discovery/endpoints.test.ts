import { describe, expect, it } from "vitest";
import { toDiscoveredEndpoints } from "./endpoints";

describe("toDiscoveredEndpoints", () => {
  it("makes each job an endpoint, its replicas its pods where targets carry one, else its instances", () => {
    const endpoints = toDiscoveredEndpoints("prometheus", [
      { job: "vllm", instance: "10.0.0.2:8000", pod: "vllm-1" },
      { job: "vllm", instance: "10.0.0.1:8000", pod: "vllm-0" },
      { job: "dcgm", instance: "10.0.0.1:9400", pod: "" },
      { job: "Text Gen", instance: "tgi:80", pod: "" },
      { job: "Text Gen", instance: "tgi:81", pod: "" },
    ]);
    expect(endpoints.map((e) => [e.id, e.name, e.prometheusJob, e.model.details])).toEqual([
      [
        "prometheus.dcgm",
        "dcgm",
        { job: "dcgm", replicaLabel: "instance" },
        { job: "dcgm", instances: "10.0.0.1:9400" },
      ],
      [
        "prometheus.text-gen",
        "Text Gen",
        { job: "Text Gen", replicaLabel: "instance" },
        { job: "Text Gen", instances: "tgi:80, tgi:81" },
      ],
      ["prometheus.vllm", "vllm", { job: "vllm", replicaLabel: "pod" }, { job: "vllm", pods: "vllm-0, vllm-1" }],
    ]);
    expect(endpoints.every((e) => e.provider === "openmetrics" && e.scrape === null && e.metrics.available)).toBe(true);
  });
});
