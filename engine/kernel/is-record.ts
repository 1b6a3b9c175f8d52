// The one check for "a plain JSON-like object" used when validating untyped input.

/** True for a non-null object that is not an array. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
