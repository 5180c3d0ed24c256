import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FaultTable, Platform } from "./faults";
import { cardinalityLines, injectLines } from "./inject";
import { send, sendGarbage, sendOversize, sendTruncated, type Reply } from "./respond";

export interface ReceivedRequest {
  method: string;
  path: string;
  at: number;
}

export interface AdapterRequest {
  method: string;
  /** The request body (POST), "" otherwise. */
  body: string;
}

/** One fake platform: where a path goes, and how the platform words its errors. */
export interface PlatformAdapter {
  platform: Platform;
  token: string;
  /** The endpoint a path is about (for endpoint faults), or null for the whole source. */
  endpointOf(path: string): string | null;
  reply(path: string, request: AdapterRequest): Reply | Promise<Reply>;
  errorReply(status: number, message: string, headers?: Record<string, string>): Reply;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const STATUS_MESSAGES: Record<number, string> = {
  401: "Invalid access token.",
  403: "You do not have permission to access this resource.",
  404: "The requested resource does not exist.",
  500: "Internal error. Please try again later.",
  502: "Bad gateway.",
  503: "The service is temporarily unavailable.",
};

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.byteLength;
    if (bytes > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Where a fake server notes each request it receives. */
export type RecordRequest = (request: ReceivedRequest) => void;

async function handle(
  adapter: PlatformAdapter,
  faults: FaultTable,
  served: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://fake").pathname;
  if (req.headers.authorization !== `Bearer ${adapter.token}`) {
    return send(res, adapter.errorReply(401, STATUS_MESSAGES[401] ?? "Unauthorized"));
  }
  const request = { method: req.method ?? "GET", body: req.method === "POST" ? await readBody(req) : "" };
  const reply = () => adapter.reply(path, request);
  const fault = faults.take(adapter.platform, adapter.endpointOf(path));
  if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (res.destroyed) return;
  switch (fault?.kind) {
    case "status":
      return send(res, adapter.errorReply(fault.status, STATUS_MESSAGES[fault.status] ?? "Error"));
    case "rate-limit":
      return send(
        res,
        adapter.errorReply(429, "Too many requests. Please retry later.", { "Retry-After": fault.retryAfter }),
      );
    case "truncated":
      return sendTruncated(res, await reply());
    case "garbage":
      return sendGarbage(res, (await reply()).contentType);
    case "oversize":
      return sendOversize(res, (await reply()).contentType, fault.bytes);
    case "cardinality": {
      const offset = fault.rotate ? served * fault.series : 0;
      return send(res, injectLines(await reply(), cardinalityLines(fault.line, fault.series, offset)));
    }
    case "echo-authorization":
      return send(
        res,
        injectLines(await reply(), [fault.line.replaceAll("{authorization}", req.headers.authorization ?? "")]),
      );
    default:
      return send(res, await reply());
  }
}

/** Serves one fake platform on 127.0.0.1 at a free port. */
export async function servePlatform(
  adapter: PlatformAdapter,
  faults: FaultTable,
  record: RecordRequest,
): Promise<RunningServer> {
  let served = 0;
  const server = createServer((req, res) => {
    record({ method: req.method ?? "GET", path: new URL(req.url ?? "/", "http://fake").pathname, at: Date.now() });
    handle(adapter, faults, served++, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
