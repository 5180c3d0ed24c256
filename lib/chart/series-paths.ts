/** Data value → pixel, as the chart's axes map them (undefined off the axis). */
export type Scale = (value: number) => number | undefined;

/** Where one item of a series is: its time, and its value (anything but a number is a gap). */
export interface LineReader<Item> {
  time: (item: Item) => number;
  value: (item: Item) => unknown;
}

/** A pixel coordinate to a tenth: finer than a screen shows, and a short path string. */
function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * One series as an SVG path: a run of values is one line, a gap breaks it (never drawn as a zero), and
 * a value alone between gaps is a zero-length segment that a round line cap draws as a dot. `stepped`
 * holds each value until the next (a count such as replicas).
 */
export function linePath<Item>(
  items: readonly Item[],
  read: LineReader<Item>,
  x: Scale,
  y: Scale,
  stepped = false,
): string {
  const parts: string[] = [];
  let runLength = 0;
  for (const item of items) {
    const value = read.value(item);
    const atX = typeof value === "number" ? x(read.time(item)) : undefined;
    const atY = typeof value === "number" ? y(value) : undefined;
    if (atX === undefined || atY === undefined) {
      if (runLength === 1) parts.push("h0");
      runLength = 0;
      continue;
    }
    if (runLength === 0) parts.push(`M${px(atX)},${px(atY)}`);
    else if (stepped) parts.push(`H${px(atX)}V${px(atY)}`);
    else parts.push(`L${px(atX)},${px(atY)}`);
    runLength++;
  }
  if (runLength === 1) parts.push("h0");
  return parts.join("");
}

/** Where one item of a filled range is: its time, and its [low, high] (null is a gap). */
export interface AreaReader<Item> {
  time: (item: Item) => number;
  range: (item: Item) => readonly [number, number] | null;
}

/**
 * A filled range as an SVG path: along the highs, back along the lows, closed; a gap ends one
 * shape and a value alone between gaps has no width to fill. `stepped` holds both edges.
 */
export function areaPath<Item>(
  items: readonly Item[],
  read: AreaReader<Item>,
  x: Scale,
  y: Scale,
  stepped = false,
): string {
  const shapes: string[] = [];
  let run: { x: string; low: string; high: string }[] = [];
  const close = () => {
    if (run.length > 1) shapes.push(shapeOf(run, stepped));
    run = [];
  };
  for (const item of items) {
    const range = read.range(item);
    const atX = range ? x(read.time(item)) : undefined;
    const low = range ? y(range[0]) : undefined;
    const high = range ? y(range[1]) : undefined;
    if (atX === undefined || low === undefined || high === undefined) close();
    else run.push({ x: px(atX), low: px(low), high: px(high) });
  }
  close();
  return shapes.join("");
}

function shapeOf(run: readonly { x: string; low: string; high: string }[], stepped: boolean): string {
  const parts = [`M${run[0]!.x},${run[0]!.high}`];
  for (let i = 1; i < run.length; i++) {
    parts.push(stepped ? `H${run[i]!.x}V${run[i]!.high}` : `L${run[i]!.x},${run[i]!.high}`);
  }
  const last = run.length - 1;
  parts.push(stepped ? `V${run[last]!.low}` : `L${run[last]!.x},${run[last]!.low}`);
  for (let i = last - 1; i >= 0; i--) {
    // Backwards along a stepped low edge: to the earlier value's level first, then across.
    parts.push(stepped ? `V${run[i]!.low}H${run[i]!.x}` : `L${run[i]!.x},${run[i]!.low}`);
  }
  parts.push("Z");
  return parts.join("");
}

/**
 * Each series' [low, high] per row when stacked in order: it starts where those before it end (a
 * gap in one counts as nothing under the next) and a null of its own is a gap in its own shape.
 */
export function stackRanges(
  rows: readonly { [key: string]: unknown }[],
  keys: readonly string[],
): (readonly [number, number] | null)[][] {
  const ranges = keys.map(() => new Array<readonly [number, number] | null>(rows.length));
  rows.forEach((row, i) => {
    let base = 0;
    keys.forEach((key, k) => {
      const value = row[key];
      if (typeof value !== "number") {
        ranges[k]![i] = null;
        return;
      }
      ranges[k]![i] = [base, base + value];
      base += value;
    });
  });
  return ranges;
}
