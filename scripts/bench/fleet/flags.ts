import { parseArgs } from "node:util";

export interface FleetFlags {
  endpoints: number;
  intervalS: number;
  durationS: number;
  /** A soak run: longer, on a smaller fleet, watching memory. */
  soak: boolean;
}

/**
 * `--endpoints N --interval S --duration S`, and `--soak [S]`: a soak of S seconds (default 600) whose
 * fleet defaults to 1,000 endpoints. Explicit flags win over both sets of defaults.
 */
export function readFleetFlags(args: string[], defaults: Omit<FleetFlags, "soak">): FleetFlags {
  const soakAt = args.indexOf("--soak");
  // `--soak` may stand alone: give parseArgs a value for it either way.
  const normalized = soakAt >= 0 && !/^\d+$/.test(args[soakAt + 1] ?? "") ? args.toSpliced(soakAt + 1, 0, "600") : args;
  const { values } = parseArgs({
    args: normalized,
    options: {
      endpoints: { type: "string" },
      interval: { type: "string" },
      duration: { type: "string" },
      soak: { type: "string" },
    },
  });
  const soak = values.soak !== undefined;
  const number = (name: string, raw: string | undefined, fallback: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: a positive number, not ${raw}`);
    return value;
  };
  return {
    endpoints: Math.round(number("endpoints", values.endpoints, soak ? 1000 : defaults.endpoints)),
    intervalS: number("interval", values.interval, defaults.intervalS),
    durationS: number("duration", values.duration ?? values.soak, defaults.durationS),
    soak,
  };
}
