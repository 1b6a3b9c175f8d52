// The compositor decides "where": which windows to paint, in what order (z, then tree order), into
// which rectangle, clipped how. Renderers decide "what" (their lines); extension draw operations
// go on top of the stock content of their window.
import type { DrawOp } from "../engine/kernel/draw-op.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import type { Style } from "../engine/kernel/style.js";
import type { WindowRecord } from "../engine/kernel/window-store.js";
import type { Rect } from "../layout/rect.js";
import type { MeasureContent } from "../layout/yoga-tree.js";
import { drawBorder } from "./border.js";
import { intersect, PLAIN_ID, type CellGrid, type CursorPos } from "./cell-grid.js";
import { GenericRenderer, textContentWidth } from "./renderers/generic-renderer.js";
import { RendererSet } from "./renderers/renderer-set.js";
import { tooSmall, tooSmallLines } from "./renderers/too-small.js";
import type { RenderInput, RenderOutput, StyledLine } from "./renderers/window-renderer.js";
import type { Theme } from "./theme.js";


/** What survives between frames: renderer caches, popups, stock cursors, the last boxes. */
export type CompositorState = {
  renderers: RendererSet;
  popups: Map<string, { rect: Rect; lines: StyledLine[] }>;
  cursors: Map<string, CursorPos | null>;
  boxes: string;
  tooSmall: boolean;
  theme: Theme | null;
  styleIds: WeakMap<Style, number>;
  /** What paintWindow last put in each window, so an unchanged row is not written again. */
  painted: Map<string, PaintedWindow>;
  /** Name, box and renderer of each window `boxes` was computed from (boxes are replaced, never edited). */
  boxRefs: unknown[];
};

/** One window as last painted: its frame (box, border, title) and the line on each content row. */
type PaintedWindow = { grid: CellGrid; key: string; rows: StyledLine[] };

export type PaintOptions = {
  theme: Theme;
  state: CompositorState;
  /** Windows to repaint; null/undefined repaints everything (first frame, resize, theme change). */
  dirty?: ReadonlySet<string> | null;
  /** false: no "terminal too small" screen below 20x8 (bare mode: the extensions' screen decides). */
  minimumSize?: boolean;
};

/** Fresh compositor state (one per screen). */
export function createCompositorState(renderers = new RendererSet()): CompositorState {
  return { renderers, popups: new Map(), cursors: new Map(), boxes: "", tooSmall: false, theme: null, styleIds: new WeakMap(), painted: new Map(), boxRefs: [] };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const BORDER: Style = Object.freeze({ fg: "border" });
const BORDER_FOCUSED: Style = Object.freeze({ fg: "borderAccent" });
const BORDER_BASH: Style = Object.freeze({ fg: "bashMode" });
const TITLE: Style = Object.freeze({ fg: "muted" });
const TITLE_FOCUSED: Style = Object.freeze({ fg: "accent" });

/** Paints windows into the grid and says where the hardware cursor goes. */
class FramePainter {
  constructor(private readonly grid: CellGrid, private readonly rt: Runtime, private readonly opts: PaintOptions) {}

  id(style: Style | undefined): number {
    if (style === undefined) return PLAIN_ID;
    const s = this.opts.state;
    let id = s.styleIds.get(style);
    if (id === undefined) {
      id = this.grid.styles.intern(this.opts.theme.resolve(style));
      s.styleIds.set(style, id);
    }
    return id;
  }

  lines(x: number, y: number, lines: readonly StyledLine[], clip: Rect): void {
    const n = Math.min(lines.length, clip.y + clip.height - y);
    for (let i = 0; i < n; i++) {
      let col = x;
      for (const s of lines[i]!) col = this.grid.writeText(col, y + i, s.text, this.id(s.style), clip);
    }
  }

  input(w: WindowRecord, height: number): RenderInput | null {
    const buffer = this.rt.buffers.get(w.buffer);
    if (buffer === undefined) return null;
    const marks = this.rt.buffers.marks.query(buffer);
    return { window: w, buffer, width: w.box.content.width, height, focused: this.rt.focus === w.name, theme: this.opts.theme, ...(marks ? { marks } : {}) };
  }

  /** Content rows of a window that fall on the grid (rows below its bottom are never painted). */
  visibleRows(content: Rect): number {
    return Math.max(0, Math.min(content.height, this.grid.height - content.y));
  }

  render(w: WindowRecord): RenderOutput | null {
    if (w.renderer === "extension" || w.box.content.width <= 0) return null;
    const renderer = this.opts.state.renderers.forRole(w.role);
    // A top-aligned renderer gets only the rows the screen shows: a window far taller than the
    // terminal costs what is visible. (The transcript is bottom-aligned and needs its full height.)
    const input = this.input(w, renderer instanceof GenericRenderer ? this.visibleRows(w.box.content) : w.box.content.height);
    if (input === null) return null;
    try {
      return renderer.render(input);
    } catch (e) {
      // A renderer bug blanks its window instead of taking the whole screen down.
      this.rt.reportError({ owner: "host", where: `render ${w.name}`, message: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  /**
   * Paints one window. With `reuse` (nothing else wrote over its cells since it was last painted)
   * and the same frame as then, only the content rows whose line changed are cleared and written.
   */
  paintWindow(w: WindowRecord, out: RenderOutput | null, reuse: boolean): void {
    const box = w.box;
    const rect: Rect = { x: box.x, y: box.y, width: box.width, height: box.height };
    const content = box.content;
    const ops = this.rt.draw.ops(w.name);
    let key = "";
    let edgeId = 0, titleId = 0, label = "";
    if (w.renderer !== "extension") {
      const focused = this.rt.focus === w.name;
      const buf = this.rt.buffers.get(w.buffer);
      const bash = w.role === "composer" && (buf?.lines.line(0).startsWith("!") ?? false);
      edgeId = this.id(bash ? BORDER_BASH : focused ? BORDER_FOCUSED : BORDER);
      titleId = this.id(focused ? TITLE_FOCUSED : TITLE);
      label = buf?.label ?? "";
      key = `${rect.x},${rect.y},${rect.width},${rect.height},${content.x},${content.y},${content.width},${content.height},${box.border},${edgeId},${titleId},${label}`;
    }
    const painted = this.opts.state.painted;
    const prev = painted.get(w.name);
    // Draw operations write over the content, so a window that has (or had) any repaints whole.
    if (reuse && out !== null && ops.length === 0 && prev !== undefined && prev.grid === this.grid && prev.key === key) {
      this.changedRows(content, out.lines, prev.rows);
    } else {
      this.grid.fill(rect, " ", PLAIN_ID);
      if (w.renderer !== "extension") drawBorder(this.grid, rect, box.border, edgeId, label, titleId);
      if (out !== null) this.lines(content.x, content.y, out.lines, content);
    }
    if (out !== null && ops.length === 0 && w.renderer !== "extension") {
      const rows: StyledLine[] = [];
      for (let i = 0, n = this.visibleRows(content); i < n; i++) rows.push(out.lines[i] ?? NO_SPANS);
      painted.set(w.name, { grid: this.grid, key, rows });
    } else {
      painted.delete(w.name);
    }
    const c = out?.cursor;
    const inside = c !== undefined && c.row >= 0 && c.col >= 0 && c.row < content.height && c.col < content.width;
    this.opts.state.cursors.set(w.name, inside ? { row: content.y + c.row, col: content.x + c.col } : null);
    for (const op of ops) this.op(op, rect, box.border);
  }

  // Clears and writes the content rows whose line differs from the one painted there before.
  private changedRows(content: Rect, lines: readonly StyledLine[], before: StyledLine[]): void {
    for (let i = 0, n = this.visibleRows(content); i < n; i++) {
      const line = lines[i] ?? NO_SPANS;
      if (sameLine(line, before[i] ?? NO_SPANS)) continue;
      const y = content.y + i;
      this.grid.fill({ x: content.x, y, width: content.width, height: 1 }, " ", PLAIN_ID);
      let col = content.x;
      for (const s of line) col = this.grid.writeText(col, y, s.text, this.id(s.style), content);
    }
  }

  op(op: DrawOp, rect: Rect, border: WindowRecord["box"]["border"]): void {
    const { x, y } = rect;
    switch (op.kind) {
      case "clear_window": this.grid.fill(rect, " ", PLAIN_ID); break;
      case "clear_region":
        this.grid.fill(intersect({ x: x + op.col, y: y + op.row, width: op.width, height: op.height }, rect), " ", this.id(op.style));
        break;
      case "text": this.grid.writeText(x + op.col, y + op.row, op.text, this.id(op.style), rect); break;
      case "spans": this.lines(x + op.col, y + op.row, [op.spans], rect); break;
      case "box": drawBorder(this.grid, rect, border === "none" ? "single" : border, this.id(op.style ?? BORDER)); break;
      case "cursor": break;
    }
  }
}

/** The screen position of the last `cursor` op of window w, when it falls inside the window. */
function opCursor(ops: readonly DrawOp[], w: WindowRecord): CursorPos | null {
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (op.kind !== "cursor") continue;
    if (op.row < 0 || op.col < 0 || op.row >= w.box.height || op.col >= w.box.width) return null;
    return { row: w.box.y + op.row, col: w.box.x + op.col };
  }
  return null;
}

const NO_SPANS: StyledLine = [];

// Two lines paint the same cells when their spans have the same text and the same style object
// (renderers never change a line they returned; cached lines come back as the same object).
function sameLine(a: StyledLine, b: StyledLine): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.text !== b[i]!.text || a[i]!.style !== b[i]!.style) return false;
  return true;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

// The layout of the visible windows as a string; when every window still has the box object (and
// renderer) the last key was built from, that key is returned without building a new one.
function boxesKey(ws: readonly WindowRecord[], state: CompositorState): string {
  const refs = state.boxRefs;
  let same = refs.length === ws.length * 3;
  for (let i = 0; same && i < ws.length; i++) same = refs[3 * i] === ws[i]!.name && refs[3 * i + 1] === ws[i]!.box && refs[3 * i + 2] === ws[i]!.renderer;
  if (same) return state.boxes;
  state.boxRefs = ws.flatMap((w) => [w.name, w.box, w.renderer]);
  return ws.map((w) => `${w.name}:${w.box.x},${w.box.y},${w.box.width},${w.box.height},${w.box.z},${w.box.order},${w.box.border},${w.renderer}`).join(";");
}

/**
 * Paints one frame into `grid`: each visible window in z then tree order (cleared, bordered,
 * stock-rendered unless its renderer is "extension", then its draw operations, all clipped to
 * it), then popups on top. With a dirty set only those windows repaint, plus every window above
 * them that overlaps; a changed layout repaints everything. Returns the hardware cursor: the
 * topmost extension `cursor` op, else the focused window's stock cursor, else null.
 */
export function paintFrame(grid: CellGrid, rt: Runtime, opts: PaintOptions): { cursor: CursorPos | null } {
  const state = opts.state;
  const themeChanged = state.theme !== opts.theme;
  if (themeChanged) { state.theme = opts.theme; state.styleIds = new WeakMap(); }
  const p = new FramePainter(grid, rt, opts);
  if (opts.minimumSize !== false && tooSmall(grid.width, grid.height)) {
    grid.clear();
    p.lines(0, 0, tooSmallLines(grid.width, grid.height), grid.bounds());
    state.tooSmall = true;
    return { cursor: null };
  }
  const windows = rt.windows.list().map((n) => rt.windows.get(n)!)
    .filter((w) => w.box.visible && w.box.width > 0 && w.box.height > 0)
    .sort((a, b) => a.box.z - b.box.z || a.box.order - b.box.order);
  const key = boxesKey(windows, state);
  const full = opts.dirty == null || state.tooSmall || key !== state.boxes || themeChanged;
  state.boxes = key;
  state.tooSmall = false;
  const repaint = new Set<string>(full ? windows.map((w) => w.name) : windows.filter((w) => opts.dirty!.has(w.name)).map((w) => w.name));
  if (full) { grid.clear(); state.popups.clear(); state.cursors.clear(); state.painted.clear(); }

  // Render first (pure), so a popup that moved or vanished can expose windows that need repainting.
  const outputs = new Map<string, RenderOutput | null>();
  const renderSet = (): void => {
    for (const w of windows) {
      if (!repaint.has(w.name) || outputs.has(w.name)) continue;
      outputs.set(w.name, p.render(w));
    }
  };
  const closeOverlaps = (): void => {
    // Anything above a repainted window that overlaps it is repainted too (paint order is upward).
    const painted: Rect[] = [];
    for (const w of windows) {
      if (repaint.has(w.name)) painted.push(w.box);
      else if (painted.some((r) => overlaps(r, w.box))) { repaint.add(w.name); painted.push(w.box); }
    }
  };
  closeOverlaps();
  renderSet();
  const exposed: Rect[] = [];
  for (const w of windows) {
    if (!outputs.has(w.name)) continue;
    const popup = outputs.get(w.name)?.popup;
    const old = state.popups.get(w.name);
    const rect = popup && popup.lines.length > 0
      ? { x: w.box.x, y: Math.max(0, w.box.y - popup.lines.length), width: w.box.width, height: Math.min(popup.lines.length, w.box.y) }
      : null;
    // The new popup covers its own rectangle; only what the old one covered beyond it is exposed.
    if (old !== undefined && (rect === null || !sameRect(old.rect, rect))) exposed.push(old.rect);
    if (rect !== null && rect.height > 0) state.popups.set(w.name, { rect, lines: popup!.lines.slice(popup!.lines.length - rect.height) });
    else state.popups.delete(w.name);
  }
  for (const r of exposed) {
    grid.fill(r, " ", PLAIN_ID);
    for (const w of windows) if (overlaps(r, w.box)) { repaint.add(w.name); state.painted.delete(w.name); }
  }
  if (exposed.length > 0) { closeOverlaps(); renderSet(); }

  // A window may skip unchanged rows only if no window painted before it this frame wrote over it.
  const written: Rect[] = [];
  for (const w of windows) {
    if (!repaint.has(w.name)) continue;
    p.paintWindow(w, outputs.get(w.name) ?? null, !written.some((r) => overlaps(r, w.box)));
    written.push(w.box);
  }
  for (const pop of state.popups.values()) {
    grid.fill(pop.rect, " ", PLAIN_ID);
    p.lines(pop.rect.x, pop.rect.y, pop.lines, pop.rect);
  }

  let cursor: CursorPos | null = null;
  for (const w of windows) cursor = opCursor(rt.draw.ops(w.name), w) ?? cursor;
  if (cursor === null && windows.some((w) => w.name === rt.focus)) cursor = state.cursors.get(rt.focus) ?? null;
  return { cursor };
}

/**
 * The layout's measure callback for "content" sizes: a window's content height at an offered
 * width from its role's renderer (the composer: its wrapped lines), and for width its widest
 * text line.
 */
export function contentMeasure(rt: Runtime, state: CompositorState, theme: Theme): MeasureContent {
  return (window, axis, offered) => {
    const w = rt.windows.get(window);
    const buffer = w ? rt.buffers.get(w.buffer) : undefined;
    if (w === undefined || buffer === undefined) return 0;
    if (axis === "width") return Math.min(offered, textContentWidth(buffer.text));
    const r = state.renderers.forRole(w.role);
    if (w.renderer === "extension" || r.measure === undefined) return 0;
    const width = Number.isFinite(offered) ? Math.max(1, Math.floor(offered)) : 80;
    const marks = rt.buffers.marks.query(buffer);
    const input: RenderInput = { window: w, buffer, width, height: 0, focused: rt.focus === w.name, theme, ...(marks ? { marks } : {}) };
    return r.measure(input, width);
  };
}
