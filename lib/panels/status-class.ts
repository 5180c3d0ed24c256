/** Every request is counted in one of these; "other" holds codes that are not 1xx–5xx (or are missing). */
export const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx", "other"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/**
 * A status code ("503") or a class as some servers export it ("5xx", vLLM's `status` label), as a
 * pattern that JavaScript and RE2 (PromQL's `label_replace`, anchored there) read the same way.
 */
export const STATUS_CODE_PATTERN = "([1-5])([0-9][0-9]|xx)";
const STATUS_CODE = new RegExp(`^${STATUS_CODE_PATTERN}$`);

/** The one status-class rule: "503" → "5xx", "2xx" → "2xx", anything else → "other". */
export function statusClassOf(code: string): StatusClass {
  const match = STATUS_CODE.exec(code);
  return match ? (`${match[1]}xx` as StatusClass) : "other";
}

/** Whether a series name is a class ("5xx", "other") rather than a code. */
export function isStatusClass(name: string): name is StatusClass {
  return (STATUS_CLASSES as readonly string[]).includes(name);
}
