import { hash32 } from "./random";

/** `digits` lowercase hex digits from the parts (trace and span ids, request ids); one hash of the parts. */
export function hexId(digits: number, ...parts: Array<string | number>): string {
  const seed = hash32(...parts);
  let out = "";
  for (let word = 0; out.length < digits; word += 1) out += hash32(seed, word).toString(16).padStart(8, "0");
  return out.slice(0, digits);
}

/** A UUID-shaped id (8-4-4-4-12) from the parts. */
export function uuidOf(...parts: Array<string | number>): string {
  const hex = hexId(32, ...parts);
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}
