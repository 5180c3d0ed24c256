/** "openmetrics" is every self-hosted process: its faults are keyed by replica ("openmetrics:vllm-chat-1"). */
export type Platform = "databricks" | "huggingface" | "openmetrics";

/** What a fake upstream does instead of (or before) answering normally. */
export type Fault = (
  | { kind: "slow"; delayMs: number }
  | { kind: "status"; status: 401 | 403 | 404 | 500 | 502 | 503 }
  /** 429 with a Retry-After header (seconds or an HTTP date). */
  | { kind: "rate-limit"; retryAfter: string }
  /** Declares the full Content-Length, sends half the body, then drops the connection. */
  | { kind: "truncated" }
  /** 200 with the right content type and a body that is not metrics text. */
  | { kind: "garbage" }
  /** 200 with a body of this many bytes (chunked, no Content-Length). */
  | { kind: "oversize"; bytes: number }
  /**
   * The normal metrics plus `series` copies of `line`, `{i}` in it replaced by 0, 1, 2, … (each
   * request new values with `rotate`): a label whose values never stop growing.
   */
  | { kind: "cardinality"; line: string; series: number; rotate?: boolean }
  /** The normal metrics plus `line` with `{authorization}` replaced by the request's Authorization header. */
  | { kind: "echo-authorization"; line: string }
) & {
  /** Applies to this many requests, then clears itself; forever when absent. */
  times?: number;
};

/** A whole platform ("databricks") or one endpoint ("databricks:fraud-scorer"). */
export type FaultTarget = Platform | `${Platform}:${string}`;

/** Faults by target; an endpoint's own fault wins over its platform's. */
export class FaultTable {
  private readonly faults = new Map<FaultTarget, Fault>();

  set(target: FaultTarget, fault: Fault | null): void {
    if (fault) this.faults.set(target, { ...fault });
    else this.faults.delete(target);
  }

  /** The fault for a request, consuming one use of a counted fault. */
  take(platform: Platform, endpoint: string | null): Fault | null {
    const targets: FaultTarget[] = endpoint === null ? [platform] : [`${platform}:${endpoint}`, platform];
    for (const target of targets) {
      const fault = this.faults.get(target);
      if (!fault) continue;
      if (fault.times !== undefined) {
        fault.times -= 1;
        if (fault.times <= 0) this.faults.delete(target);
      }
      return fault;
    }
    return null;
  }
}
