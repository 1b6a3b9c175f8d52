// librecode.buf extmark functions and their api.nvim_buf_* aliases (lua-api.md "Annotations"):
// arguments checked against the buffer's text, then handed to the kernel's ExtmarkStore.
import type { BufferRecord } from "../engine/kernel/buffer-store.js";
import { textLines, type MarkView, type Pos } from "../engine/kernel/extmarks.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import { hlStyle, listOpts, markDetails, markOpts } from "./extmark-opts.js";
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";

/** A buffer name, or 0 for the focused window's buffer (as Neovim's 0 means the current one). */
function bufName(a: Args, rt: Runtime): string {
  if (a.type(1) === "number" && a.integer(1, "buf") === 0) return rt.focusInfo().buffer;
  if (a.type(1) !== "string") a.fail(1, "buf", "a buffer name or 0");
  return a.string(1, "buf");
}

function existing(a: Args, rt: Runtime): BufferRecord {
  const name = bufName(a, rt);
  const b = rt.buffers.get(name);
  if (b === undefined) throw new ArgError(`${a.fn}: argument 1 'buf': expected an existing buffer, got ${JSON.stringify(name)}`);
  return b;
}

function namespace(a: Args, rt: Runtime, i: number, all: boolean): number {
  const ns = a.integer(i, "ns");
  if ((all && ns === -1) || (ns >= 1 && ns <= rt.namespaces.list().length)) return ns;
  throw new ArgError(`${a.fn}: argument ${i} 'ns': expected a namespace id from api.create_namespace${all ? " or -1" : ""}, got ${ns}`);
}

function blockText(a: Args, b: BufferRecord, block: string): string {
  if (block === "") return b.text;
  const blk = b.blocks.find((x) => x.id === block);
  if (blk === undefined) throw new ArgError(`${a.fn}: opts.block: expected a block id of buffer ${JSON.stringify(b.name)}, got ${JSON.stringify(block)}`);
  return blk.text;
}

/** Checks (line, col) against text; `where` names the argument or field in errors. */
function checkPos(text: string, line: number, col: number, whereLine: string, whereCol: string): Pos {
  const t = textLines(text);
  if (line < 0 || line >= t.count) throw new ArgError(`${whereLine}: expected a line in 0..${t.count - 1}, got ${line}`);
  const len = t.length(line);
  if (col < 0 || col > len) throw new ArgError(`${whereCol}: expected a column in 0..${len} of line ${line}, got ${col}`);
  return { line, col };
}

/** get_extmarks' start/end: {line, col}, 0 (the start), -1 (the end) or a mark id of ns. */
function boundary(a: Args, rt: Runtime, b: BufferRecord, ns: number, i: number, name: string): Pos {
  const expected = `{line, col}, 0, -1 or a mark id${ns >= 0 ? ` of namespace ${ns}` : ""}`;
  if (a.type(i) === "number") {
    const n = a.integer(i, name);
    if (n === 0) return { line: 0, col: 0 };
    if (n === -1) return { line: -1, col: -1 };
    const m = ns >= 0 ? rt.buffers.marks.get(b, ns, n) : undefined;
    if (m === undefined) throw new ArgError(`${a.fn}: argument ${i} '${name}': expected ${expected}, got ${n}`);
    return { line: m.line, col: m.col };
  }
  const t = a.type(i) === "table" ? (a.value(i, "array") as Record<string, unknown>) : undefined;
  const line = t && (Array.isArray(t) ? t[0] : t.line);
  const col = t && (Array.isArray(t) ? t[1] : t.col);
  if (typeof line !== "number" || typeof col !== "number") a.fail(i, name, expected);
  return { line: Math.trunc(line), col: Math.trunc(col) };
}

const markRow = (m: MarkView, details: boolean): unknown[] => (details ? [m.id, m.line, m.col, markDetails(m)] : [m.id, m.line, m.col]);

/** The extmark functions of `buf` and their Neovim-named aliases for `api`. */
export function extmarkApi(ext: LuaExtension): { buf: Record<string, ApiFn>; api: Record<string, ApiFn> } {
  const rt = ext.rt;
  const marks = rt.buffers.marks;
  const optsAt = (a: Args, i: number) => (a.isNil(i) ? undefined : a.table(i, "opts"));
  const setExtmark: ApiFn = (a) => {
    const b = existing(a, rt);
    const ns = namespace(a, rt, 2, false);
    const line = a.integer(3, "line");
    const col = a.integer(4, "col");
    const o = markOpts(optsAt(a, 5), a.fn);
    const text = blockText(a, b, o.spec.block ?? "");
    const start = checkPos(text, line, col, `${a.fn}: argument 3 'line'`, `${a.fn}: argument 4 'col'`);
    if (o.endLine !== undefined || o.endCol !== undefined) {
      const endLine = o.endLine ?? line;
      const end = checkPos(text, endLine, o.endCol ?? 0, `${a.fn}: opts.end_line`, `${a.fn}: opts.end_col`);
      if (end.line < line || (end.line === line && end.col < col)) {
        throw new ArgError(`${a.fn}: opts.end_line: expected an end at or after the start (${line}, ${col}), got (${end.line}, ${end.col})`);
      }
      o.spec.end = end;
    }
    return marks.set(b, ns, start, o.spec);
  };
  const getExtmark: ApiFn = (a) => {
    const b = rt.buffers.get(bufName(a, rt));
    const ns = namespace(a, rt, 2, false);
    const id = a.integer(3, "id");
    const o = listOpts(optsAt(a, 4), a.fn);
    const m = b && marks.get(b, ns, id);
    if (m === undefined) return undefined;
    return o.details ? [m.line, m.col, markDetails(m)] : [m.line, m.col];
  };
  const getExtmarks: ApiFn = (a) => {
    const b = rt.buffers.get(bufName(a, rt));
    const ns = namespace(a, rt, 2, true);
    const o = listOpts(optsAt(a, 5), a.fn);
    if (b === undefined) return [];
    const from = boundary(a, rt, b, ns, 3, "start");
    const to = boundary(a, rt, b, ns, 4, "end");
    if (o.block !== "") blockText(a, b, o.block);
    return marks.list(b, ns, from, to, o.block, o.limit).map((m) => markRow(m, o.details));
  };
  const delExtmark: ApiFn = (a) => {
    const b = rt.buffers.get(bufName(a, rt));
    const ns = namespace(a, rt, 2, false);
    const id = a.integer(3, "id");
    return b !== undefined && marks.delete(b, ns, id);
  };
  const clearNamespace: ApiFn = (a) => {
    const b = rt.buffers.get(bufName(a, rt));
    const ns = namespace(a, rt, 2, true);
    const start = a.optInteger(3, "line_start", 0);
    const end = a.optInteger(4, "line_end", -1);
    if (b !== undefined) marks.clear(b, ns, start, end);
  };
  const addHighlight: ApiFn = (a) => {
    const b = existing(a, rt);
    const ns = namespace(a, rt, 2, false);
    const hl = hlStyle(a.value(3), `${a.fn}: argument 3 'hl'`);
    const line = a.integer(4, "line");
    const colStart = a.integer(5, "col_start");
    const colEnd = a.integer(6, "col_end");
    const t = textLines(b.text);
    const lineLen = line >= 0 && line < t.count ? t.length(line) : 0;
    const start = checkPos(b.text, line, colStart, `${a.fn}: argument 4 'line'`, `${a.fn}: argument 5 'col_start'`);
    // col_end -1 is the end of the line, as in Neovim.
    const end = checkPos(b.text, line, colEnd === -1 ? lineLen : colEnd, `${a.fn}: argument 4 'line'`, `${a.fn}: argument 6 'col_end'`);
    if (end.col < start.col) throw new ArgError(`${a.fn}: argument 6 'col_end': expected a column at or after col_start (${start.col}) or -1, got ${colEnd}`);
    return marks.set(b, ns, start, { end, hl });
  };
  return {
    buf: {
      set_extmark: setExtmark, get_extmark: getExtmark, get_extmarks: getExtmarks,
      del_extmark: delExtmark, clear_namespace: clearNamespace, add_highlight: addHighlight,
    },
    api: {
      nvim_buf_set_extmark: setExtmark, nvim_buf_get_extmark_by_id: getExtmark, nvim_buf_get_extmarks: getExtmarks,
      nvim_buf_del_extmark: delExtmark, nvim_buf_clear_namespace: clearNamespace, nvim_buf_add_highlight: addHighlight,
    },
  };
}
