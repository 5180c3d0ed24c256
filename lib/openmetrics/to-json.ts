/**
 * JSON that keeps NaN and ±Infinity, as the strings the formats write them ("NaN", "+Inf", "-Inf"), where
 * JSON.stringify would turn them into null. For `check-metrics --json` and the golden files.
 */
export function toExpositionJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? special(v) : v),
    2,
  );
}

const special = (v: number): string => (Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf");
