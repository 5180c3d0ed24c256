import { describe, expect, it } from "vitest";
import { ParseError, parseExposition } from "./parse";
import { readFixture as fixture } from "@/test-support/testdata";

const familyOf = (text: string, name: string, contentType?: string) =>
  parseExposition(text, { contentType }).families.find((family) => family.name === name);

describe("tolerant mode: what real servers send", () => {
  it("keeps Hugging Face's counter without _total, which strict mode rejects", () => {
    const text = fixture("huggingface/open-metrics.txt");
    const result = parseExposition(text);
    expect(result.errors).toEqual([]);
    const requests = result.families.find((family) => family.name === "http_requests");
    expect(requests?.type).toBe("counter");
    expect(requests?.samples.map((sample) => sample.value)).toEqual([1152, 1]);
    expect(() => parseExposition(text, { strict: true })).toThrow(ParseError);
  });

  it("keeps Databricks' *_total gauges as gauges named with the suffix", () => {
    const family = familyOf(fixture("databricks/metrics-gpu.txt"), "request_count_total");
    expect(family?.type).toBe("gauge");
    expect(family?.samples).toEqual([
      { name: "request_count_total", labels: {}, value: 1260, timestampMs: 1788718020000 },
    ]);
  });

  it("accepts a missing # EOF, trailing commas, tabs, extra spaces and CRLF", () => {
    const text = '# TYPE a gauge\r\na{x="1",} 1\r\n\ta{ x = "2" }\t 2   3\r\n';
    const result = parseExposition(text, { contentType: "application/openmetrics-text" });
    expect(result.errors).toEqual([]);
    expect(result.families[0]?.samples).toEqual([
      { name: "a", labels: { x: "1" }, value: 1, timestampMs: null },
      { name: "a", labels: { x: "2" }, value: 2, timestampMs: 3000 },
    ]);
  });

  it("skips one bad line, reports it, and keeps the good families", () => {
    const result = parseExposition("# TYPE a gauge\na 1\na{x=} 2\nb 3\n");
    expect(result.errors).toEqual([{ line: 3, column: 5, message: `expected '"' to open the label value, found "}"` }]);
    expect(result.families.map((family) => [family.name, family.samples.length])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("still rejects garbage: every line of a non-exposition is an error", () => {
    const result = parseExposition("<html>\n<body>502 Bad Gateway</body>\n</html>\n");
    expect(result.families).toEqual([]);
    expect(result.errors.map((error) => error.line)).toEqual([1, 2, 3]);
  });

  it("groups histogram, summary, counter and info samples under their family", () => {
    const text = [
      "# TYPE h histogram",
      'h_bucket{le="1"} 1',
      'h_bucket{le="+Inf"} 2',
      "h_sum 3",
      "h_count 2",
      "h_created 100",
      "# TYPE s summary",
      's{quantile="0.5"} 1',
      "s_sum 2",
      "s_count 3",
      "# TYPE c counter",
      "c_total 4",
      "c_created 5",
      "# TYPE i info",
      'i_info{version="1"} 1',
      "# TYPE g gaugehistogram",
      'g_bucket{le="+Inf"} 1',
      "g_gsum 1",
      "g_gcount 1",
      "# EOF",
    ].join("\n");
    const result = parseExposition(text);
    expect(result.format).toBe("openmetrics");
    expect(result.families.map((family) => [family.name, family.type, family.samples.length])).toEqual([
      ["h", "histogram", 5],
      ["s", "summary", 3],
      ["c", "counter", 2],
      ["i", "info", 1],
      ["g", "gaugehistogram", 3],
    ]);
    expect(result.families[0]?.samples[4]?.name).toBe("h_created");
  });

  it("merges a family declared again further down (concatenated scrapes)", () => {
    const text = '# TYPE a counter\na{r="1"} 1\n# TYPE b gauge\nb 2\n# TYPE a counter\na{r="2"} 3\n';
    const result = parseExposition(text);
    expect(result.errors).toEqual([]);
    expect(result.families.map((family) => [family.name, family.samples.length])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });

  it("reports a conflicting TYPE and keeps the first", () => {
    const result = parseExposition("# TYPE a counter\n# TYPE a gauge\na 1\n");
    expect(result.errors).toEqual([
      { line: 2, column: 1, message: 'conflicting TYPE for "a": "gauge" after "counter"' },
    ]);
    expect(result.families[0]?.type).toBe("counter");
  });

  it("reports text after # EOF once and ignores it", () => {
    const result = parseExposition("a 1\n# EOF\n\nb 2\nc 3\n", { contentType: "application/openmetrics-text" });
    expect(result.errors).toEqual([{ line: 4, column: 1, message: 'expected end of input after "# EOF", found "b"' }]);
    expect(result.families.map((family) => family.name)).toEqual(["a"]);
  });

  it("parses exemplars and drops them", () => {
    const family = familyOf('# TYPE a counter\na_total 1 # {trace_id="x"} 0.5 123\n# EOF\n', "a");
    expect(family?.samples).toEqual([{ name: "a_total", labels: {}, value: 1, timestampMs: null }]);
  });

  it("keeps a label named __proto__ as a label", () => {
    const labels = familyOf('a{__proto__="x",b="y"} 1\n', "a")?.samples[0]?.labels;
    expect(Object.keys(labels ?? {})).toEqual(["__proto__", "b"]);
    expect(labels?.["__proto__"]).toBe("x");
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  it("unescapes label values and HELP text", () => {
    const family = familyOf('# HELP a one\\ntwo \\\\ \\x\na{v="q\\"b\\\\s\\nn\\z"} 1\n', "a");
    expect(family?.help).toBe("one\ntwo \\ \\x");
    expect(family?.samples[0]?.labels.v).toBe('q"b\\s\nn\\z');
  });

  it("reads NaN and infinities as values, never as timestamps", () => {
    const result = parseExposition("a NaN\nb +Inf\nc -Inf\nd Inf\ne 1 Inf\n");
    expect(result.families.map((family) => family.samples[0]?.value)).toEqual([NaN, Infinity, -Infinity, Infinity]);
    expect(result.errors).toEqual([{ line: 5, column: 5, message: 'expected a timestamp, found "Inf"' }]);
  });
});

describe("format", () => {
  const om = "# TYPE a gauge\na 1 2\n# EOF\n";

  it("follows the Content-Type", () => {
    expect(parseExposition(om, { contentType: "application/openmetrics-text; version=1.0.0" }).format).toBe(
      "openmetrics",
    );
    expect(parseExposition(om, { contentType: "text/plain; version=0.0.4" }).format).toBe("prometheus");
  });

  it("detects OpenMetrics from # EOF or # UNIT, Prometheus text otherwise", () => {
    expect(parseExposition(om).format).toBe("openmetrics");
    expect(parseExposition("# TYPE a_bytes gauge\n# UNIT a_bytes bytes\na_bytes 1\n").format).toBe("openmetrics");
    expect(parseExposition("a 1 2\n").format).toBe("prometheus");
    expect(parseExposition("a 1\n", { contentType: "application/json" }).format).toBe("prometheus");
  });

  it("reads timestamps as seconds in OpenMetrics and milliseconds in Prometheus text", () => {
    const timestamp = (contentType: string) =>
      parseExposition(om, { contentType }).families[0]?.samples[0]?.timestampMs;
    expect(timestamp("application/openmetrics-text")).toBe(2000);
    expect(timestamp("text/plain")).toBe(2);
    expect(parseExposition("a 1 1.1\n# EOF\n").families[0]?.samples[0]?.timestampMs).toBe(1100);
  });

  it("names an undeclared family unknown in OpenMetrics and untyped in Prometheus text", () => {
    expect(parseExposition("a 1\n# EOF\n").families[0]?.type).toBe("unknown");
    expect(parseExposition("a 1\n").families[0]?.type).toBe("untyped");
  });

  it("reads OpenMetrics in strict mode whatever the Content-Type says", () => {
    const result = parseExposition(om, { strict: true, contentType: "text/plain" });
    expect(result.format).toBe("openmetrics");
    expect(result.families[0]?.samples[0]?.timestampMs).toBe(2000);
  });
});
