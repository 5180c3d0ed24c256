import { z } from "zod";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * An upstream base URL: https anywhere, plain http only on loopback (the demo and the tests),
 * so a token is never sent in clear over a network. Trailing slashes are dropped.
 */
export const UpstreamUrlSchema = z
  .string()
  .trim()
  .url()
  // zod runs these after a failed .url() too: an unparsable URL is left to its message.
  .refine((raw) => {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    return !url || url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  }, "must be an https:// URL (plain http:// is accepted only for 127.0.0.1 and localhost)")
  .refine((raw) => !URL.canParse(raw) || (new URL(raw).username === "" && new URL(raw).password === ""), {
    message: "must not carry credentials in the URL; use the token setting",
  })
  .transform((raw) => raw.replace(/\/+$/, ""));
