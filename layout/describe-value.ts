// The one describer of a wrong value, as error messages show it after "got". It sits in the
// bottom layer so the layout, the kernel, the config loader and the Lua API all share it.

/**
 * Whose words describe the value: `lua` for tables and functions from extensions, `yaml` for
 * config files, `json` for JSON a user or a model wrote.
 */
export type Notation = "lua" | "yaml" | "json";

const NOTHING: Record<Notation, string> = { lua: "nil", yaml: "null", json: "nothing" };
const LIST: Record<Notation, string> = { lua: "a table", yaml: "a list", json: "a list" };
const OBJECT: Record<Notation, string> = { lua: "a table", yaml: "a table", json: "an object" };

/** A value as shown after "got": strings quoted, containers named ("a table", "a list"), numbers as written. */
export function describeValue(v: unknown, notation: Notation = "lua"): string {
  if (v === undefined || (v === null && notation !== "json")) return NOTHING[notation];
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isNaN(v) ? "nan" : Number.isFinite(v) ? String(v) : v > 0 ? "inf" : "-inf";
  if (typeof v === "function") return "a function";
  if (Array.isArray(v)) return LIST[notation];
  if (typeof v === "object") return OBJECT[notation];
  return String(v);
}
