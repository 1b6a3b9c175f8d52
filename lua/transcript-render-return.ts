// A `transcript_render` handler's `{lines = ...}`: each line a string (a `\n` starts another row)
// or a list of span tables `{text=, fg=, bg=, bold=, ...}`; checked like every table the API takes.
import type { Span } from "../engine/kernel/style.js";
import { isRecord } from "../engine/kernel/is-record.js";
import { ArgError } from "./lua-args.js";
import { styleFrom } from "./api-ui.js";
import { luaTypeOf } from "./lua-value.js";

type Line = Span[];

const WHERE = "transcript_render: lines";

function span(v: unknown, where: string): Span {
  if (typeof v === "string") return { text: v.replace(/\n/g, " ") };
  if (!isRecord(v)) throw new ArgError(`${where}: expected a string or a {text=, fg=, ...} table, got ${luaTypeOf(v)}`);
  const style = styleFrom(v, where, ["text"]);
  const text = typeof v.text === "string" || typeof v.text === "number" ? String(v.text).replace(/\n/g, " ") : "";
  return style !== undefined && Object.keys(style).length > 0 ? { text, style } : { text };
}

/** The block's rows from a handler's `lines`; an error names the first bad entry. */
export function transcriptLines(v: unknown): Line[] {
  // An empty Lua table arrives as {}: no rows (the block is hidden).
  if (isRecord(v) && Object.keys(v).length === 0) return [];
  if (!Array.isArray(v)) throw new ArgError(`${WHERE}: expected a list of lines, got ${luaTypeOf(v)}`);
  const out: Line[] = [];
  v.forEach((line, i) => {
    const where = `${WHERE}[${i + 1}]`;
    if (typeof line === "string") {
      for (const row of line.split("\n")) out.push(row === "" ? [] : [{ text: row }]);
    } else if (Array.isArray(line)) {
      out.push(line.map((s, k) => span(s, `${where}[${k + 1}]`)).filter((s) => s.text !== ""));
    } else if (isRecord(line) && Object.keys(line).length === 0) {
      out.push([]);
    } else {
      throw new ArgError(`${where}: expected a string or a list of {text=, fg=, ...} tables, got ${luaTypeOf(line)}`);
    }
  });
  return out;
}
