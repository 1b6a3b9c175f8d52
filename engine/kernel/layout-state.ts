// The kernel's layout: the table as last set plus its Yoga tree. Validation happens before the
// old tree is touched, so a rejected set leaves the previous layout in force. Windows are the
// Runtime's business: this class only turns a table and a terminal size into boxes.
import { computeLayout } from "../../layout/compute-layout.js";
import {
  LayoutError,
  layoutTableToPlain,
  parseLayoutNode,
  parseLayoutTable,
  windowNodePaths,
  windowsInTreeOrder,
  type LayoutNode,
} from "../../layout/layout-table.js";
import type { WindowBox } from "../../layout/rect.js";
import { activeVariant } from "../../layout/layout-variants.js";
import { STOCK_WINDOWS, stockChatLayout } from "../../layout/stock-chat-layout.js";
import { nearName } from "./error-words.js";
import { YogaTree, type IsEmpty, type MeasureContent } from "../../layout/yoga-tree.js";

export type { IsEmpty, MeasureContent } from "../../layout/yoga-tree.js";

/** What a transaction keeps to undo a layout change (see LayoutState.snapshot). */
export type LayoutSnapshot = {
  readonly table: LayoutNode;
  readonly overlays: ReadonlyMap<string, Overlay>;
};

/** An overlay: its node (absolute form), the window it goes in front of when shown, and who set it
 *  ("host", or an extension's name). */
export type Overlay = { readonly node: LayoutNode; readonly before?: string; readonly owner: string };

/** Holds the current layout table and its Yoga tree; all-or-nothing on set. With variants, the
 *  tree is the one the last compute's size picked (layout-variants.ts). */
export class LayoutState {
  private current: LayoutNode;
  private tree: YogaTree;
  private order: string[];
  private isDirty = true;
  /** The variant laid out (index into current.variants), -1 for the base tree. */
  private active = -1;
  /** Host overlays (an approval panel...): absolute nodes laid over whatever tree is in force. */
  private overlayNodes = new Map<string, Overlay>();
  /** Overlay names the host keeps for its own panels, open or not (see reserveOverlay). */
  private readonly hostNames = new Set<string>();

  /** Starts with `initial` (validated), or the stock chat layout. */
  constructor(initial?: unknown) {
    this.current = initial === undefined ? stockChatLayout() : parseLayoutTable(initial);
    this.tree = new YogaTree(this.current);
    this.order = windowsInTreeOrder(this.current);
  }

  /** The tree in force: the table as last set (normalized; do not mutate), or its active variant's. */
  get table(): LayoutNode {
    return this.active < 0 ? this.current : this.current.variants![this.active]!.layout;
  }

  /** The active variant (0-based index into the table's `variants`), or -1 for the base tree. */
  get variant(): number {
    return this.active;
  }

  /** Every window the table names, in the base tree or any variant (in tree order, each once). */
  allWindows(): string[] {
    const names = new Set(windowsInTreeOrder(this.current));
    for (const v of this.current.variants ?? []) for (const n of windowsInTreeOrder(v.layout)) names.add(n);
    for (const o of this.overlayNodes.values()) for (const n of windowsInTreeOrder(o.node)) names.add(n);
    return [...names];
  }

  /** The table as a fresh plain object (defaults omitted, variants included), for layout.get(). */
  plain(): Record<string, unknown> {
    return layoutTableToPlain(this.current);
  }

  /** Replaces the layout (tree or flat form); false (nothing done) when the table equals the one in
   *  force, so setting the same layout on every key costs no Yoga rebuild and no relayout. Throws
   *  LayoutError and changes nothing on a bad table. */
  set(input: unknown, exists?: (window: string) => boolean): boolean {
    const table = parseLayoutTable(input);
    if (exists !== undefined) checkStockTypos(table, input, exists);
    if (sameValue(table, this.current)) return false;
    this.replace(table);
    return true;
  }

  /** The current table and overlays, for a transaction's undo record. */
  snapshot(): LayoutSnapshot {
    return { table: this.current, overlays: new Map(this.overlayNodes) };
  }

  /** Puts a snapshot back (rollback); rebuilds the Yoga tree only if the table or overlays differ. */
  restore(snap: LayoutSnapshot): void {
    const sameOverlays = snap.overlays.size === this.overlayNodes.size && [...snap.overlays].every(([k, v]) => this.overlayNodes.get(k) === v);
    if (!sameOverlays) this.overlayNodes = new Map(snap.overlays);
    if (snap.table !== this.current || !sameOverlays) this.replace(snap.table);
  }

  /**
   * Lays `node` (a window node or a container, validated like a layout's at `overlays.NAME`) over
   * every tree from now on, under `name`, or removes it (undefined). When the tree in force shows
   * window `before`, the node goes in the flow just before it (its position, offsets and z
   * dropped), so its neighbours make room; otherwise it is laid absolute over the root. It survives
   * layout.set and variant switches, so a panel shows whatever layout is in force; a tree that
   * places the window itself wins. Only `owner` (default "host") may replace or remove an overlay
   * it set, and only the host one of its reserved names. Throws LayoutError on a bad node or another
   * owner's name, changing nothing.
   */
  setOverlay(name: string, node: unknown, before?: string, owner = "host"): void {
    const had = this.overlayNodes.get(name);
    // A reserved name is the host's even while its panel is closed: an extension's overlay under
    // it would make the host's next open fail.
    const holder = had?.owner ?? (this.hostNames.has(name) ? "host" : owner);
    if (holder !== owner) {
      throw new LayoutError(`overlays.${name}`, `expected one of ${ownerWords(owner)}'s own overlays, got ${ownerWords(holder)}'s`);
    }
    if (node === undefined) {
      if (had === undefined) return;
      this.overlayNodes.delete(name);
    } else {
      const parsed = parseLayoutNode(`overlays.${name}`, node);
      this.overlayNodes.set(name, { node: { ...parsed, position: "absolute" }, owner, ...(before !== undefined ? { before } : {}) });
    }
    this.replace(this.current);
  }

  /** Keeps overlay `name` for the host's own panel (the picker, the approval panel): no other
   *  owner may set it, whether or not the panel is open. */
  reserveOverlay(name: string): void {
    this.hostNames.add(name);
  }

  /** The overlays in force, by name. */
  get overlays(): ReadonlyMap<string, Overlay> {
    return this.overlayNodes;
  }

  /** Computes every window box at width x height (`hide_empty` windows whose buffer isEmpty
   *  collapsed). Touches no window; clears the dirty flag. */
  compute(width: number, height: number, measure?: MeasureContent, isEmpty?: IsEmpty): Map<string, WindowBox> {
    const pick = activeVariant(this.current.variants, width, height);
    if (pick !== this.active) this.build(pick);
    this.isDirty = false;
    return computeLayout(this.tree, width, height, measure, isEmpty);
  }

  /** True when a `hide_empty` window's buffer became empty or non-empty since the last compute. */
  emptinessChanged(isEmpty: IsEmpty): boolean {
    return this.tree.emptinessChanged(isEmpty);
  }

  /** Window names in tree order (ties in z paint in this order). */
  treeOrder(): string[] {
    return [...this.order];
  }

  /** True after a set or markDirty until the next compute. */
  get dirty(): boolean {
    return this.isDirty;
  }

  /** Asks for a recompute before the next frame (a measured window's content changed...). */
  markDirty(): void {
    this.isDirty = true;
  }

  /** Frees the Yoga tree; the state must not be used afterwards. */
  dispose(): void {
    this.tree.free();
  }

  private replace(table: LayoutNode): void {
    // The new tree takes over the old one's nodes it can reuse and frees the rest.
    const laid = this.withOverlays(table);
    this.tree = new YogaTree(laid, this.tree);
    this.current = table;
    this.active = -1;
    this.order = windowsInTreeOrder(laid);
    this.isDirty = true;
  }

  /** Lays out variant `pick` (-1: the base tree) of the current table from now on. */
  private build(pick: number): void {
    const table = this.withOverlays(pick < 0 ? this.current : this.current.variants![pick]!.layout);
    this.tree = new YogaTree(table, this.tree);
    this.active = pick;
    this.order = windowsInTreeOrder(table);
  }

  // An overlay goes in the flow before its `before` window when the tree shows it, else it joins
  // the root's children last (absolute, taking no space); a root that is itself a window becomes
  // the one in-flow child of a column.
  private withOverlays(table: LayoutNode): LayoutNode {
    let tree = table;
    for (const o of this.overlayNodes.values()) {
      const shown = windowsInTreeOrder(tree);
      if (o.node.window !== undefined && shown.includes(o.node.window)) continue;
      if (o.before !== undefined && shown.includes(o.before)) {
        const { position: _p, top: _t, left: _l, right: _r, bottom: _b, z: _z, ...inFlow } = o.node;
        tree = insertBefore(tree, o.before, inFlow);
      } else if (tree.window !== undefined) tree = { direction: "column", children: [{ ...tree, grow: 1 }, o.node] };
      else tree = { ...tree, children: [...(tree.children ?? []), o.node] };
    }
    return tree;
  }
}

/** "the host" or "extension NAME", for errors about who set an overlay. */
function ownerWords(owner: string): string {
  return owner === "host" ? "the host" : `extension ${owner}`;
}

/** `tree` with `node` inserted just before the node of window `before` (a copy of the path to it). */
function insertBefore(tree: LayoutNode, before: string, node: LayoutNode): LayoutNode {
  const children = tree.children;
  if (!children) return tree;
  const at = children.findIndex((c) => c.window === before);
  if (at >= 0) return { ...tree, children: [...children.slice(0, at), node, ...children.slice(at)] };
  return { ...tree, children: children.map((c) => insertBefore(c, before, node)) };
}

/**
 * A node naming a window that does not exist creates it, except when the name is one typo away
 * from a stock window's (`stauts`): that is an error naming the node, not a new empty window.
 */
function checkStockTypos(table: LayoutNode, input: unknown, exists: (window: string) => boolean): void {
  const flat = typeof input === "object" && input !== null && "windows" in input && !("root" in input);
  for (const { name, path } of windowNodePaths(table)) {
    if (exists(name) || STOCK_WINDOWS.includes(name)) continue;
    const near = nearName(name, STOCK_WINDOWS, 1);
    if (near !== undefined) {
      throw new LayoutError(flat ? `windows.${name}` : path, `no window "${name}" (did you mean the stock window "${near}"? win.create makes a new window of that name)`);
    }
  }
}

/** Deep equality of plain data (normalized layout tables: objects, arrays, strings, numbers). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
