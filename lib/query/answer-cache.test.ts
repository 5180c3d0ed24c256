import { describe, expect, it } from "vitest";
import type { SeriesResponse } from "@/lib/api/schemas";
import { makeEndpoint } from "@/test-support/endpoints";
import { cacheAnswers } from "./answer-cache";
import { emptyAnswer } from "./panel-answer";
import type { PanelQuery, SeriesBackend } from "./types";

const a = makeEndpoint("hf.a", "huggingface");
const b = makeEndpoint("hf.b", "huggingface");
const query: PanelQuery = { panel: "requests", fromMs: 0, toMs: 600_000, stepMs: 60_000 };

/** A backend that answers with a fresh object per computation, `points` points each, counting them. */
function countingBackend(points = 11) {
  const computed: string[] = [];
  let fail = false;
  let release: (() => void) | null = null;
  const backend: SeriesBackend = {
    async queryPanel(endpoint, q) {
      computed.push(`${endpoint.id} ${q.panel} ${q.fromMs}`);
      if (release === null) await Promise.resolve();
      else await new Promise<void>((resolve) => (release = resolve));
      if (fail) throw new Error("upstream down");
      const answer: SeriesResponse = {
        ...emptyAnswer(q),
        series: [{ name: "2xx", labels: {}, points: Array.from({ length: points }, (_, k) => [q.fromMs + k, k]) }],
      };
      return answer;
    },
  };
  return {
    backend,
    computed,
    failNext: (value: boolean) => (fail = value),
    hold: () => (release = () => {}),
    release: () => {
      const go = release;
      release = null;
      go?.();
    },
  };
}

describe("the answer cache", () => {
  it("answers the same query again with the same answer, until the endpoint's version changes", async () => {
    const upstream = countingBackend();
    const versions = new Map([
      [a.id, 1],
      [b.id, 1],
    ]);
    const cache = cacheAnswers(upstream.backend, (id) => versions.get(id) ?? 0);
    const first = await cache.queryPanel(a, query);
    expect(await cache.queryPanel(a, query)).toBe(first);
    expect(await cache.queryPanel(b, query)).not.toBe(first);
    expect(await cache.queryPanel(a, { ...query, by: "code" })).not.toBe(first);
    expect(upstream.computed).toHaveLength(3);

    versions.set(b.id, 2); // a write to b leaves a's answers standing
    expect(await cache.queryPanel(a, query)).toBe(first);
    versions.set(a.id, 2);
    const second = await cache.queryPanel(a, query);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(upstream.computed).toHaveLength(4);
    expect(cache.stats()).toEqual({ hits: 2, joined: 0, computed: 4 });
  });

  it("lets identical queries in flight share one computation", async () => {
    const upstream = countingBackend();
    const cache = cacheAnswers(upstream.backend, () => 1);
    upstream.hold();
    const asked = [cache.queryPanel(a, query), cache.queryPanel(a, query), cache.queryPanel(a, query)];
    await Promise.resolve();
    upstream.release();
    const answers = await Promise.all(asked);
    expect(new Set(answers).size).toBe(1);
    expect(upstream.computed).toHaveLength(1);
    expect(cache.stats()).toEqual({ hits: 0, joined: 2, computed: 1 });
  });

  it("does not keep a failure: the next asker computes again", async () => {
    const upstream = countingBackend();
    const cache = cacheAnswers(upstream.backend, () => 1);
    upstream.failNext(true);
    await expect(cache.queryPanel(a, query)).rejects.toThrow("upstream down");
    upstream.failNext(false);
    await expect(cache.queryPanel(a, query)).resolves.toHaveProperty("series");
    expect(upstream.computed).toHaveLength(2);
  });

  it("drops the least recently used answers past its point budget", async () => {
    const upstream = countingBackend(10);
    // Room for three answers of 10 points.
    const cache = cacheAnswers(upstream.backend, () => 1, { maxPoints: 30, maxAnswers: 100 });
    const at = (fromMs: number): PanelQuery => ({ ...query, fromMs });
    for (const fromMs of [0, 1, 2]) await cache.queryPanel(a, at(fromMs));
    await cache.queryPanel(a, at(0)); // 0 is now the most recent
    await cache.queryPanel(a, at(3)); // evicts 1, the least recent
    expect(upstream.computed).toHaveLength(4);
    await cache.queryPanel(a, at(0));
    await cache.queryPanel(a, at(2));
    await cache.queryPanel(a, at(3));
    expect(upstream.computed).toHaveLength(4);
    await cache.queryPanel(a, at(1));
    expect(upstream.computed).toEqual([
      "hf.a requests 0",
      "hf.a requests 1",
      "hf.a requests 2",
      "hf.a requests 3",
      "hf.a requests 1",
    ]);
  });

  it("does not keep an answer of one instant (a headline at now)", async () => {
    const upstream = countingBackend();
    const cache = cacheAnswers(upstream.backend, () => 1);
    const instant: PanelQuery = { ...query, fromMs: 600_000, toMs: 600_000 };
    await cache.queryPanel(a, instant);
    await cache.queryPanel(a, instant);
    expect(upstream.computed).toHaveLength(2);
  });

  it("bounds answers without points (not reported) by their number", async () => {
    const upstream = countingBackend(0);
    const cache = cacheAnswers(upstream.backend, () => 1, { maxPoints: 1000, maxAnswers: 3 });
    const at = (fromMs: number): PanelQuery => ({ ...query, fromMs });
    for (const fromMs of [0, 1, 2, 3, 4]) await cache.queryPanel(a, at(fromMs));
    await cache.queryPanel(a, at(4));
    await cache.queryPanel(a, at(2));
    expect(upstream.computed).toHaveLength(5);
    await cache.queryPanel(a, at(0));
    expect(upstream.computed).toHaveLength(6);
  });
});
