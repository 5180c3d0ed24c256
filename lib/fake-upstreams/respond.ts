import type { ServerResponse } from "node:http";

export const DATABRICKS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
export const HUGGINGFACE_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

const GARBAGE =
  "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>upstream connect error</body></html>\n";

/** One answer of a fake platform, before any fault is applied. */
export interface Reply {
  status: number;
  contentType: string;
  text: string;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, contentType: "application/json", text: JSON.stringify(body), headers };
}

export function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    "Content-Type": reply.contentType,
    "Content-Length": Buffer.byteLength(reply.text),
    ...reply.headers,
  });
  res.end(reply.text);
}

export function sendTruncated(res: ServerResponse, reply: Reply): void {
  const bytes = Buffer.from(reply.text);
  res.writeHead(reply.status, { "Content-Type": reply.contentType, "Content-Length": bytes.byteLength });
  res.write(bytes.subarray(0, Math.floor(bytes.byteLength / 2)), () => res.destroy());
}

export function sendGarbage(res: ServerResponse, contentType: string): void {
  send(res, { status: 200, contentType, text: GARBAGE });
}

/** Streams `bytes` of comment lines without a Content-Length, so only a streaming cap catches it. */
export function sendOversize(res: ServerResponse, contentType: string, bytes: number): void {
  res.writeHead(200, { "Content-Type": contentType });
  const line = `# ${"x".repeat(1021)}\n`;
  let sent = 0;
  const pump = () => {
    while (sent < bytes && !res.destroyed) {
      sent += line.length;
      if (!res.write(line)) return void res.once("drain", pump);
    }
    res.end();
  };
  res.on("error", () => undefined);
  pump();
}
