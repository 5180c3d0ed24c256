import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HTTP_OPTIONS, fetchUpstream, type HttpOptions } from "./fetch-upstream";
import { IDLE_SOCKET_MS } from "./transport";
import { UpstreamError } from "./upstream-error";

const TOKEN = "dapi0123456789abcdef-secret";
const OPTIONS: HttpOptions = {
  ...DEFAULT_HTTP_OPTIONS,
  timeoutMs: 1_000,
  retries: 2,
  backoffBaseMs: 5,
  maxRetryAfterMs: 1_500,
  maxBytes: 1024,
};

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;
let handler: Handler = (_, res) => res.end("ok");
let attempts = 0;
let server: Server;
let base: string;
let host: string;

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res, attempts++));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  host = new URL(base).host;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function call(next: Handler, options: Partial<HttpOptions> = {}) {
  handler = next;
  attempts = 0;
  const request = { url: `${base}/x`, token: TOKEN, accept: "text/plain" };
  return fetchUpstream(request, { ...OPTIONS, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  expect(error.message).not.toContain(TOKEN);
  return error;
}

function failure(next: Handler, options: Partial<HttpOptions> = {}): Promise<UpstreamError> {
  return rejection(call(next, options));
}

describe("fetchUpstream", () => {
  it("sends the bearer token and Accept, and returns the body", async () => {
    let seen: IncomingMessage["headers"] = {};
    const response = await call((req, res) => {
      seen = req.headers;
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" });
      res.end("a 1\n");
    });
    expect(seen.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen.accept).toBe("text/plain");
    expect(response).toEqual({ status: 200, contentType: "text/plain; version=0.0.4", text: "a 1\n", bytes: 4 });
  });

  it("POSTs a JSON body", async () => {
    let seen = { method: "", type: "", body: "" };
    handler = (req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen = { method: req.method ?? "", type: req.headers["content-type"] ?? "", body };
        res.end("{}");
      });
    };
    const response = await fetchUpstream(
      { url: `${base}/x`, token: TOKEN, accept: "*/*", json: { a: [1, "b"] } },
      OPTIONS,
    );
    expect(response.text).toBe("{}");
    expect(seen).toEqual({ method: "POST", type: "application/json", body: '{"a":[1,"b"]}' });
  });

  it("times out a slow reply without retrying it", async () => {
    const error = await failure((_, res) => setTimeout(() => res.end("late"), 2_500));
    expect(error.message).toBe(`request to ${host} timed out after 1 s`);
    expect(error.status).toBeNull();
    expect(attempts).toBe(1);
  });

  it("retries 5xx with backoff and gives up with the upstream's words, token redacted", async () => {
    const error = await failure((req, res) => {
      res.writeHead(502);
      res.end(`proxy saw ${req.headers.authorization}`);
    });
    expect(error.message).toBe(`HTTP 502 from ${host}: proxy saw Bearer ***`);
    expect(error.status).toBe(502);
    expect(attempts).toBe(3);
  });

  it("uses readErrorMessage for the upstream's message", async () => {
    handler = (_, res) => {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end('{"m":"bad parameter"}');
    };
    const readErrorMessage = (body: string) => /"m":"([^"]*)"/.exec(body)?.[1] ?? null;
    const error = await rejection(
      fetchUpstream({ url: `${base}/x`, token: TOKEN, accept: "*/*", readErrorMessage }, OPTIONS),
    );
    expect(error.message).toBe(`HTTP 400 from ${host}: bad parameter`);
  });

  it("does not retry a 4xx", async () => {
    const error = await failure((_, res) => {
      res.writeHead(403);
      res.end();
    });
    expect(error.message).toBe(`HTTP 403 from ${host}`);
    expect(attempts).toBe(1);
  });

  it("honours Retry-After as an HTTP date on 503", async () => {
    const started = Date.now();
    const response = await call(
      (_, res, attempt) => {
        if (attempt === 0) {
          // HTTP dates have whole seconds: 2 s ahead is at least 1 s of waiting.
          res.writeHead(503, { "Retry-After": new Date(Date.now() + 2_000).toUTCString() });
          return res.end();
        }
        res.end("ok");
      },
      { maxRetryAfterMs: 3_000 },
    );
    expect(response.text).toBe("ok");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("fails at once when Retry-After exceeds the bound", async () => {
    const error = await failure((_, res) => {
      res.writeHead(429, { "Retry-After": "120" });
      res.end();
    });
    expect(error.message).toMatch(new RegExp(`^HTTP 429 from ${host}; retry after .+Z \\(in 120 s\\)$`));
    expect(attempts).toBe(1);
    // The caller (the collector) learns when it may ask again.
    const [, when] = /retry after (\S+Z)/.exec(error.message) ?? [];
    expect(error.retryAtMs).toBe(Date.parse(when ?? ""));
  });

  it("says when to retry after the last attempt was refused with a short Retry-After", async () => {
    const before = Date.now();
    const error = await failure(
      (_, res) => {
        res.writeHead(503, { "Retry-After": "1" });
        res.end();
      },
      { retries: 0 },
    );
    expect(error.status).toBe(503);
    expect(error.retryAtMs).toBeGreaterThanOrEqual(before + 1000);
  });

  it("refuses a declared and a streamed oversize body", async () => {
    const declared = await failure((_, res) => res.end("x".repeat(5_000)));
    expect(declared.message).toBe(`response from ${host} larger than 1 KB`);
    expect(attempts).toBe(1);
    const streamed = await failure((_, res) => {
      res.write("x".repeat(800));
      setTimeout(() => res.end("x".repeat(800)), 20);
    });
    expect(streamed.message).toBe(`response from ${host} larger than 1 KB`);
  });

  it("does not follow redirects", async () => {
    const error = await failure((_, res) => {
      res.writeHead(302, { Location: "http://example.com/" });
      res.end();
    });
    expect(error.message).toBe(`HTTP 302 from ${host} (redirects are not followed)`);
  });

  it("asks for and decodes a gzip body, capping the decoded bytes", async () => {
    let acceptEncoding = "";
    const gzipped =
      (text: string): Handler =>
      (req, res) => {
        acceptEncoding = req.headers["accept-encoding"] ?? "";
        res.writeHead(200, { "Content-Encoding": "gzip" });
        res.end(gzipSync(text));
      };
    const response = await call(gzipped("a 1\nb 2\n"));
    expect(acceptEncoding).toBe("gzip, deflate");
    expect(response).toMatchObject({ text: "a 1\nb 2\n", bytes: 8 });
    // 5,000 bytes squeeze into a few dozen: the cap is on what they decode to.
    const bomb = await failure(gzipped("x".repeat(5_000)));
    expect(bomb.message).toBe(`response from ${host} larger than 1 KB`);
  });

  it("retries a reply cut off mid-body and names it", async () => {
    const error = await failure((_, res) => {
      res.writeHead(200, { "Content-Length": "100" });
      res.write("a 1\n");
      setTimeout(() => res.socket?.destroy(), 10);
    });
    expect(error.message).toBe(`connection to ${host} closed before the response was complete`);
    expect(error.status).toBe(200);
    expect(attempts).toBe(3);
  });

  it("sends again on a fresh socket when a kept-alive one turns out closed", async () => {
    await call((_, res) => res.end("first"));
    // The next request arrives on the kept-alive socket, which the server drops unanswered.
    const response = await call((req, res, attempt) => (attempt === 0 ? req.socket.destroy() : res.end("second")), {
      retries: 0,
    });
    expect(response.text).toBe("second");
    expect(attempts).toBe(2);
  });

  it("reuses a connection while it is busy and closes it once idle", async () => {
    const sockets: unknown[] = [];
    const reply: Handler = (req, res) => {
      sockets.push(req.socket);
      res.end("ok");
    };
    await call(reply);
    await call(reply);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SOCKET_MS + 500));
    await call(reply);
    expect(sockets[1]).toBe(sockets[0]);
    expect(sockets[2]).not.toBe(sockets[0]);
  });

  it("names a refused connection, after retrying it", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    const error = await rejection(
      fetchUpstream({ url: `http://127.0.0.1:${port}/x`, token: TOKEN, accept: "*/*" }, OPTIONS),
    );
    expect(error.message).toBe(`could not reach 127.0.0.1:${port}: ECONNREFUSED`);
    expect(error.status).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
