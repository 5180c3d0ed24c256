import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact";

const SECRET = "s3cr3t-configured-token-value";
const redact = createRedactor([SECRET, null, "not-a-secret-but-long-enough"]);
// Token-shaped, built here so that no token-shaped literal sits in the repository.
const DATABRICKS_SHAPED = `dapi${"0123456789abcdef".repeat(2)}-2`;
const HF_SHAPED = `hf_${"AbCdEfGhIjKlMnOpQrStUvWxYz"}012`;

describe("createRedactor", () => {
  it.each([
    [`token=${SECRET}`, `token=${REDACTED}`],
    [`Bearer ${SECRET}`, `Bearer ${REDACTED}`],
    ["authorization: bearer abc.def-ghi", `authorization: bearer ${REDACTED}`],
    ["Basic dXNlcjpwYXNz", `Basic ${REDACTED}`],
    [DATABRICKS_SHAPED, REDACTED],
    [`key ${HF_SHAPED}`, `key ${REDACTED}`],
    ["a not-a-secret-but-long-enough b", `a ${REDACTED} b`],
  ])("redacts %j", (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each(["200", "replica-7b9c", "hf_short", "Bearer", "dapi-not-hex"])("leaves %j alone", (text) => {
    expect(redact(text)).toBe(text);
  });

  it("redacts every occurrence, each secret whole", () => {
    const nested = createRedactor(["abcdefgh", "abcdefgh-longer"]);
    expect(nested("abcdefgh-longer and abcdefgh")).toBe(`${REDACTED} and ${REDACTED}`);
  });
});
