import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEndpoint } from "@/app/api/endpoints/[id]/route";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getMetrics } from "@/app/metrics/route";
import { EndpointDetailSchema, HealthDetailSchema } from "@/lib/api/schemas";
import { startServerHarness } from "@/test-support/server-harness";
import { canMountTmpfs, mountTmpfs, unmount } from "@/test-support/tmpfs";
import { waitFor, waitForAsync } from "@/test-support/wait-for";

const root = mkdtempSync(join(tmpdir(), "servescope-full-"));
const disk = join(root, "disk");
const canMount = canMountTmpfs(join(root, "scratch"));
const MAX_PENDING = 1000;
const ID = "huggingface.sentiment-prod";
let harness: Awaited<ReturnType<typeof startServerHarness>> | undefined;

/** Writes zeros until the filesystem has no room left. */
function fill(path: string): void {
  const fd = openSync(path, "w");
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
}

const health = async () =>
  HealthDetailSchema.parse(await (await getHealth(new NextRequest("http://127.0.0.1/api/health"))).json());
const lastScrape = async () => {
  const response = await getEndpoint(new Request(`http://127.0.0.1/api/endpoints/${ID}`), {
    params: Promise.resolve({ id: ID }),
  });
  return EndpointDetailSchema.parse(await response.json()).lastScrape;
};

beforeAll(async () => {
  if (!canMount) return;
  expect(mountTmpfs(disk, 16 * 1024)).toBe(true);
  harness = await startServerHarness({
    SERVESCOPE_DATA_DIR: disk,
    SERVESCOPE_MAX_PENDING_SAMPLES: String(MAX_PENDING),
  });
}, 60_000);

afterAll(async () => {
  await harness?.close();
  if (canMount) unmount(disk);
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!canMount)("a disk that fills up (needs the right to mount a tmpfs)", () => {
  it("reports degraded, keeps what it can in memory, and stores it once there is room", async () => {
    const server = harness!;
    await waitFor(() => server.runtime.store.lastScrape(ID)?.ok);
    expect((await health()).status).toBe("ok");

    const filler = join(disk, "filler");
    fill(filler);
    const degraded = await waitForAsync(async () => (await health()).status === "degraded", 120_000).then(health);
    expect(degraded.reasons).toEqual([
      expect.stringMatching(
        /^cannot write to the embedded store since \S+Z: database or disk is full \(SQLITE_FULL\); \d+ scrapes \(\d+ samples\) kept in memory and retried/,
      ),
    ]);
    const failingSince = degraded.collector.writes.failingSince!;
    // The newest scrape is shown as it is (not the last one stored), and says it is not stored yet.
    const notStored = "not stored yet (kept in memory, retrying): database or disk is full (SQLITE_FULL)";
    await waitForAsync(async () => (await lastScrape())?.warnings?.includes(notStored) === true);
    const metrics = await (await getMetrics()).text();
    expect(metrics).toContain("servescope_store_write_failing 1\n");

    // Memory stays bounded: past the limit the oldest scrapes go, and health says how many.
    const bounded = await waitForAsync(async () => (await health()).collector.writes.droppedSamples > 0, 60_000).then(
      health,
    );
    expect(bounded.collector.writes.pendingSamples).toBeLessThanOrEqual(MAX_PENDING);
    expect(bounded.reasons[0]).toMatch(
      /samples dropped so far \(at most 1000 are kept, SERVESCOPE_MAX_PENDING_SAMPLES\)$/,
    );

    rmSync(filler);
    await waitForAsync(async () => (await health()).status === "ok", 60_000);
    const recoveredAt = Date.now();
    server.runtime.collector.flush();
    expect(server.runtime.collector.state().writes).toMatchObject({ pendingScrapes: 0, failingSince: null });
    // What was scraped while the disk was full, and kept, is in the store now.
    const { series } = server.runtime.store.readWindows({
      endpointId: ID,
      metric: "cpu_percent",
      fromMs: recoveredAt,
      toMs: recoveredAt,
      stepMs: recoveredAt - failingSince,
    });
    expect(series.reduce((n, s) => n + (s.count[0] ?? 0), 0)).toBeGreaterThan(0);
    expect((await lastScrape())?.warnings).toBeUndefined();
  }, 300_000);
});
