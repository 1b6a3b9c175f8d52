// The original's layout form on this project's layout tree: `{width, height, windows = {name =
// {role, buffer, renderer, x, y, width, height, visible, ...}}}`. A window given a rectangle becomes
// an absolute node at it; windows left as layout.get() reported them keep their place in the tree,
// so get-edit-set adds, moves and removes windows and the rest still follows the screen size.
import type { Runtime } from "../engine/kernel/runtime.js";
import type { Renderer } from "../engine/kernel/window-store.js";
import { isRecord } from "../engine/kernel/is-record.js";

type Plain = Record<string, unknown>;

/** A window entry of the original's layout/window tables, checked loosely as the original did. */
export type UpstreamWindow = {
  role?: string; buffer?: string; renderer?: Renderer; x?: number; y?: number; width?: number; height?: number;
  visible?: boolean; cursor_row?: number; cursor_col?: number; metadata?: Record<string, unknown>;
};

const GEOMETRY = ["x", "y", "width", "height"] as const;
const TREE_KEYS = ["children", "window", "direction"];

/** Keys of this project's own flat form (`windows = {name = {x, y, width, height}}`), checked strictly. */
const FLAT_KEYS = new Set(["x", "y", "width", "height", "z", "border"]);
/** What else a layout.get() result carries next to `windows`. */
const UPSTREAM_TOP = new Set(["root", "width", "height", "variant"]);

/**
 * True for the original's form: a `windows` table next to `width`/`height`/`root` (a layout.get()
 * result), or entries with the original's fields (role, buffer, ...) or cells like `w / 2`.
 * A bare `{windows = {name = {x, y, width, height}}}` stays this project's strictly checked flat form.
 */
export function isUpstreamLayout(t: unknown): t is Plain {
  if (!isRecord(t) || !isRecord(t.windows) || TREE_KEYS.some((k) => k in t)) return false;
  const top = Object.keys(t).filter((k) => k !== "windows");
  if (top.length > 0) return top.every((k) => UPSTREAM_TOP.has(k));
  return Object.values(t.windows).some((v) => !isRecord(v) || Object.entries(v).some(([k, x]) =>
    !FLAT_KEYS.has(k) || (typeof x === "number" && !Number.isInteger(x))));
}

// Lua numbers may be floats (`w / 2`): cells are integers, truncated as the original's int() did.
function cell(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) + 0 : undefined;
}

/** The entry as a window patch (a string entry names the buffer, as in the original). */
export function upstreamWindow(v: unknown): UpstreamWindow {
  if (typeof v === "string") return { buffer: v };
  if (!isRecord(v)) return {};
  const w: UpstreamWindow = {};
  if (typeof v.role === "string" && v.role !== "") w.role = v.role;
  if (typeof v.buffer === "string" && v.buffer !== "") w.buffer = v.buffer;
  if (v.renderer === "default" || v.renderer === "extension") w.renderer = v.renderer;
  for (const k of GEOMETRY) {
    const n = cell(v[k]);
    if (n !== undefined) w[k] = Math.max(k === "x" || k === "y" ? -10_000 : 0, n);
  }
  if (typeof v.visible === "boolean") w.visible = v.visible;
  const row = cell(v.cursor_row);
  const col = cell(v.cursor_col);
  if (row !== undefined) w.cursor_row = Math.max(0, row);
  if (col !== undefined) w.cursor_col = Math.max(0, col);
  if (isRecord(v.metadata)) w.metadata = v.metadata;
  return w;
}

function hasGeometry(w: UpstreamWindow): boolean {
  return GEOMETRY.some((k) => w[k] !== undefined);
}

/** True when the entry asks for another rectangle than the window has now. */
function moved(rt: Runtime, name: string, w: UpstreamWindow): boolean {
  const rec = rt.windows.get(name);
  if (!rec || !rec.box.visible) return hasGeometry(w);
  return GEOMETRY.some((k) => w[k] !== undefined && w[k] !== rec.box[k]);
}

function absoluteNode(rt: Runtime, name: string, w: UpstreamWindow): Plain {
  const box = rt.windows.get(name)?.box;
  const node: Plain = {
    window: name, position: "absolute", left: w.x ?? box?.x ?? 0, top: w.y ?? box?.y ?? 0,
    width: w.width ?? box?.width ?? 0, height: w.height ?? box?.height ?? 0,
  };
  if (w.visible === false) node.display = "none";
  return node;
}

/** The tree without the nodes of `names` (containers left empty stay: they may carry sizes). */
function without(node: Plain, names: Set<string>): Plain | undefined {
  if (typeof node.window === "string" && names.has(node.window)) return undefined;
  if (!Array.isArray(node.children)) return node;
  const children = (node.children as Plain[]).map((c) => without(c, names)).filter((c): c is Plain => c !== undefined);
  return { ...node, children };
}

function treeWindows(node: Plain, out = new Set<string>()): Set<string> {
  if (typeof node.window === "string") out.add(node.window);
  if (Array.isArray(node.children)) for (const c of node.children as Plain[]) treeWindows(c, out);
  return out;
}

/** Applies the record fields of an entry (role, buffer, renderer, cursor, metadata) to a window. */
export function patchWindow(rt: Runtime, name: string, w: UpstreamWindow): void {
  if (w.buffer !== undefined) rt.buffers.ensure(w.buffer);
  if (!rt.windows.has(name)) {
    rt.buffers.ensure(w.buffer ?? name);
    rt.windows.create(name, { role: w.role, buffer: w.buffer, renderer: w.renderer });
  } else {
    const p: Record<string, unknown> = {};
    if (w.role !== undefined) p.role = w.role;
    if (w.buffer !== undefined) p.buffer = w.buffer;
    if (w.renderer !== undefined) p.renderer = w.renderer;
    if (Object.keys(p).length > 0) rt.windows.set(name, p);
  }
  if (w.cursor_row !== undefined || w.cursor_col !== undefined) rt.windows.set(name, { cursorRow: w.cursor_row, cursorCol: w.cursor_col });
  if (w.metadata !== undefined) for (const [k, v] of Object.entries(w.metadata)) rt.windows.setVar(name, k, v);
}

/**
 * Sets a layout given in the original's form. With `root` (a layout.get() result edited): windows
 * missing from `windows` leave the tree, new or moved ones become absolute nodes at their
 * rectangle, the rest stay where the tree puts them. Without `root`: exactly the listed windows,
 * each at its rectangle. `width`/`height` are ignored (the screen decides).
 */
export function setUpstreamLayout(rt: Runtime, t: Plain): void {
  const entries = new Map(Object.entries(t.windows as Plain).map(([k, v]) => [k, upstreamWindow(v)] as const));
  const root = isRecord(t.root) ? (t.root as Plain) : undefined;
  const inTree = root ? treeWindows(root) : new Set<string>();
  const absolute: Plain[] = [];
  const drop = new Set<string>();
  for (const name of inTree) if (!entries.has(name)) drop.add(name);
  for (const [name, w] of entries) {
    if (inTree.has(name) && !moved(rt, name, w) && w.visible !== false) continue;
    drop.add(name);
    absolute.push(absoluteNode(rt, name, w));
  }
  let tree: Plain = root ? (without(root, drop) ?? { children: [] }) : { children: [] };
  if (absolute.length > 0) {
    tree = Array.isArray(tree.children) || typeof tree.window !== "string"
      ? { ...tree, children: [...((tree.children as Plain[] | undefined) ?? []), ...absolute] }
      : { children: [tree, ...absolute] };
  }
  rt.layoutSet({ root: tree });
  for (const [name, w] of entries) patchWindow(rt, name, w);
}

/** Places one window at an absolute rectangle (win.create/win.set with x, y, width, height). */
export function placeWindow(rt: Runtime, name: string, w: UpstreamWindow): void {
  const root = rt.layout.plain();
  const tree = without(root, new Set([name])) ?? { children: [] };
  const node = absoluteNode(rt, name, w);
  const next = Array.isArray(tree.children) || typeof tree.window !== "string"
    ? { ...tree, children: [...((tree.children as Plain[] | undefined) ?? []), node] }
    : { children: [tree, node] };
  rt.layoutSet({ root: next });
}
