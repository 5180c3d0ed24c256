import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { exposureRefusal } from "./exposure";
import { installRequestGuard } from "./request-guard";
import { readSocketStamp, SOCKET_HEADER } from "./socket-stamp";

/** A server that answers with what the app would learn of the request's socket. */
async function startServer(host: string, guarded: boolean): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ socket: readSocketStamp(headers), refusal: exposureRefusal(headers) }));
  });
  if (guarded) installRequestGuard(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** node:http, since fetch cannot send TRACE. */
function send(url: string, method = "GET", headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function started(host: string, guarded = true) {
  const running = await startServer(host, guarded);
  servers.push(running.server);
  return running.port;
}

describe("installRequestGuard", () => {
  it("answers TRACE with 405 before the app sees it", async () => {
    const port = await started("127.0.0.1");
    const response = await send(`http://127.0.0.1:${port}/`, "TRACE");
    expect(response).toEqual({ status: 405, body: "method TRACE is not allowed\n" });
  });

  it("stamps the socket's addresses, replacing a stamp the client forged", async () => {
    const port = await started("127.0.0.1");
    const forged = { [SOCKET_HEADER]: "0000 127.0.0.1 127.0.0.1" };
    const { body } = await send(`http://127.0.0.1:${port}/`, "GET", forged);
    expect(JSON.parse(body)).toEqual({
      socket: { localAddress: "127.0.0.1", remoteAddress: "127.0.0.1" },
      refusal: null,
    });
  });

  it("leaves a request it did not see unstamped, so the loopback rule refuses it", async () => {
    const port = await started("127.0.0.1", false);
    const { body } = await send(`http://127.0.0.1:${port}/`, "GET", { [SOCKET_HEADER]: "0000 127.0.0.1 127.0.0.1" });
    expect(JSON.parse(body)).toEqual({
      socket: null,
      refusal: expect.stringContaining("could not tell which interface this request arrived on"),
    });
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;
  it.runIf(external !== undefined)(
    "marks a request on a network interface, which the loopback rule refuses",
    async () => {
      const port = await started("0.0.0.0");
      const { body } = await send(`http://${external}:${port}/`, "GET", { host: `127.0.0.1:${port}` });
      expect(JSON.parse(body)).toEqual({
        socket: { localAddress: external, remoteAddress: external },
        refusal: expect.stringContaining("this request arrived on a network interface"),
      });
    },
  );
});
