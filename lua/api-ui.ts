// librecode.ui: the pure text helpers, and draw operations queued in the kernel's DrawStore.
import type { DrawOp } from "../engine/kernel/draw-op.js";
import { isHexColor, isThemeToken, THEME_TOKENS, type Span, type Style } from "../engine/kernel/style.js";
import { describeValue } from "../layout/describe-value.js";
import { measure, padRight, truncate, viewport, virtualList, wrap } from "../ui/text-helpers.js";
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { luaTypeOf } from "./lua-value.js";

const FLAGS = ["bold", "italic", "underline", "reverse", "dim"] as const;

function color(where: string, key: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string" && (isThemeToken(v) || isHexColor(v))) return v;
  throw new ArgError(`${where}.${key}: expected a theme token or #rrggbb, got ${describeValue(v)}`);
}

const STYLE_KEYS = new Set<string>(["fg", "bg", ...FLAGS]);

/** A Style from a Lua table `{fg, bg, bold, italic, underline, reverse, dim}`; where names it in
 *  errors. Any other key is an error, except `extra` (a span's `text`). */
export function styleFrom(t: unknown, where: string, extra: readonly string[] = []): Style | undefined {
  if (t === undefined) return undefined;
  if (t === null || typeof t !== "object" || Array.isArray(t)) throw new ArgError(`${where}: expected a style table, got ${luaTypeOf(t)}`);
  const r = t as Record<string, unknown>;
  for (const [k, v] of Object.entries(r)) {
    if (!STYLE_KEYS.has(k) && !extra.includes(k)) throw new ArgError(`${where}.${k}: unknown key`);
    if ((FLAGS as readonly string[]).includes(k) && typeof v !== "boolean") throw new ArgError(`${where}.${k}: expected boolean, got ${luaTypeOf(v)}`);
  }
  const s: Style = {};
  const fg = color(where, "fg", r.fg);
  const bg = color(where, "bg", r.bg);
  if (fg) s.fg = fg;
  if (bg) s.bg = bg;
  for (const f of FLAGS) if (r[f] === true) s[f] = true;
  return s;
}

function styleArg(a: Args, i: number): Style | undefined {
  if (a.isNil(i)) return undefined;
  if (a.type(i) !== "table") a.fail(i, "style", "table");
  return styleFrom(a.value(i), `${a.fn}: argument ${i} 'style'`);
}

function spansFrom(v: unknown, where: string): Span[] {
  if (!Array.isArray(v)) throw new ArgError(`${where}: expected a list of {text=, fg=, ...} tables, got ${luaTypeOf(v)}`);
  return v.map((x, i) => {
    const t = (x ?? {}) as Record<string, unknown>;
    const style = styleFrom(t, `${where}[${i + 1}]`, ["text"]);
    return { text: String(t.text ?? ""), style: style && Object.keys(style).length > 0 ? style : undefined };
  });
}

const int = (v: unknown, d = 0) => (typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) + 0 : d);

/** Queues ops in the DrawStore; those of a `render` handler are marked to last one frame. */
export function queueDrawOps(ext: LuaExtension, ops: DrawOp[]): void {
  const frame = ext.currentEvent()?.name === "render";
  for (const op of ops) ext.rt.draw.add(frame ? { ...op, frame: true, owner: ext.name } : { ...op, owner: ext.name });
}

/** One op of draw_batch: {op = "draw_text" | "text" | ..., window=, row=, col=, ...}. */
export function batchOp(t: Record<string, unknown>, where: string): DrawOp[] {
  const kind = String(t.op ?? t.kind ?? "").replace(/^draw_/, "");
  const window = t.window;
  if (typeof window !== "string") throw new ArgError(`${where}.window: expected string, got ${luaTypeOf(window)}`);
  const style = styleFrom(t.style, `${where}.style`);
  const row = int(t.row);
  const col = int(t.col);
  switch (kind) {
    case "clear_window": return [{ kind: "clear_window", window }];
    case "clear_region": return [{ kind: "clear_region", window, row, col, height: int(t.height), width: int(t.width), style }];
    case "text": return [{ kind: "text", window, row, col, text: String(t.text ?? ""), style }];
    case "lines": return linesOps(window, row, col, Array.isArray(t.lines) ? t.lines.map(String) : [], style);
    case "spans": return [{ kind: "spans", window, row, col, spans: spansFrom(t.spans, `${where}.spans`) }];
    case "box": return [{ kind: "box", window, style }];
    case "set_cursor":
    case "cursor": return [{ kind: "cursor", window, row, col }];
    default:
      throw new ArgError(`${where}.op: expected clear_window, clear_region, draw_text, draw_lines, draw_spans, draw_box or set_cursor, got ${JSON.stringify(t.op ?? t.kind) ?? "nil"}`);
  }
}

function linesOps(window: string, row: number, col: number, lines: string[], style?: Style): DrawOp[] {
  return lines.map((text, i) => ({ kind: "text" as const, window, row: row + i, col, text, style }));
}

/** librecode.ui: pure text helpers and window-relative draw operations (queued in the DrawStore). */
export function uiApi(ext: LuaExtension): Record<string, ApiFn> {
  const draw = (ops: DrawOp[]) => queueDrawOps(ext, ops);
  const win = (a: Args) => a.string(1, "window");
  return {
    measure: (a) => measure(a.text(1, "s")),
    truncate: (a) => truncate(a.text(1, "s"), a.integer(2, "width")),
    pad_right: (a) => padRight(a.text(1, "s"), a.integer(2, "width")),
    wrap: (a) => wrap(a.text(1, "s"), a.integer(2, "width")),
    viewport: (a) => {
      const v = viewport(a.strings(1, "lines"), a.integer(2, "height"), a.isNil(3) ? undefined : a.integer(3, "offset"));
      return { lines: v.lines, start: v.start, end: v.end, offset: v.offset, max_offset: v.maxOffset, total: v.total };
    },
    virtual_list: (a) => {
      const items = a.table(1, "items", "array");
      if (!Array.isArray(items)) a.fail(1, "items", "a list of heights or {height=} tables");
      const v = virtualList(items as unknown[], a.integer(2, "height"), a.isNil(3) ? undefined : a.integer(3, "offset"));
      return {
        items: v.items.map((it) => ({ index: it.index, lua_index: it.luaIndex, row_offset: it.rowOffset, height: it.height })),
        start: v.start, end: v.end, offset: v.offset, max_offset: v.maxOffset, total: v.total,
      };
    },
    theme_tokens: () => [...THEME_TOKENS],
    clear_window: (a) => draw([{ kind: "clear_window", window: win(a) }]),
    clear_region: (a) => draw([{ kind: "clear_region", window: win(a), row: a.integer(2, "row"), col: a.integer(3, "col"),
      height: a.integer(4, "height"), width: a.integer(5, "width"), style: styleArg(a, 6) }]),
    draw_text: (a) => draw([{ kind: "text", window: win(a), row: a.integer(2, "row"), col: a.integer(3, "col"),
      text: a.text(4, "text"), style: styleArg(a, 5) }]),
    draw_lines: (a) => draw(linesOps(win(a), a.integer(2, "row"), a.integer(3, "col"), a.strings(4, "lines"), styleArg(a, 5))),
    draw_spans: (a) => draw([{ kind: "spans", window: win(a), row: a.integer(2, "row"), col: a.integer(3, "col"),
      spans: spansFrom(a.table(4, "spans", "array"), `${a.fn}: argument 4 'spans'`) }]),
    draw_box: (a) => draw([{ kind: "box", window: win(a), style: styleArg(a, 2) }]),
    draw_batch: (a) => {
      const list = a.table(1, "ops", "array");
      if (!Array.isArray(list)) a.fail(1, "ops", "a list of op tables");
      const ops = (list as unknown[]).flatMap((t, i) => {
        if (t === null || typeof t !== "object") throw new ArgError(`${a.fn}: argument 1 'ops'[${i + 1}]: expected table, got ${luaTypeOf(t)}`);
        return batchOp(t as Record<string, unknown>, `${a.fn}: argument 1 'ops'[${i + 1}]`);
      });
      draw(ops);
    },
    set_cursor: (a) => draw([{ kind: "cursor", window: win(a), row: a.integer(2, "row"), col: a.integer(3, "col") }]),
  };
}
