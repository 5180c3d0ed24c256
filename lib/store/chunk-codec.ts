import "server-only";
/**
 * A chunk of one series' samples as one blob: the count, timestamps as delta-of-delta zigzag
 * varints (a steady scrape costs a byte), then the values. Values that are decimals with at most
 * MAX_DECIMALS places are scaled to integers and stored as zigzag varint deltas (counters and
 * rounded gauges: 1–3 bytes); anything else as raw float64.
 */
const MAX_DECIMALS = 6;
const RAW_FLOATS = 255;
const POW10 = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => 10 ** d);

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
  const out = new ByteWriter();
  out.varint(n);
  let prevTs = 0;
  let prevDelta = 0;
  for (let i = 0; i < n; i++) {
    const t = ts[i] as number;
    const delta = t - prevTs;
    out.zigzag(delta - prevDelta);
    prevTs = t;
    prevDelta = delta;
  }
  const head = Array.prototype.slice.call(values, 0, n) as number[];
  const decimals = decimalsOf(head);
  out.varint(decimals);
  if (decimals === RAW_FLOATS) {
    out.float64s(head);
  } else {
    const scale = POW10[decimals] as number;
    let prev = 0;
    for (const v of head) {
      const scaled = Math.round(v * scale);
      out.zigzag(scaled - prev);
      prev = scaled;
    }
  }
  return out.bytes.slice(0, out.length);
}

export function decodeChunk(blob: Uint8Array): DecodedChunk {
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
    const view = new DataView(blob.buffer, blob.byteOffset + input.offset, n * 8);
    for (let i = 0; i < n; i++) values[i] = view.getFloat64(i * 8, true);
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
