/**
 * A float as prometheus_client prints it (vLLM's /metrics): Python's repr, "5.0" for integers, and Go's
 * exponent form from 1e6 up ("1.2345678e+07"), as its floatToGoString does.
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  const repr = pythonRepr(value);
  const dot = repr.indexOf(".");
  if (value > 0 && dot > 6 && !repr.includes("e")) {
    const mantissa = `${repr[0]}.${repr.slice(1, dot)}${repr.slice(dot + 1)}`.replace(/\.?0+$/, "");
    return `${mantissa}e+0${dot - 1}`;
  }
  return repr;
}

/** Python's repr of a float: shortest round-trip digits, ".0" on integers, exponents below 1e-4 and from 1e16. */
function pythonRepr(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    const [digits = "", exponent = "0"] = value.toExponential().split("e");
    const power = Number(exponent);
    return `${digits}e${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  }
  const text = String(value);
  return Number.isInteger(value) ? `${text}.0` : text;
}
