import { parseNumberString } from "./number";
import { ParseError } from "./parse-error";
import type { MetricFamily } from "./types";

/** What strict mode remembers of each sample beyond the Sample itself. */
export interface SampleTrace {
  rawTimestamp: number;
  line: number;
}

/**
 * OpenMetrics' rules for one histogram or gauge histogram, per group of samples (same labels but `le`, same
 * timestamp): buckets ascending in `le` and in count, a `+Inf` bucket, `_count` equal to it and paired with
 * `_sum`/`_gsum`, no `_sum` with negative buckets, no negative `_gsum` without them.
 */
export function checkHistogram(family: MetricFamily, traces: readonly SampleTrace[], groupKeys: readonly string[]) {
  let state: GroupState | null = null;
  for (let i = 0; i < family.samples.length; i++) {
    const sample = family.samples[i]!;
    const trace = traces[i]!;
    if (state === null || groupKeys[i] !== state.key || !sameTimestamp(trace.rawTimestamp, state.rawTimestamp)) {
      if (state !== null) checkGroup(family.name, state);
      state = newGroup(groupKeys[i]!, trace.rawTimestamp);
    }
    state.line = trace.line;
    const suffix = sample.name.slice(family.name.length);
    if (suffix === "_bucket") {
      const le = parseNumberString(sample.labels.le ?? "", true) ?? NaN;
      if (le < 0) state.negativeBuckets = true;
      if (state.bucket !== null && le <= state.bucket) fail(`buckets of "${family.name}" out of order`, state);
      if (sample.value < state.bucketValue) fail(`bucket counts of "${family.name}" decrease`, state);
      state.bucket = le;
      state.bucketValue = sample.value;
    } else if (suffix === "_count" || suffix === "_gcount") {
      state.count = sample.value;
    } else if (suffix === "_sum") {
      state.sum = true;
    } else if (suffix === "_gsum") {
      state.gsum = true;
      if (sample.value < 0) state.negativeGsum = true;
    }
  }
  if (state !== null) checkGroup(family.name, state);
}

interface GroupState {
  key: string;
  rawTimestamp: number;
  line: number;
  bucket: number | null;
  bucketValue: number;
  count: number | null;
  sum: boolean;
  gsum: boolean;
  negativeBuckets: boolean;
  negativeGsum: boolean;
}

const newGroup = (key: string, rawTimestamp: number): GroupState => ({
  key,
  rawTimestamp,
  line: 0,
  bucket: null,
  bucketValue: 0,
  count: null,
  sum: false,
  gsum: false,
  negativeBuckets: false,
  negativeGsum: false,
});

const sameTimestamp = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

function checkGroup(name: string, group: GroupState): void {
  if (group.bucket !== Infinity) fail(`histogram "${name}" has no "+Inf" bucket`, group);
  if (group.count !== null && group.count !== group.bucketValue) {
    fail(`"${name}" count ${group.count} differs from its "+Inf" bucket ${group.bucketValue}`, group);
  }
  if ((group.sum || group.gsum) && group.count === null) fail(`"${name}" has a sum but no count`, group);
  if (!(group.sum || group.gsum) && group.count !== null) fail(`"${name}" has a count but no sum`, group);
  if (group.negativeBuckets && group.sum) fail(`"${name}" has negative buckets and a _sum`, group);
  if (!group.negativeBuckets && group.negativeGsum)
    fail(`"${name}" has a negative _gsum but no negative buckets`, group);
}

function fail(reason: string, group: GroupState): never {
  throw new ParseError(reason, group.line, 1);
}
