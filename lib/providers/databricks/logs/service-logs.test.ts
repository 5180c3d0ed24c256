import { describe, expect, it } from "vitest";
import { parseServiceLogs, selectLogPage } from "./service-logs";
import { decodeLogCursor, encodeLogCursor, type LogsQuery } from "./records";

const T = Date.UTC(2026, 11, 1, 12, 0, 0);

const TEXT = [
  "Loading model from /model (no timestamp yet)",
  "[5bqvx] [2026-12-01 12:00:00 +0000] [7] [INFO] Starting gunicorn 22.0.0",
  "[5bqvx] 2026-12-01 12:00:01,250 WARNING mlflow.pyfunc: model signature missing",
  "[5bqvx] 2026-12-01 12:00:02,500 ERROR model_server: Exception on /invocations [POST]",
  "[5bqvx] Traceback (most recent call last):",
  '[5bqvx]   File "/model/predict.py", line 3, in predict',
  "[5bqvx] ValueError: bad input",
  "2026-12-01T12:00:03.123456Z CRITICAL worker died",
  "2026/12/01 13:00:04 DEBUG cache warm",
  "[2026-12-01 14:00:05 +0200] [9] [ERROR] Worker timeout",
  "2026-12-01 12:00:06 plain line without a level",
  "",
].join("\n");

describe("parseServiceLogs", () => {
  const { records, untimedLines } = parseServiceLogs(TEXT, "model-1");

  it("reads each line's time (zone or UTC), level word and replica; lines without a time continue the row above", () => {
    expect(records.map(({ timeMs, severity, body }) => [timeMs - T, severity, body])).toEqual([
      [0, "INFO", "Starting gunicorn 22.0.0"],
      [1250, "WARN", "mlflow.pyfunc: model signature missing"],
      [
        2500,
        "ERROR",
        'model_server: Exception on /invocations [POST]\nTraceback (most recent call last):\n  File "/model/predict.py", line 3, in predict\nValueError: bad input',
      ],
      [3123, "FATAL", "worker died"],
      [3_600_000 + 4000, "DEBUG", "cache warm"],
      [5000, "ERROR", "Worker timeout"],
      [6000, "INFO", "plain line without a level"],
    ]);
    expect(records[3]!.timeUs).toBe((T + 3123) * 1000 + 456);
    expect(records[0]!.attributes).toEqual({ served_model: "model-1", replica: "5bqvx" });
    expect(records[3]!.attributes).toEqual({ served_model: "model-1" });
    expect(untimedLines).toBe(1);
  });

  it("pages newest first by severity, text and range, and goes on after a cursor without repeating a row", () => {
    const query: LogsQuery = {
      fromMs: T,
      toMs: T + 10_000,
      minSeverity: "INFO",
      text: null,
      limit: 2,
      before: null,
    };
    const first = selectLogPage(records, query);
    expect(first.map((r) => r.timeMs - T)).toEqual([6000, 5000, 3123]);
    const cursor = decodeLogCursor(encodeLogCursor(first[1]!));
    expect(cursor).toEqual({ t: first[1]!.timeUs, id: first[1]!.id });
    expect(selectLogPage(records, { ...query, before: cursor }).map((r) => r.timeMs - T)).toEqual([3123, 2500, 1250]);
    expect(selectLogPage(records, { ...query, minSeverity: "ERROR", limit: 10 }).map((r) => r.severity)).toEqual([
      "ERROR",
      "FATAL",
      "ERROR",
    ]);
    expect(selectLogPage(records, { ...query, text: "VALUEERROR", limit: 10 }).map((r) => r.timeMs - T)).toEqual([
      2500,
    ]);
  });
});

describe("decodeLogCursor", () => {
  it.each([
    "",
    "not-a-cursor",
    Buffer.from("{}").toString("base64url"),
    Buffer.from('{"t":-1,"id":"a"}').toString("base64url"),
  ])("refuses %j", (text) => expect(decodeLogCursor(text)).toBeNull());
});
