// A Yoga node tree kept in lockstep with one LayoutNode tree. Built once per layout.set; a resize
// only changes the root's size, so Yoga's caches survive across computes.
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

/** Holds the Yoga nodes for one layout tree; call free() when it is replaced. */
export class YogaTree {
  readonly root: YogaNode;
  readonly windows: WindowNode[] = [];
  private measure: MeasureContent | undefined;
  private freed = false;
  private count = 0;
  private lastWidth = -1;
  private lastHeight = -1;

  constructor(readonly table: LayoutNode) {
    this.root = this.build(table, true, [], false, 0);
  }

  /** Sets the terminal size and measure callback, collapses the `hide_empty` windows whose buffer
   *  is empty, then lets Yoga compute the layout. */
  calculate(width: number, height: number, measure?: MeasureContent, isEmpty?: IsEmpty): void {
    if (this.freed) throw new Error("layout: the Yoga tree was already freed");
    this.measure = measure;
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
    liveNodes -= this.count;
    this.root.freeRecursive();
  }

  private build(t: LayoutNode, isRoot: boolean, chain: YogaNode[], hidden: boolean, z: number): YogaNode {
    const node = Yoga.Node.create(config());
    this.count++;
    liveNodes++;
    const here = [...chain, node];
    const isHidden = hidden || t.display === "none";
    const ownZ = t.z ?? z;
    this.applyStyle(node, t, isRoot);
    if (t.window !== undefined) {
      const measured = t.width === "content" || t.height === "content";
      if (measured) node.setMeasureFunc(this.measureFunc(t));
      this.windows.push({
        name: t.window, node, chain: here, hidden: isHidden, hideEmpty: t.hide_empty === true, collapsed: false, border: t.border ?? "none",
        z: ownZ, order: this.windows.length, measured,
      });
    }
    (t.children ?? []).forEach((child, i) => {
      node.insertChild(this.build(child, false, here, isHidden, ownZ), i);
    });
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
    if (t.gap !== undefined) node.setGap(Gutter.All, t.gap);
    if (t.row_gap !== undefined) node.setGap(Gutter.Row, t.row_gap);
    if (t.column_gap !== undefined) node.setGap(Gutter.Column, t.column_gap);
    // The root is exactly the terminal: its size, margin, position and offsets are ignored.
    if (isRoot) return;
    node.setWidth(yogaSize(t.width));
    node.setHeight(yogaSize(t.height));
    if (t.min_width !== undefined) node.setMinWidth(t.min_width);
    if (t.max_width !== undefined) node.setMaxWidth(t.max_width);
    if (t.min_height !== undefined) node.setMinHeight(t.min_height);
    if (t.max_height !== undefined) node.setMaxHeight(t.max_height);
    const margin = spacingEdges(t.margin);
    for (const [edge, side] of EDGES) node.setMargin(edge, margin[side]);
    node.setPositionType(t.position === "absolute" ? PositionType.Absolute : PositionType.Relative);
    const offsets: [Offset | undefined, Edge][] = [
      [t.top, Edge.Top], [t.left, Edge.Left], [t.right, Edge.Right], [t.bottom, Edge.Bottom],
    ];
    for (const [v, edge] of offsets) if (v !== undefined) node.setPosition(edge, v);
  }

  /** Yoga measure function for a window leaf whose width and/or height is "content". */
  private measureFunc(t: LayoutNode) {
    const name = t.window!;
    const contentWidth = t.width === "content";
    const contentHeight = t.height === "content";
    const ask = (axis: "width" | "height", offered: number): number => {
      const m = this.measure;
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
