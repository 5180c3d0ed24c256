import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFixture } from "@/test-support/testdata";

export const HF_REPLICA_A = "fqwg7eri-hskoj";
export const HF_REPLICA_B = "q9cv26ut-3vo4s";

/** Requests per second each Hugging Face counter grows by, per replica and status code. */
export const HF_RATES: Record<string, Record<string, number>> = {
  [HF_REPLICA_A]: { "200": 8, "503": 0.5 },
  [HF_REPLICA_B]: { "200": 2, "404": 1 },
};

export const TOKENS = { dbx: "dapi-test-token", hf: "hf_test_token" } as const;

export const PATHS = {
  dbx: "/api/2.0/serving-endpoints/fraud-scorer/metrics",
  dbxIdle: "/api/2.0/serving-endpoints/idle-scorer/metrics",
  hf: "/v2/endpoint/acme/llama/open-metrics",
} as const;

/** Databricks text with its minute timestamps moved to now, so the engines accept and honour them. */
function databricksText(fixture: string): string {
  return fixture.replace(/ \d{13}$/gm, ` ${Date.now()}`);
}

/** The Hugging Face fixture with `http_requests` counters that grow at HF_RATES since start-up. */
function huggingFaceText(fixture: string, startedMs: number): string {
  const elapsedS = (Date.now() - startedMs) / 1000;
  const counters = Object.entries(HF_RATES).flatMap(([replica, codes]) =>
    Object.entries(codes).map(
      ([code, rate]) => `http_requests{replica_id="${replica}",status_code="${code}"} ${1000 + rate * elapsedS}`,
    ),
  );
  return fixture
    .replace(/^http_requests\{.*\n/gm, "")
    .replace("# TYPE http_requests counter\n", (typeLine) => `${typeLine}${counters.join("\n")}\n`);
}

export interface FakeExporter {
  port: number;
  /** Scrapes answered, by path; a request with the wrong token is answered 401 and not counted. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Serves Databricks- and Hugging Face-style metrics on 127.0.0.1, checking each platform's bearer token. */
export async function startFakeExporter(): Promise<FakeExporter> {
  const startedMs = Date.now();
  const gpu = readFixture("databricks/metrics-gpu.txt");
  const idle = readFixture("databricks/metrics-idle.txt");
  const hf = readFixture("huggingface/open-metrics.txt");
  const routes: Record<string, { token: string; contentType: string; body: () => string }> = {
    [PATHS.dbx]: { token: TOKENS.dbx, contentType: "text/plain; version=0.0.4", body: () => databricksText(gpu) },
    [PATHS.dbxIdle]: { token: TOKENS.dbx, contentType: "text/plain; version=0.0.4", body: () => databricksText(idle) },
    [PATHS.hf]: {
      token: TOKENS.hf,
      contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8",
      body: () => huggingFaceText(hf, startedMs),
    },
  };
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const route = routes[request.url ?? ""];
    if (!route) return void response.writeHead(404).end();
    if (request.headers.authorization !== `Bearer ${route.token}`) return void response.writeHead(401).end();
    hits.set(request.url ?? "", (hits.get(request.url ?? "") ?? 0) + 1);
    response.writeHead(200, { "content-type": route.contentType }).end(route.body());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
