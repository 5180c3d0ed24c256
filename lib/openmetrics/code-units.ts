/** Zeros after the text, so a reader may look a few characters past its end without a bounds check. */
export const PADDING = 4;

// Reused by every parse (they are synchronous): a fresh array of this size costs its page faults on every
// parse, as much again as the copy itself. It only grows, to the largest text parsed so far.
let bytes = Buffer.alloc(0);
let units = new Uint16Array(0);

/** `text`'s UTF-16 code units followed by PADDING zeros: indexing a typed array is cheaper than `charCodeAt`. */
export function codeUnits(text: string): Uint16Array {
  const needed = text.length + PADDING;
  if (units.length < needed) {
    bytes = Buffer.allocUnsafe(needed * 2);
    units = new Uint16Array(bytes.buffer, bytes.byteOffset, needed);
  }
  units.fill(0, bytes.write(text, "utf16le") / 2, needed);
  return units;
}
