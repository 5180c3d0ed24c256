import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiErrorSchema, SnapshotSchema } from "@/lib/api/schemas";
import { createSemaphore } from "@/lib/collector/semaphore";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import { createRedactor } from "@/lib/http/redact";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createHuggingFaceProvider } from "@/lib/providers/huggingface";
import { findByName, TEST_HTTP_OPTIONS } from "@/test-support/providers";
import type { SourceProvider } from "@/lib/providers/types";
import { createSnapshotService } from "./snapshot";

let fakes: FakeUpstreams;
let provider: SourceProvider;
let endpoints: DiscoveredEndpoint[];

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  provider = createHuggingFaceProvider(
    {
      kind: "huggingface",
      id: "huggingface",
      namespace: fakes.huggingface.namespace,
      token: fakes.huggingface.token,
      apiBase: fakes.huggingface.url,
      scrapeIntervalS: 15,
    },
    { ...TEST_HTTP_OPTIONS, timeoutMs: 5000 },
  );
  endpoints = (await provider.discover()).filter((e) => e.metrics.available);
});
afterAll(() => fakes.close());

describe("createSnapshotService", () => {
  it("answers 503 at once when too many snapshot scrapes are running or waiting", async () => {
    const service = createSnapshotService({
      slots: createSemaphore(4),
      redact: createRedactor([]),
      maxInFlight: 1,
      maxWaiting: 0,
    });
    expect(endpoints.length).toBeGreaterThanOrEqual(2);
    fakes.setFault("huggingface", { kind: "slow", delayMs: 500 });
    try {
      const answers = await Promise.all(endpoints.slice(0, 2).map((e) => service.get(e, provider)));
      expect(answers.map((a) => a.status)).toEqual([200, 503]);
      expect(ApiErrorSchema.parse(JSON.parse(answers[1]?.body ?? "")).error.code).toBe("busy");
      expect(answers[1]?.headers["retry-after"]).toBe("2");
    } finally {
      fakes.setFault("huggingface", null);
    }
  });

  it("scrapes again once its answer is older than the time to live", async () => {
    const service = createSnapshotService({ slots: createSemaphore(4), redact: createRedactor([]), ttlMs: 200 });
    const endpoint = findByName(endpoints, "sentiment-prod");
    const first = SnapshotSchema.parse(JSON.parse((await service.get(endpoint, provider)).body));
    expect(SnapshotSchema.parse(JSON.parse((await service.get(endpoint, provider)).body)).at).toBe(first.at);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const later = SnapshotSchema.parse(JSON.parse((await service.get(endpoint, provider)).body));
    expect(later.at).toBeGreaterThan(first.at);
  });

  it("keeps no more answers than its byte budget", async () => {
    const service = createSnapshotService({ slots: createSemaphore(4), redact: createRedactor([]), maxCachedBytes: 1 });
    const endpoint = findByName(endpoints, "sentiment-prod");
    const first = SnapshotSchema.parse(JSON.parse((await service.get(endpoint, provider)).body));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = SnapshotSchema.parse(JSON.parse((await service.get(endpoint, provider)).body));
    expect(second.at).toBeGreaterThan(first.at);
  });
});
