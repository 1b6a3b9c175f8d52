// Strict checking of table arguments: every key known, every value of its type, the error naming
// the field in the argument-error grammar (`buf.create: opts.buffr: unknown key`). Kept apart from
// lua-args.ts so the scalar argument readers can change without touching this.
import { ArgError, type Args } from "./lua-args.js";
import { LuaFunctionRef, luaTypeOf } from "./lua-value.js";

/** What a field must hold: a Lua type word, a list of allowed strings, or a custom check. */
export type FieldKind =
  | "string" | "integer" | "number" | "boolean" | "function" | "table" | "list" | "any"
  | readonly string[]
  | { expected: string; ok: (v: unknown) => boolean };

/** The fields a table argument may carry. */
export type FieldSchema = Readonly<Record<string, FieldKind>>;

function matches(kind: FieldKind, v: unknown): boolean {
  if (typeof kind === "object" && !Array.isArray(kind)) return (kind as { ok: (v: unknown) => boolean }).ok(v);
  if (Array.isArray(kind)) return typeof v === "string" && kind.includes(v);
  switch (kind) {
    case "string": return typeof v === "string";
    case "integer": return typeof v === "number" && Number.isInteger(v);
    case "number": return typeof v === "number" && !Number.isNaN(v);
    case "boolean": return typeof v === "boolean";
    case "function": return v instanceof LuaFunctionRef;
    case "table": return typeof v === "object" && v !== null && !(v instanceof LuaFunctionRef);
    case "list": return Array.isArray(v) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
    default: return true;
  }
}

function expectedWords(kind: FieldKind): string {
  if (Array.isArray(kind)) return kind.map((k) => JSON.stringify(k)).join(" or ");
  if (typeof kind === "object") return (kind as { expected: string }).expected;
  return kind === "list" ? "a list" : (kind as string);
}

function got(kind: FieldKind, v: unknown): string {
  // An enum names the bad string itself; elsewhere the Lua type is what went wrong.
  return Array.isArray(kind) && typeof v === "string" ? JSON.stringify(v) : luaTypeOf(v);
}

/**
 * Checks that `t` (a table argument read as JS) has only the fields of `schema`, each of its kind;
 * nil fields are absent. Throws `fn: path.key: unknown key` or `fn: path.key: expected X, got Y`.
 */
export function checkFields(fn: string, path: string, t: unknown, schema: FieldSchema): Record<string, unknown> {
  if (Array.isArray(t) && t.length > 0) throw new ArgError(`${fn}: ${path}: expected a table of named fields, got a list`);
  const rec = (Array.isArray(t) ? {} : t) as Record<string, unknown>;
  for (const [key, v] of Object.entries(rec)) {
    const kind = schema[key];
    if (kind === undefined) throw new ArgError(`${fn}: ${path}.${key}: unknown key`);
    if (v !== undefined && v !== null && !matches(kind, v)) {
      throw new ArgError(`${fn}: ${path}.${key}: expected ${expectedWords(kind)}, got ${got(kind, v)}`);
    }
  }
  return rec;
}

/** An optional table argument checked against schema; `{}` when nil. */
export function fieldsArg(a: Args, i: number, name: string, schema: FieldSchema): Record<string, unknown> {
  if (a.isNil(i)) return {};
  return checkFields(a.fn, name, a.table(i, name), schema);
}
