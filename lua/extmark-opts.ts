// The opts table of buf.set_extmark, checked field by field (unknown keys and wrong types are
// errors naming the field), and a mark turned back into the Lua `details` table.
import type { MarkSpec, MarkView, VirtTextPos } from "../engine/kernel/extmarks.js";
import { isHexColor, isThemeToken, type Span, type Style } from "../engine/kernel/style.js";
import { describeValue } from "../layout/describe-value.js";
import { textWidth } from "../ui/text-measure.js";
import { styleFrom } from "./api-ui.js";
import { ArgError } from "./lua-args.js";
import { luaTypeOf } from "./lua-value.js";

const POSITIONS: VirtTextPos[] = ["eol", "overlay", "right_align", "inline"];

/** set_extmark opts as read: the spec, plus the range end still to check against the text. */
export type MarkOpts = { spec: MarkSpec; endLine?: number; endCol?: number };

const KEYS: Record<string, (v: unknown, where: string, o: MarkOpts) => void> = {
  id: (v, w, o) => { o.spec.id = positive(v, w); },
  end_line: (v, w, o) => { o.endLine = integer(v, w); },
  end_row: (v, w, o) => { o.endLine = integer(v, w); },
  end_col: (v, w, o) => { o.endCol = integer(v, w); },
  hl: (v, w, o) => { o.spec.hl = hlStyle(v, w); },
  hl_group: (v, w, o) => { o.spec.hl = hlStyle(v, w); },
  virt_text: (v, w, o) => { o.spec.virtText = chunks(v, w); },
  virt_text_pos: (v, w, o) => {
    if (typeof v !== "string" || !POSITIONS.includes(v as VirtTextPos)) throw new ArgError(`${w}: expected "eol", "overlay", "right_align" or "inline", got ${describeValue(v)}`);
    o.spec.virtTextPos = v as VirtTextPos;
  },
  virt_lines: (v, w, o) => {
    if (!Array.isArray(v)) throw new ArgError(`${w}: expected a list of virtual lines, got ${luaTypeOf(v)}`);
    o.spec.virtLines = v.map((l, i) => chunks(l, `${w}[${i + 1}]`));
  },
  virt_lines_above: (v, w, o) => { o.spec.virtLinesAbove = bool(v, w); },
  priority: (v, w, o) => { o.spec.priority = integer(v, w); },
  right_gravity: (v, w, o) => { o.spec.rightGravity = bool(v, w); },
  end_right_gravity: (v, w, o) => { o.spec.endRightGravity = bool(v, w); },
  sign_text: (v, w, o) => {
    if (typeof v !== "string" || textWidth(v) < 1 || textWidth(v) > 2) throw new ArgError(`${w}: expected a string 1 or 2 cells wide, got ${describeValue(v)}`);
    o.spec.signText = v;
  },
  sign_hl: (v, w, o) => { o.spec.signStyle = hlStyle(v, w); },
  metadata: (v, w, o) => {
    if (v === null || typeof v !== "object" || Array.isArray(v) && v.length > 0) throw new ArgError(`${w}: expected table, got ${luaTypeOf(v)}`);
    o.spec.metadata = v as Record<string, unknown>;
  },
  block: (v, w, o) => {
    if (typeof v !== "string") throw new ArgError(`${w}: expected string, got ${luaTypeOf(v)}`);
    o.spec.block = v;
  },
};

/** Reads set_extmark's opts (undefined: none); `fn` prefixes the errors (`buf.set_extmark`). */
export function markOpts(t: unknown, fn: string): MarkOpts {
  const o: MarkOpts = { spec: {} };
  if (t === undefined) return o;
  for (const [k, v] of Object.entries(t as Record<string, unknown>)) {
    const read = KEYS[k];
    if (read === undefined) throw new ArgError(`${fn}: opts.${k}: unknown key`);
    read(v, `${fn}: opts.${k}`, o);
  }
  return o;
}

/** Checks a table of flags (`{details=, limit=, block=}`), returning it typed. */
export function listOpts(t: unknown, fn: string): { details: boolean; limit: number; block: string } {
  const r = { details: false, limit: Infinity, block: "" };
  if (t === undefined) return r;
  for (const [k, v] of Object.entries(t as Record<string, unknown>)) {
    const w = `${fn}: opts.${k}`;
    if (k === "details") r.details = bool(v, w);
    else if (k === "limit") r.limit = positive(v, w);
    else if (k === "block") { if (typeof v !== "string") throw new ArgError(`${w}: expected string, got ${luaTypeOf(v)}`); r.block = v; }
    else throw new ArgError(`${w}: unknown key`);
  }
  return r;
}

/** `hl`: a theme token (the colour of the text; a `...Bg` token the background) or a style table. */
export function hlStyle(v: unknown, where: string): Style {
  if (typeof v === "string") {
    if (isThemeToken(v)) return v.endsWith("Bg") ? { bg: v } : { fg: v };
    if (isHexColor(v)) return { fg: v };
    throw new ArgError(`${where}: expected a theme token, #rrggbb or a style table, got ${describeValue(v)}`);
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new ArgError(`${where}: expected a theme token, #rrggbb or a style table, got ${luaTypeOf(v)}`);
  return styleFrom(v, where) ?? {};
}

// {{text, style}, ...}: each chunk a text and an optional token or style table.
function chunks(v: unknown, where: string): Span[] {
  if (!Array.isArray(v)) throw new ArgError(`${where}: expected a list of {text, style} chunks, got ${luaTypeOf(v)}`);
  return v.map((c, i) => {
    const w = `${where}[${i + 1}]`;
    if (!Array.isArray(c) || typeof c[0] !== "string") throw new ArgError(`${w}: expected a {text, style} chunk, got ${luaTypeOf(c)}`);
    return c[1] === undefined || c[1] === null ? { text: c[0] } : { text: c[0], style: hlStyle(c[1], `${w}[2]`) };
  });
}

function integer(v: unknown, where: string): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw new ArgError(`${where}: expected integer, got ${luaTypeOf(v)}`);
  return v;
}

function positive(v: unknown, where: string): number {
  const n = integer(v, where);
  if (n < 1) throw new ArgError(`${where}: expected a positive integer, got ${n}`);
  return n;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== "boolean") throw new ArgError(`${where}: expected boolean, got ${luaTypeOf(v)}`);
  return v;
}


const chunksToLua = (spans: Span[]): unknown[] => spans.map((s) => (s.style ? [s.text, { ...s.style }] : [s.text]));

/** The `details` table of a mark (what set_extmark was given, positions resolved). */
export function markDetails(m: MarkView): Record<string, unknown> {
  const d = m.decor;
  return {
    ns: m.ns, id: m.id, line: m.line, col: m.col,
    ...(m.end ? { end_line: m.end.line, end_col: m.end.col } : {}),
    ...(d.hl ? { hl: { ...d.hl } } : {}),
    ...(d.virtText ? { virt_text: chunksToLua(d.virtText), virt_text_pos: d.virtTextPos } : {}),
    ...(d.virtLines ? { virt_lines: d.virtLines.map(chunksToLua), virt_lines_above: d.virtLinesAbove } : {}),
    priority: d.priority, right_gravity: m.rightGravity,
    ...(m.end ? { end_right_gravity: m.endRightGravity } : {}),
    ...(d.signText !== undefined ? { sign_text: d.signText } : {}),
    ...(d.signStyle ? { sign_hl: { ...d.signStyle } } : {}),
    ...(d.metadata ? { metadata: d.metadata } : {}),
    ...(m.block !== "" ? { block: m.block } : {}),
  };
}
