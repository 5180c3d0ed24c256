// One collator for every comparison: localeCompare with options builds one per call, which was a
// tenth of the fleet's answer on the server (its series) and 67 ms of its table in the browser (rows).
const NATURAL = new Intl.Collator("en", { numeric: true });

/** Names in the order people read them: "r2" before "r10". */
export function compareNatural(a: string, b: string): number {
  return NATURAL.compare(a, b);
}
