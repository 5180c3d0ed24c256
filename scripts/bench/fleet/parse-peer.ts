import { HUGGINGFACE_CONTENT_TYPE } from "../../../lib/fake-upstreams/respond";
import { parseExposition } from "../../../lib/openmetrics/parse";
import { normalizeHuggingFace } from "../../../lib/providers/create";
import { renderHuggingFaceMetrics } from "../../../lib/simulation";
import { collectGarbage, cpuSecondsSince } from "./figures";

export interface ParseCost {
  /** CPU seconds to parse one scrape's text, as the collector parses it. */
  parseS: number;
  /** The same, plus the Hugging Face normalizer. */
  parseNormalizeS: number;
  bytes: number;
}

const REPEATS = 10;

/**
 * CPU seconds per call of `run` over `texts`, the fewest of seven passes: each starts from a collected
 * heap, so the collector's garbage is not collected on the parser's time.
 */
function perCall(texts: readonly string[], run: (text: string) => void): number {
  const passes = Array.from({ length: 7 }, () => {
    collectGarbage();
    const started = process.cpuUsage();
    for (let i = 0; i < REPEATS; i++) for (const text of texts) run(text);
    return cpuSecondsSince(started) / (REPEATS * texts.length);
  });
  return Math.min(...passes);
}

/** What the fleet's scrapes cost the parser alone: the copied endpoint's text at the run's instants. */
export function measureParseCost(copyOf: string, instantsMs: readonly number[]): ParseCost {
  const texts = instantsMs.map((at) => renderHuggingFaceMetrics(copyOf, at)).filter((t): t is string => t !== null);
  if (texts.length === 0) throw new Error(`${copyOf} has no running replica at the run's instants`);
  const parse = (text: string) => parseExposition(text, { contentType: HUGGINGFACE_CONTENT_TYPE, strict: false });
  perCall(texts, parse);
  return {
    parseS: perCall(texts, parse),
    parseNormalizeS: perCall(texts, (text) => normalizeHuggingFace(parse(text).families, Date.now())),
    bytes: texts.reduce((n, text) => n + Buffer.byteLength(text), 0) / texts.length,
  };
}
