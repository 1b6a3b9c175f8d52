// The layout table (layout.md "Node keys"): its type, validation with 1-based node paths, and the
// two accepted input forms (tree and flat `windows`). Everything is checked before anything is used.
import { describeValue } from "./describe-value.js";
import type { BorderKind } from "./rect.js";
import {
  LayoutError,
  checkBorder,
  checkBound,
  checkEnum,
  checkGap,
  checkInteger,
  checkList,
  checkName,
  checkNumber,
  checkOffset,
  checkSize,
  checkSpacing,
  fail,
  isTable,
  type Offset,
  type Size,
  type Spacing,
} from "./layout-values.js";

import { parseVariants, variantsToPlain, type LayoutVariant } from "./layout-variants.js";

export { LayoutError, spacingEdges } from "./layout-values.js";
export type { Edges, Offset, Size, Spacing } from "./layout-values.js";

export type FlexDirectionName = "column" | "row" | "column_reverse" | "row_reverse";
export type JustifyName = "start" | "end" | "center" | "space_between" | "space_around" | "space_evenly";
export type AlignName = "start" | "end" | "center" | "stretch";
export type AlignSelfName = "auto" | AlignName;
export type WrapName = "nowrap" | "wrap";
export type PositionName = "relative" | "absolute";
export type DisplayName = "flex" | "none";
type Bound = number | `${number}%`;

/** One node of the layout tree, as set (only the keys given; lists normalized to arrays). */
export type LayoutNode = {
  window?: string;
  id?: string;
  direction?: FlexDirectionName;
  grow?: number;
  shrink?: number;
  basis?: Size;
  width?: Size;
  height?: Size;
  min_width?: Bound;
  max_width?: Bound;
  min_height?: Bound;
  max_height?: Bound;
  padding?: Spacing;
  margin?: Spacing;
  gap?: number;
  row_gap?: number;
  column_gap?: number;
  justify?: JustifyName;
  align?: AlignName;
  align_self?: AlignSelfName;
  wrap?: WrapName;
  position?: PositionName;
  top?: Offset;
  left?: Offset;
  right?: Offset;
  bottom?: Offset;
  display?: DisplayName;
  /** A window node laid out as `display = "none"` while its window's buffer is empty. */
  hide_empty?: boolean;
  border?: BorderKind;
  z?: number;
  children?: LayoutNode[];
  /** Only on the root as set: responsive variants (layout-variants.ts); LayoutState picks one per size. */
  variants?: LayoutVariant<LayoutNode>[];
};

export const DIRECTIONS: readonly FlexDirectionName[] = ["column", "row", "column_reverse", "row_reverse"];
export const JUSTIFIES: readonly JustifyName[] = [
  "start", "end", "center", "space_between", "space_around", "space_evenly",
];
export const ALIGNS: readonly AlignName[] = ["start", "end", "center", "stretch"];
export const ALIGN_SELVES: readonly AlignSelfName[] = ["auto", "start", "end", "center", "stretch"];

type KeyChecker = (path: string, v: unknown) => unknown;
const SIZE: KeyChecker = checkSize;
const BOUND: KeyChecker = checkBound;
const OFFSET: KeyChecker = checkOffset;
const NONNEG: KeyChecker = (p, v) => checkNumber(p, v, true);

/** Every scalar key with its checker, in the canonical order `layoutTableToPlain` writes them. */
const KEYS: Record<Exclude<keyof LayoutNode, "children" | "variants">, KeyChecker> = {
  window: (p, v) => checkName(p, v, "a window name (a non-empty string)"),
  id: (p, v) => checkName(p, v, "an id (a non-empty string)"),
  direction: (p, v) => checkEnum(p, v, DIRECTIONS),
  grow: NONNEG,
  shrink: NONNEG,
  basis: SIZE,
  width: SIZE,
  height: SIZE,
  min_width: BOUND,
  max_width: BOUND,
  min_height: BOUND,
  max_height: BOUND,
  padding: (p, v) => checkSpacing(p, v, true),
  margin: (p, v) => checkSpacing(p, v, false),
  gap: checkGap,
  row_gap: checkGap,
  column_gap: checkGap,
  justify: (p, v) => checkEnum(p, v, JUSTIFIES),
  align: (p, v) => checkEnum(p, v, ALIGNS),
  align_self: (p, v) => checkEnum(p, v, ALIGN_SELVES),
  wrap: (p, v) => checkEnum(p, v, ["nowrap", "wrap"] as const),
  position: (p, v) => checkEnum(p, v, ["relative", "absolute"] as const),
  top: OFFSET,
  left: OFFSET,
  right: OFFSET,
  bottom: OFFSET,
  display: (p, v) => checkEnum(p, v, ["flex", "none"] as const),
  hide_empty: (p, v) => (typeof v === "boolean" ? v : fail(p, "true or false", v)),
  border: checkBorder,
  z: checkInteger,
};
const NODE_KEYS = new Set<string>([...Object.keys(KEYS), "children"]);

/** State shared while one table is checked: the tables on the current path and windows seen. */
type Walk = { ancestors: Map<object, string>; windows: Map<string, string> };

/** One node (a window or a container) checked as a layout's node at `path`; throws LayoutError. */
export function parseLayoutNode(path: string, raw: unknown): LayoutNode {
  return parseNode(path, raw, { ancestors: new Map(), windows: new Map() });
}

function parseNode(path: string, raw: unknown, walk: Walk): LayoutNode {
  if (!isTable(raw)) return fail(path, "a node (a table)", raw);
  const seenAt = walk.ancestors.get(raw);
  if (seenAt !== undefined) {
    throw new LayoutError(path, `expected a tree, got a cycle (this table is also ${seenAt})`);
  }
  for (const key of Object.keys(raw)) {
    if (!NODE_KEYS.has(key)) throw new LayoutError(`${path}.${key}`, "unknown key");
  }
  const node: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(KEYS)) {
    const v = raw[key];
    if (v !== undefined && v !== null) node[key] = check(`${path}.${key}`, v);
  }
  const out = node as LayoutNode;
  if (out.window !== undefined) {
    const first = walk.windows.get(out.window);
    if (first !== undefined) {
      throw new LayoutError(
        `${path}.window`,
        `expected each window once, got ${describeValue(out.window)} again (first at ${first})`,
      );
    }
    walk.windows.set(out.window, path);
  }
  if (out.hide_empty !== undefined && out.window === undefined) {
    throw new LayoutError(`${path}.hide_empty`, "expected it on a window node only (a container has no buffer)");
  }
  if (raw.children !== undefined && raw.children !== null) {
    const list = checkList(`${path}.children`, raw.children, "a list of nodes");
    if (out.window !== undefined && list.length > 0) {
      throw new LayoutError(
        `${path}.children`,
        `expected no children on a window node (${describeValue(out.window)}), got ${list.length}`,
      );
    }
    if (out.window === undefined) {
      walk.ancestors.set(raw, path);
      out.children = list.map((c, i) => parseNode(`${path}.children[${i + 1}]`, c, walk));
      walk.ancestors.delete(raw);
    }
  }
  return out;
}

const FLAT_KEYS: Record<string, KeyChecker> = {
  x: OFFSET, y: OFFSET, width: SIZE, height: SIZE, z: checkInteger, border: checkBorder,
};

/** The flat form: each `windows[name] = {x, y, width, height}` becomes an absolute node. */
function parseFlat(raw: Record<string, unknown>): LayoutNode {
  if (!isTable(raw.windows)) return fail("windows", "a table of window rectangles", raw.windows);
  const children: LayoutNode[] = [];
  for (const [name, rect] of Object.entries(raw.windows)) {
    const path = `windows.${name}`;
    if (!isTable(rect)) return fail(path, "a rectangle {x=,y=,width=,height=}", rect);
    for (const key of Object.keys(rect)) {
      if (!(key in FLAT_KEYS)) {
        throw new LayoutError(`${path}.${key}`, "unknown key (expected x, y, width, height, z or border)");
      }
    }
    const node: LayoutNode = { window: name, position: "absolute", left: 0, top: 0 };
    for (const [key, check] of Object.entries(FLAT_KEYS)) {
      const v = rect[key];
      if (v === undefined || v === null) continue;
      const ok = check(`${path}.${key}`, v);
      if (key === "x") node.left = ok as Offset;
      else if (key === "y") node.top = ok as Offset;
      else (node as Record<string, unknown>)[key] = ok;
    }
    children.push(node);
  }
  return { children };
}

/** Keys a `layout.get()` result carries next to `root`; accepted so get() output can be set back. */
const TOP_KEYS = new Set(["root", "width", "height", "windows", "variant", "variants"]);

/**
 * Validates a layout table in either form (layout.md "layout.set") and returns the normalized tree.
 * `variants` may sit at the top (next to `root`, or among the root node's keys). Throws
 * LayoutError on the first problem; nothing is returned half-checked.
 */
export function parseLayoutTable(input: unknown): LayoutNode {
  if (!isTable(input)) return parseBase(input);
  const root = isTable(input.root) ? input.root : undefined;
  const raw = input.variants ?? root?.variants;
  if (raw === undefined || raw === null) return parseBase(input);
  const { variants: _v, variant: _a, ...rest } = input;
  const base = root ? { ...rest, root: withoutKey(root, "variants") } : rest;
  const tree = parseBase(base);
  return { ...tree, variants: parseVariants(raw, parseBase) };
}

function withoutKey(t: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...rest } = t;
  return rest;
}

function parseBase(input: unknown): LayoutNode {
  if (!isTable(input)) return fail("", "a layout table (a tree or {windows=...})", input);
  const walk: Walk = { ancestors: new Map(), windows: new Map() };
  if (input.root !== undefined && input.root !== null) {
    for (const key of Object.keys(input)) {
      if (!TOP_KEYS.has(key)) throw new LayoutError(key, "unknown key (expected root)");
    }
    walk.ancestors.set(input, "the outer table");
    return parseNode("root", input.root, walk);
  }
  const keys = Object.keys(input);
  if (keys.length === 0) {
    throw new LayoutError("", "expected a tree (root, children, window or direction) or a flat {windows=...}, got an empty table");
  }
  const isNode = "children" in input || "window" in input || "direction" in input;
  if ("windows" in input && !isNode) {
    for (const key of keys) {
      if (key !== "windows") throw new LayoutError(key, "unknown key (expected windows)");
    }
    return parseFlat(input);
  }
  // Anything else is the root node itself, so a stray key is reported as root.<key>.
  return parseNode("root", input, walk);
}

/** A deep plain copy of a tree as set (defaults omitted, canonical key order), for layout.get(). */
export function layoutTableToPlain(node: LayoutNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
    const v = node[key];
    if (v === undefined) continue;
    out[key] = typeof v === "object" ? { ...v } : v;
  }
  if (node.children !== undefined) out.children = node.children.map(layoutTableToPlain);
  if (node.variants !== undefined) out.variants = variantsToPlain(node.variants, layoutTableToPlain);
  return out;
}

/** Window names in tree order (depth first, children in list order). */
export function windowsInTreeOrder(node: LayoutNode, out: string[] = []): string[] {
  if (node.window !== undefined) out.push(node.window);
  for (const child of node.children ?? []) windowsInTreeOrder(child, out);
  return out;
}

/** Every window node with its error path (`root.children[2].window`, 1-based as Lua counts),
 *  variants' trees included (`root.variants[1].layout...`). */
export function windowNodePaths(node: LayoutNode, path = "root", out: { name: string; path: string }[] = []): { name: string; path: string }[] {
  if (node.window !== undefined) out.push({ name: node.window, path: `${path}.window` });
  (node.children ?? []).forEach((child, i) => windowNodePaths(child, `${path}.children[${i + 1}]`, out));
  (node.variants ?? []).forEach((v, i) => windowNodePaths(v.layout, `${path}.variants[${i + 1}].layout`, out));
  return out;
}
