/** Makes a label set from its values, in the order of the label names it was made for. */
export type LabelFactory = (values: readonly string[]) => Record<string, string>;

/** Label name sequences an exposition repeats are few; past this many, new ones take the slow path. */
const MAX_FACTORIES = 1024;
/** Literals this long gain nothing over adding the properties one by one. */
const MAX_LITERAL_LABELS = 32;

const factories = new Map<string, LabelFactory>();

/**
 * The factory for label sets with the names `keys[0 … count-1]`: one object literal with those names,
 * compiled once. A literal creates the object at its final shape and size, where adding the properties one by
 * one walks V8's map transitions through a megamorphic store; with the objects' GC it made the plain reader's
 * label sets cost twice what the rest of a sample does. The names are label names (`[a-zA-Z_][a-zA-Z0-9_]*`,
 * never `__proto__`), quoted by JSON.stringify besides.
 */
export function labelFactory(keys: readonly string[], count: number): LabelFactory {
  const names = keys.slice(0, count);
  const id = names.join(",");
  const cached = factories.get(id);
  if (cached !== undefined) return cached;
  if (factories.size >= MAX_FACTORIES || count > MAX_LITERAL_LABELS) return (values) => assignLabels(names, values);
  const properties = names.map((name, k) => `${JSON.stringify(name)}: values[${k}]`);
  const factory = new Function("values", `return { ${properties.join(", ")} };`) as LabelFactory;
  factories.set(id, factory);
  return factory;
}

function assignLabels(names: readonly string[], values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let k = 0; k < names.length; k++) labels[names[k]!] = values[k]!;
  return labels;
}
