import "server-only";
import { pack, packedBytes, unpack, widthOf } from "./bit-pack";

/**
 * A chunk of one series' samples as one blob: a format byte, the count, the first timestamp and
 * delta, then the deltas of deltas bit-packed at the chunk's own width (a steady scrape costs
 * nothing). Values that are decimals with at most MAX_DECIMALS places are scaled to integers and
 * bit-packed, as offsets from the chunk's minimum (noisy gauges) or as deltas from the smallest
 * delta (counters), whichever is narrower; anything else as raw float64.
 */
const MAX_DECIMALS = 6;
const RAW_FLOATS = 255;
const POW10 = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => 10 ** d);
/** First byte of a packed chunk. Chunks written before it (varint deltas) start with their count, ≥ 1. */
const PACKED = 0;
const BY_OFFSET = 0;
const BY_DELTA = 1;
/** The largest magnitude whose zigzag (2|v| + 1) is still exact in a double. */
const ZIGZAG_MAX = 2 ** 52;

export interface DecodedChunk {
  ts: Float64Array;
  values: Float64Array;
}

class ByteWriter {
  bytes = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Unsigned varint of any safe integer: arithmetic, since bitwise ops stop at 32 bits. */
  varint(value: number): void {
    this.reserve(8);
    let v = value;
    while (v >= 128) {
      this.bytes[this.length++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.bytes[this.length++] = v;
  }

  zigzag(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** values[from…to) − offset, width bits each. */
  packed(values: ArrayLike<number>, from: number, to: number, offset: number, width: number): void {
    this.reserve(packedBytes(to - from, width));
    this.length = pack(this.bytes, this.length, values, from, to, offset, width);
  }

  float64s(values: ArrayLike<number>): void {
    this.reserve(values.length * 8);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset);
    for (let i = 0; i < values.length; i++, this.length += 8) view.setFloat64(this.length, values[i] as number, true);
  }
}

class ByteReader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.offset++] as number;
      result += (byte & 127) * scale;
      if (byte < 128) return result;
      scale *= 128;
    }
  }

  zigzag(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  byte(): number {
    return this.bytes[this.offset++] as number;
  }

  /** count values of width bits, each plus offset, into into[first…]. */
  packed(count: number, width: number, offset: number, into: Float64Array, first: number): void {
    this.offset = unpack(this.bytes, this.offset, count, width, offset, into, first);
  }

  float64s(into: Float64Array): void {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, into.length * 8);
    for (let i = 0; i < into.length; i++) into[i] = view.getFloat64(i * 8, true);
    this.offset += into.length * 8;
  }
}

/** The fewest decimals that represent every value exactly, or RAW_FLOATS. */
function decimalsOf(values: ArrayLike<number>): number {
  let decimals = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    while (decimals <= MAX_DECIMALS) {
      const scaled = Math.round(v * (POW10[decimals] as number));
      if (Math.abs(scaled) <= Number.MAX_SAFE_INTEGER && scaled / (POW10[decimals] as number) === v) break;
      decimals++;
    }
    if (decimals > MAX_DECIMALS) return RAW_FLOATS;
  }
  return decimals;
}

/** Encodes n samples, timestamps (integer ms) ascending. */
export function encodeChunk(ts: ArrayLike<number>, values: ArrayLike<number>, n: number): Uint8Array {
  return encodeColumns(ts, [values], n);
}

/**
 * Encodes n rows of ascending integer keys and value columns, each column packed as a chunk's values
 * are: a chunk is the one-column case (same bytes), a roll-up block keys its buckets' columns.
 */
export function encodeColumns(keys: ArrayLike<number>, columns: readonly ArrayLike<number>[], n: number): Uint8Array {
  const out = new ByteWriter();
  out.byte(PACKED);
  out.varint(n);
  if (n === 0) return out.bytes.slice(0, out.length);
  out.varint(keys[0] as number);
  if (n >= 2) out.zigzag((keys[1] as number) - (keys[0] as number));
  if (n >= 3) {
    const dods = new Float64Array(n); // dods[2…n): deltas of deltas of ms within an hour, or of bucket indexes: safe integers
    let min = Infinity;
    let max = -Infinity;
    for (let i = 2; i < n; i++) {
      const dod = (keys[i] as number) - 2 * (keys[i - 1] as number) + (keys[i - 2] as number);
      dods[i] = dod;
      if (dod < min) min = dod;
      if (dod > max) max = dod;
    }
    const width = widthOf(max - min);
    out.zigzag(min);
    out.byte(width);
    out.packed(dods, 2, n, min, width);
  }
  for (const values of columns) writeValues(out, Array.prototype.slice.call(values, 0, n) as number[]);
  return out.bytes.slice(0, out.length);
}

function writeValues(out: ByteWriter, values: number[]): void {
  const n = values.length;
  const decimals = decimalsOf(values);
  const scale = POW10[decimals] as number;
  const scaled = new Float64Array(n);
  const deltas = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  let minDelta = Infinity;
  let maxDelta = -Infinity;
  for (let i = 0; i < n && decimals !== RAW_FLOATS; i++) {
    const s = Math.round((values[i] as number) * scale);
    scaled[i] = s;
    if (s < min) min = s;
    if (s > max) max = s;
    if (i === 0) continue;
    const d = s - (scaled[i - 1] as number);
    deltas[i] = d;
    if (d < minDelta) minDelta = d;
    if (d > maxDelta) maxDelta = d;
  }
  // Exact only while each range is a safe integer and each zigzagged start (doubled) stays one too.
  const safe = (lo: number, hi: number) => hi - lo <= Number.MAX_SAFE_INTEGER && -lo <= ZIGZAG_MAX && hi <= ZIGZAG_MAX;
  const offsetWidth = safe(min, max) ? widthOf(max - min) : Infinity;
  const deltaWidth =
    n >= 2 && safe(minDelta, maxDelta) && Math.abs(scaled[0] as number) <= ZIGZAG_MAX
      ? widthOf(maxDelta - minDelta)
      : Infinity;
  if (decimals === RAW_FLOATS || (offsetWidth === Infinity && deltaWidth === Infinity)) {
    out.varint(RAW_FLOATS);
    out.float64s(values);
    return;
  }
  out.varint(decimals);
  if (deltaWidth * (n - 1) < offsetWidth * n) {
    out.byte(BY_DELTA);
    out.zigzag(scaled[0] as number);
    out.zigzag(minDelta);
    out.byte(deltaWidth);
    out.packed(deltas, 1, n, minDelta, deltaWidth);
  } else {
    out.byte(BY_OFFSET);
    out.zigzag(min);
    out.byte(offsetWidth);
    out.packed(scaled, 0, n, min, offsetWidth);
  }
}

/** Running sums in place from index from: a[i] += a[i − 1]. */
function accumulate(a: Float64Array, from: number): void {
  for (let i = from; i < a.length; i++) a[i] = (a[i] as number) + (a[i - 1] as number);
}

export function decodeChunk(blob: Uint8Array): DecodedChunk {
  if (blob[0] !== PACKED) return decodeVarintChunk(blob);
  const { keys, columns } = decodeColumns(blob, 1);
  return { ts: keys, values: columns[0] as Float64Array };
}

export interface DecodedColumns {
  keys: Float64Array;
  columns: Float64Array[];
}

/** The keys and the first `count` value columns of a blob encodeColumns wrote. */
export function decodeColumns(blob: Uint8Array, count: number): DecodedColumns {
  const input = new ByteReader(blob);
  input.offset = 1;
  const n = input.varint();
  const keys = new Float64Array(n);
  const columns = Array.from({ length: count }, () => new Float64Array(n));
  if (n === 0) return { keys, columns };
  keys[0] = input.varint();
  if (n >= 2) keys[1] = input.zigzag();
  if (n >= 3) {
    const min = input.zigzag();
    input.packed(n - 2, input.byte(), min, keys, 2);
    accumulate(keys, 2); // deltas from deltas of deltas
  }
  accumulate(keys, 1);
  for (const values of columns) readValues(input, values);
  return { keys, columns };
}

function readValues(input: ByteReader, values: Float64Array): void {
  const n = values.length;
  const decimals = input.varint();
  if (decimals === RAW_FLOATS) {
    input.float64s(values);
    return;
  }
  const mode = input.byte();
  if (mode === BY_DELTA) {
    values[0] = input.zigzag();
    const min = input.zigzag();
    input.packed(n - 1, input.byte(), min, values, 1);
    accumulate(values, 1);
  } else {
    const min = input.zigzag();
    input.packed(n, input.byte(), min, values, 0);
  }
  const scale = POW10[decimals] as number;
  if (scale !== 1) for (let i = 0; i < n; i++) values[i] = (values[i] as number) / scale;
}

/** The format before PACKED: zigzag varint deltas. Such chunks age out with raw retention. */
function decodeVarintChunk(blob: Uint8Array): DecodedChunk {
  const input = new ByteReader(blob);
  const n = input.varint();
  const ts = new Float64Array(n);
  const values = new Float64Array(n);
  let prevTs = 0;
  let prevDelta = 0;
  for (let i = 0; i < n; i++) {
    prevDelta += input.zigzag();
    prevTs += prevDelta;
    ts[i] = prevTs;
  }
  const decimals = input.varint();
  if (decimals === RAW_FLOATS) {
    input.float64s(values);
  } else {
    const scale = POW10[decimals] as number;
    let prev = 0;
    for (let i = 0; i < n; i++) {
      prev += input.zigzag();
      values[i] = prev / scale;
    }
  }
  return { ts, values };
}
