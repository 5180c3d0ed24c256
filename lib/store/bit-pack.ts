import "server-only";
/**
 * Fixed-width bit packing of safe integers less an offset (frame of reference: the offset is their
 * minimum, so what is packed is non-negative). Little-endian bit order; a width of 0 packs nothing,
 * so a run of equal values costs no bytes. Above FAST_WIDTH, arithmetic: bitwise ops stop at 32 bits.
 */
const POW2 = Array.from({ length: 54 }, (_, k) => 2 ** k);
/** Up to this width a value and the bits pending fit the 32-bit operators (24 + 7 < 32). */
const FAST_WIDTH = 24;

/** Bits needed for values in [0, range]. */
export function widthOf(range: number): number {
  let width = 0;
  while (width < 53 && (POW2[width] as number) <= range) width++;
  return width;
}

export function packedBytes(count: number, width: number): number {
  return Math.ceil((count * width) / 8);
}

/** Packs values[i] − offset for i in [from, to) into out at byte position at; returns the end. */
export function pack(
  out: Uint8Array,
  at: number,
  values: ArrayLike<number>,
  from: number,
  to: number,
  offset: number,
  width: number,
): number {
  const end = at + packedBytes(to - from, width);
  if (width === 0) return end;
  out.fill(0, at, end);
  if (width <= FAST_WIDTH) {
    let byte = at;
    let acc = 0;
    let bits = 0;
    for (let i = from; i < to; i++) {
      acc |= ((values[i] as number) - offset) << bits;
      bits += width;
      while (bits >= 8) {
        out[byte++] = acc & 255;
        acc >>>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) out[byte] = acc;
    return end;
  }
  let byte = at;
  let bit = 0;
  for (let i = from; i < to; i++) {
    let v = (values[i] as number) - offset;
    let left = width;
    while (left > 0) {
      const take = Math.min(8 - bit, left);
      const low = v % (POW2[take] as number);
      out[byte] = (out[byte] as number) | (low << bit);
      v = (v - low) / (POW2[take] as number);
      left -= take;
      bit += take;
      if (bit === 8) {
        byte++;
        bit = 0;
      }
    }
  }
  return end;
}

/** Reads count values of width bits from bytes at byte position at, each plus offset, into into[first…]. */
export function unpack(
  bytes: Uint8Array,
  at: number,
  count: number,
  width: number,
  offset: number,
  into: Float64Array,
  first: number,
): number {
  const end = at + packedBytes(count, width);
  if (width === 0) {
    into.fill(offset, first, first + count);
    return end;
  }
  if (width <= FAST_WIDTH) {
    const mask = (1 << width) - 1;
    let byte = at;
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < count; i++) {
      while (bits < width) {
        acc |= (bytes[byte++] as number) << bits;
        bits += 8;
      }
      into[first + i] = (acc & mask) + offset;
      acc >>>= width;
      bits -= width;
    }
    return end;
  }
  let byte = at;
  let bit = 0;
  for (let i = 0; i < count; i++) {
    let v = 0;
    let got = 0;
    while (got < width) {
      const take = Math.min(8 - bit, width - got);
      v += (((bytes[byte] as number) >> bit) & ((1 << take) - 1)) * (POW2[got] as number);
      got += take;
      bit += take;
      if (bit === 8) {
        byte++;
        bit = 0;
      }
    }
    into[first + i] = v + offset;
  }
  return end;
}
