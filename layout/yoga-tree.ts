// A Yoga node tree kept in lockstep with one LayoutNode tree. Built once per layout.set, reusing the
// previous tree's nodes where it can (a window's node by its name, a container's by the windows
// under it): a reused node is restyled only if its table node changed, and its children re-linked
// only if they differ, so Yoga recomputes only what changed. A resize only changes the root's size,
// so Yoga's caches survive across computes.
import Yoga, {
  Align,
  Display,
  Edge,
  FlexDirection,
  Gutter,
  Justify,
  MeasureMode,
  PositionType,
  Wrap,
  type Config,
  type Node as YogaNode,
} from "yoga-layout";
import type { BorderKind } from "./rect.js";
import { spacingEdges, type LayoutNode, type Offset, type Size } from "./layout-table.js";

/** Measures a window's content: the content-box size on `axis` given the other axis offered. */
export type MeasureContent = (window: string, axis: "width" | "height", offered: number) => number;

/** Whether a window's buffer is empty (for `hide_empty` nodes). */
export type IsEmpty = (window: string) => boolean;

/** One window leaf of the tree, in tree order. */
export type WindowNode = {
  name: string;
  node: YogaNode;
  /** The Yoga nodes from the root down to this leaf (inclusive), for position sums and display. */
  chain: YogaNode[];
  hidden: boolean;
  /** `hide_empty`: collapsed (display none) while `calculate`'s isEmpty says its buffer is empty. */
  hideEmpty: boolean;
  collapsed: boolean;
  border: BorderKind;
  z: number;
  order: number;
  measured: boolean;
};

// Yoga 3 has no instance counter, so we count what we create and free (tests check for leaks).
let liveNodes = 0;
/** Yoga nodes created by YogaTree and not yet freed. */
export function liveYogaNodeCount(): number {
  return liveNodes;
}

let sharedConfig: Config | undefined;
function config(): Config {
  if (sharedConfig === undefined) {
    sharedConfig = Yoga.Config.create();
    // One point is one cell: every computed edge is whole, so siblings never overlap by rounding.
    sharedConfig.setPointScaleFactor(1);
  }
  return sharedConfig;
}

const FLEX_DIRECTION = {
  column: FlexDirection.Column, row: FlexDirection.Row,
  column_reverse: FlexDirection.ColumnReverse, row_reverse: FlexDirection.RowReverse,
} as const;
const JUSTIFY = {
  start: Justify.FlexStart, end: Justify.FlexEnd, center: Justify.Center,
  space_between: Justify.SpaceBetween, space_around: Justify.SpaceAround, space_evenly: Justify.SpaceEvenly,
} as const;
const ALIGN = {
  auto: Align.Auto, start: Align.FlexStart, end: Align.FlexEnd, center: Align.Center, stretch: Align.Stretch,
} as const;

const EDGES = [[Edge.Top, "top"], [Edge.Right, "right"], [Edge.Bottom, "bottom"], [Edge.Left, "left"]] as const;

type YogaSize = number | "auto" | `${number}%`;
/** "content" is a measure function, not a Yoga size: the node's own size stays auto. */
function yogaSize(s: Size | undefined): YogaSize | undefined {
  return s === undefined || s === "content" ? "auto" : s;
}

/** A node this tree owns: its table node (children aside), its reuse key and its children. */
type Owned = { node: YogaNode; t: LayoutNode; key: string; measured: boolean; children: YogaNode[] };

/**
 * Holds the Yoga nodes for one layout tree. Call free() when it is dropped, or pass it as
 * `previous` to the tree that replaces it, which takes over (and frees) its nodes.
 */
export class YogaTree {
  readonly root: YogaNode;
  readonly windows: WindowNode[] = [];
  // Shared with the trees built from this one: a reused node's measure function reads it.
  private readonly measureRef: { fn: MeasureContent | undefined };
  private freed = false;
  private owned: Owned[] = [];
  private lastWidth = -1;
  private lastHeight = -1;
  /** Nodes created (not reused) by this tree's build. */
  readonly created: number;

  constructor(readonly table: LayoutNode, previous?: YogaTree) {
    const pool = previous?.adopt();
    this.measureRef = previous?.measureRef ?? { fn: undefined };
    const before = liveNodes;
    this.root = this.build(table, true, [], false, 0, 0, pool);
    this.created = liveNodes - before;
    // Post-order: a node is freed after its children, so none is freed while still linked.
    for (const o of pool?.left() ?? []) {
      o.node.free();
      liveNodes--;
    }
  }

  /** Sets the terminal size and measure callback, collapses the `hide_empty` windows whose buffer
   *  is empty, then lets Yoga compute the layout. */
  calculate(width: number, height: number, measure?: MeasureContent, isEmpty?: IsEmpty): void {
    if (this.freed) throw new Error("layout: the Yoga tree was already freed");
    this.measureRef.fn = measure;
    this.collapse(isEmpty);
    // Content may have changed since the last compute: measured leaves must be asked again.
    for (const w of this.windows) if (w.measured) w.node.markDirty();
    if (width !== this.lastWidth || height !== this.lastHeight) {
      this.root.setWidth(Math.max(0, width));
      this.root.setHeight(Math.max(0, height));
      this.lastWidth = width;
      this.lastHeight = height;
    }
    this.root.calculateLayout(undefined, undefined);
  }

  /** True when a `hide_empty` window would collapse or open by isEmpty (a relayout is due). */
  emptinessChanged(isEmpty: IsEmpty): boolean {
    return this.windows.some((w) => w.hideEmpty && !w.hidden && isEmpty(w.name) !== w.collapsed);
  }

  private collapse(isEmpty: IsEmpty | undefined): void {
    for (const w of this.windows) {
      if (!w.hideEmpty || w.hidden) continue;
      const c = isEmpty?.(w.name) ?? false;
      if (c === w.collapsed) continue;
      w.collapsed = c;
      w.node.setDisplay(c ? Display.None : Display.Flex);
    }
  }

  /** Frees every Yoga node (Yoga 3 nodes have no finalizer: a dropped tree leaks ~560 B a node). */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    liveNodes -= this.owned.length;
    this.root.freeRecursive();
  }

  // Hands this tree's nodes to the tree replacing it; this one is spent.
  private adopt(): NodePool {
    if (this.freed) throw new Error("layout: the Yoga tree was already freed");
    this.freed = true;
    return new NodePool(this.owned);
  }

  private build(t: LayoutNode, isRoot: boolean, chain: YogaNode[], hidden: boolean, z: number, depth: number, pool: NodePool | undefined): YogaNode {
    const key = isRoot ? "root" : t.window !== undefined ? `w:${t.window}` : `c:${depth}:${windowsUnder(t).join(",")}`;
    const old = pool?.take(key);
    const measured = t.window !== undefined && (t.width === "content" || t.height === "content");
    let node: YogaNode;
    if (old === undefined) {
      node = Yoga.Node.create(config());
      liveNodes++;
      this.applyStyle(node, t, isRoot);
      if (measured) node.setMeasureFunc(this.measureFunc(t));
    } else {
      node = old.node;
      const restyled = !sameStyle(old.t, t);
      if (restyled) this.applyStyle(node, t, isRoot);
      // A `hide_empty` window may have been collapsed by the last tree: this one starts open.
      else if (t.hide_empty === true) node.setDisplay(t.display === "none" ? Display.None : Display.Flex);
      if (measured && (restyled || !old.measured)) node.setMeasureFunc(this.measureFunc(t));
      else if (!measured && old.measured) node.unsetMeasureFunc();
    }
    const here = [...chain, node];
    const isHidden = hidden || t.display === "none";
    const ownZ = t.z ?? z;
    if (t.window !== undefined) {
      this.windows.push({
        name: t.window, node, chain: here, hidden: isHidden, hideEmpty: t.hide_empty === true, collapsed: false, border: t.border ?? "none",
        z: ownZ, order: this.windows.length, measured,
      });
    }
    const children = (t.children ?? []).map((child) => this.build(child, false, here, isHidden, ownZ, depth + 1, pool));
    if (old === undefined || !sameNodes(old.children, children)) link(node, children, old !== undefined);
    this.owned.push({ node, t, key, measured, children });
    return node;
  }

  private applyStyle(node: YogaNode, t: LayoutNode, isRoot: boolean): void {
    node.setFlexDirection(FLEX_DIRECTION[t.direction ?? "column"]);
    node.setFlexGrow(t.grow ?? 0);
    node.setFlexShrink(t.shrink ?? 1);
    node.setFlexBasis(yogaSize(t.basis));
    node.setJustifyContent(JUSTIFY[t.justify ?? "start"]);
    node.setAlignItems(ALIGN[t.align ?? "stretch"]);
    node.setAlignSelf(ALIGN[t.align_self ?? "auto"]);
    node.setFlexWrap(t.wrap === "wrap" ? Wrap.Wrap : Wrap.NoWrap);
    node.setDisplay(t.display === "none" ? Display.None : Display.Flex);
    const pad = spacingEdges(t.padding);
    for (const [edge, side] of EDGES) node.setPadding(edge, pad[side]);
    node.setBorder(Edge.All, t.border !== undefined && t.border !== "none" ? 1 : 0);
    // Optional properties are set even when absent (undefined unsets): a reused node may hold old ones.
    node.setGap(Gutter.All, t.gap);
    node.setGap(Gutter.Row, t.row_gap);
    node.setGap(Gutter.Column, t.column_gap);
    // The root is exactly the terminal: its size, margin, position and offsets are ignored.
    if (isRoot) return;
    node.setWidth(yogaSize(t.width));
    node.setHeight(yogaSize(t.height));
    node.setMinWidth(t.min_width);
    node.setMaxWidth(t.max_width);
    node.setMinHeight(t.min_height);
    node.setMaxHeight(t.max_height);
    const margin = spacingEdges(t.margin);
    for (const [edge, side] of EDGES) node.setMargin(edge, margin[side]);
    node.setPositionType(t.position === "absolute" ? PositionType.Absolute : PositionType.Relative);
    const offsets: [Offset | undefined, Edge][] = [
      [t.top, Edge.Top], [t.left, Edge.Left], [t.right, Edge.Right], [t.bottom, Edge.Bottom],
    ];
    for (const [v, edge] of offsets) node.setPosition(edge, v);
  }

  /** Yoga measure function for a window leaf whose width and/or height is "content". */
  private measureFunc(t: LayoutNode) {
    const name = t.window!;
    const contentWidth = t.width === "content";
    const contentHeight = t.height === "content";
    const ref = this.measureRef;
    const ask = (axis: "width" | "height", offered: number): number => {
      const m = ref.fn;
      if (m === undefined) return 0;
      const v = m(name, axis, Number.isNaN(offered) ? Infinity : offered);
      return Number.isFinite(v) && v > 0 ? Math.ceil(v) : 0;
    };
    // An axis that is not "content" takes only what flex gives it (0 unless Yoga fixes it).
    const given = (v: number, mode: MeasureMode): number => (mode === MeasureMode.Exactly ? v : 0);
    return (width: number, wMode: MeasureMode, height: number, hMode: MeasureMode) => {
      let w = contentWidth ? ask("width", height) : given(width, wMode);
      if (contentWidth && wMode === MeasureMode.AtMost) w = Math.min(w, width);
      if (contentWidth && wMode === MeasureMode.Exactly) w = width;
      // The height of a "content" node is measured at the width it will actually get.
      const offeredWidth = contentWidth ? w : width;
      let h = contentHeight ? ask("height", offeredWidth) : given(height, hMode);
      if (contentHeight && hMode === MeasureMode.AtMost) h = Math.min(h, height);
      if (contentHeight && hMode === MeasureMode.Exactly) h = height;
      return { width: w, height: h };
    };
  }
}

/** The previous tree's nodes by reuse key, each taken at most once; what is left gets freed. */
class NodePool {
  private readonly byKey = new Map<string, Owned[]>();
  private readonly taken = new Set<Owned>();

  constructor(private readonly all: Owned[]) {
    for (const o of all) {
      const list = this.byKey.get(o.key);
      if (list === undefined) this.byKey.set(o.key, [o]);
      else list.push(o);
    }
  }

  take(key: string): Owned | undefined {
    const o = this.byKey.get(key)?.find((x) => !this.taken.has(x));
    if (o !== undefined) this.taken.add(o);
    return o;
  }

  /** The nodes nobody took, children before their parents. */
  left(): Owned[] {
    return this.all.filter((o) => !this.taken.has(o));
  }
}

/** The window names under a container, in tree order (its reuse key). */
function windowsUnder(t: LayoutNode, out: string[] = []): string[] {
  if (t.window !== undefined) out.push(t.window);
  for (const c of t.children ?? []) windowsUnder(c, out);
  return out;
}

// Makes `children` the node's children, in order, taking each from wherever it is linked now.
function link(node: YogaNode, children: YogaNode[], reused: boolean): void {
  if (reused) while (node.getChildCount() > 0) node.removeChild(node.getChild(0));
  children.forEach((child, i) => {
    const parent = child.getParent();
    if (parent !== null) parent.removeChild(child);
    node.insertChild(child, i);
  });
}

function sameNodes(a: readonly YogaNode[], b: readonly YogaNode[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** The same table node as far as Yoga sees it (children and variants aside). */
function sameStyle(a: LayoutNode, b: LayoutNode): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === "children" || k === "variants") continue;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
