/**
 * Caches a pure function of an integer. Past `maxEntries` it forgets everything and starts over:
 * memory stays bounded and, the function being pure, answers never change.
 */
export function memoizeByIndex(fn: (index: number) => number, maxEntries: number): (index: number) => number {
  const cache = new Map<number, number>();
  return (index) => {
    let value = cache.get(index);
    if (value === undefined) {
      if (cache.size >= maxEntries) cache.clear();
      value = fn(index);
      cache.set(index, value);
    }
    return value;
  };
}
