// librecode.win: the windows the layout places, for Lua.
import type { Renderer } from "../engine/kernel/window-store.js";
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import { windowToLua } from "./event-table.js";
import type { LuaExtension } from "./lua-extension.js";
import { checkFields, type FieldSchema } from "./table-fields.js";
import { placeWindow, upstreamWindow } from "./upstream-layout.js";

const RENDERERS = ["default", "extension"];

function renderer(a: Args, i: number, name: string, v: unknown): Renderer {
  if (typeof v !== "string" || !RENDERERS.includes(v)) {
    const got = typeof v === "string" ? JSON.stringify(v) : v === undefined ? "nil" : a.type(i);
    throw new ArgError(`${a.fn}: argument ${i} '${name}': expected "default" or "extension", got ${got}`);
  }
  return v as Renderer;
}

type WinPatch = { buffer?: string; role?: string; renderer?: Renderer; cursorRow?: number; cursorCol?: number };

/** A window table's fields: what win.create/set use, plus the rest of what win.get returns (ignored). */
export const WINDOW_FIELDS: FieldSchema = {
  name: "string", buffer: "string", role: "string", renderer: "any", cursor_row: "number", cursor_col: "number",
  x: "number", y: "number", width: "number", height: "number", visible: "boolean", metadata: "table", content: "table", z: "number",
};

function patchFrom(a: Args, i: number, argName: string): WinPatch {
  const t = checkFields(a.fn, argName, a.table(i, argName), WINDOW_FIELDS);
  const p: WinPatch = {};
  if (typeof t.buffer === "string") p.buffer = t.buffer;
  if (typeof t.role === "string") p.role = t.role;
  if (t.renderer !== undefined) p.renderer = renderer(a, i, `${argName}.renderer`, t.renderer);
  if (typeof t.cursor_row === "number") p.cursorRow = Math.max(0, Math.floor(t.cursor_row));
  if (typeof t.cursor_col === "number") p.cursorCol = Math.max(0, Math.floor(t.cursor_col));
  return p;
}

/** librecode.win: windows, the views the layout places (lua-api.md "Windows and layout"). */
export function winApi(ext: LuaExtension): Record<string, ApiFn> {
  const rt = ext.rt;
  const w = rt.windows;
  const name = (a: Args) => a.string(1, "name");
  const getBuf: ApiFn = (a) => w.get(name(a))?.buffer;
  const setBuf: ApiFn = (a) => {
    const n = name(a);
    const buffer = a.string(2, "buffer");
    if (!w.has(n)) return false;
    rt.buffers.ensure(buffer);
    return w.set(n, { buffer });
  };
  // x, y, width, height (the original's window table) place the window absolutely at that rectangle.
  const place = (a: Args, i: number, n: string): boolean => {
    if (a.type(i) !== "table") return false;
    const geo = upstreamWindow(a.table(i, "opts"));
    if (geo.x === undefined && geo.y === undefined && geo.width === undefined && geo.height === undefined) return false;
    placeWindow(rt, n, geo);
    return true;
  };
  return {
    list: () => w.list(),
    get: (a) => windowToLua(rt, name(a)),
    find: (a) => {
      const q = checkFields(a.fn, "query", a.table(1, "query"), { name: "string", role: "string", buffer: "string" });
      const pick = (v: unknown) => (typeof v === "string" ? v : undefined);
      return w.find({ name: pick(q.name), role: pick(q.role), buffer: pick(q.buffer) }, rt.layout.treeOrder());
    },
    get_buf: getBuf,
    set_buf: setBuf,
    /** The original's alias of get_buf. */
    get_buffer: getBuf,
    /** The original's alias of set_buf. */
    set_buffer: setBuf,
    set_renderer: (a) => {
      const n = name(a);
      const r = renderer(a, 2, "renderer", a.value(2));
      return w.set(n, { renderer: r });
    },
    get_var: (a) => {
      const n = name(a);
      const key = a.string(2, "key");
      return w.get(n)?.vars[key];
    },
    set_var: (a) => w.setVar(name(a), a.string(2, "key"), a.value(3)),
    create: (a) => {
      const n = name(a);
      const p = a.isNil(2) ? {} : patchFrom(a, 2, "opts");
      rt.buffers.ensure(p.buffer ?? n);
      w.create(n, { buffer: p.buffer, role: p.role, renderer: p.renderer });
      if (p.cursorRow !== undefined || p.cursorCol !== undefined) w.set(n, { cursorRow: p.cursorRow, cursorCol: p.cursorCol });
      place(a, 2, n);
      return windowToLua(rt, n);
    },
    set: (a) => {
      const n = name(a);
      const p = patchFrom(a, 2, "opts");
      if (!w.has(n)) return false;
      if (p.buffer !== undefined) rt.buffers.ensure(p.buffer);
      const changed = w.set(n, p);
      return place(a, 2, n) || changed;
    },
    delete: (a) => {
      const n = name(a);
      rt.draw.clear(n);
      return w.delete(n);
    },
    focus: (a) => {
      if (!a.isNil(1)) {
        const n = name(a);
        if (!w.has(n)) return false;
        rt.focus = n; // journaled by the Runtime: a failing callback does not move focus
        return true;
      }
      return rt.focus;
    },
  };
}
