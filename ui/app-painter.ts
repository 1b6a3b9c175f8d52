// One screen's painting: the compositor state (renderer caches), the content measure the layout
// uses for the composer, and the windows dirtied since the last frame.
import type { Block } from "../engine/kernel/block.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import type { CellGrid, CursorPos } from "./cell-grid.js";
import { contentMeasure, createCompositorState, paintFrame } from "./compositor.js";
import { blockFlags, flagKey } from "./renderers/transcript-renderer.js";
import { TRANSCRIPT_RENDER, transcriptRenderHook } from "./renderers/transcript-render-hook.js";
import type { BlockFlags } from "./renderers/transcript-blocks.js";
import { paintScreenNotes, type ScreenNote } from "./renderers/screen-notes.js";
import type { SavedScreen } from "./renderers/saved-screen.js";
import type { Theme } from "./theme.js";

/**
 * Where the transcript's newest block ended at the last frame: the rows from its top to the
 * bottom (`rows`), at the width and flags it was drawn with.
 */
type ScrollPin = { window: string; buffer: string; width: number; flags: string; index: number; id: string; rows: number };

/** Paints frames of one runtime; repaints only what commits touched unless invalidated. */
export class AppPainter {
  private readonly state = createCompositorState();
  /** null: repaint everything next frame. */
  private dirty: Set<string> | null = null;
  private painting = false;
  private pin: ScrollPin | null = null;
  // The `transcript_render` handler set the last frame was drawn with: a change repaints all.
  private renderHandlers = 0;
  /** Host notes painted over each frame (bare mode's), and the notes the last frame showed. */
  private notes: (() => readonly ScreenNote[]) | undefined;
  private notesKey = "";

  /** `minimumSize: false`: paint any size, without the stock chat's "terminal too small" screen (bare mode). */
  constructor(private readonly rt: Runtime, private readonly theme: Theme, private readonly opts: { minimumSize?: boolean } = {}) {
    rt.setMeasure(contentMeasure(rt, this.state, theme));
    this.state.renderers.transcript.setHook(transcriptRenderHook(rt));
    rt.onDirty((t) => {
      if (this.dirty === null) return;
      for (const w of t.windows) this.dirty.add(w);
    });
  }

  /** Sets the host notes painted over every frame (bare mode: how to quit, errors, an empty screen). */
  setNotes(fn: () => readonly ScreenNote[]): void {
    this.notes = fn;
  }

  /** The transcript's newest screenful as drawn now (blocks `keep` accepts), for the next run's first frame (undefined: nothing to save). */
  savedTranscript(build: string, keep?: (b: Block) => boolean): SavedScreen | undefined {
    const t = this.transcript();
    const blocks = t && this.rt.buffers.get(t.buffer)?.blocks;
    const w = t && this.rt.windows.get(t.name);
    if (!t || !blocks || blocks.length === 0 || !w) return undefined;
    return this.state.renderers.transcript.newestScreen(t.buffer, blocks, t.width, t.flags, w.box.content.height, build, keep);
  }

  /** Lines an earlier run saved, drawn instead of rendering blocks with the same content (undefined: drop them). */
  seedTranscript(screen: SavedScreen | undefined): void {
    this.state.renderers.transcript.setSeed(screen);
  }

  /** True while a frame is being prepared (changes made now are painted in this frame). */
  get busy(): boolean {
    return this.painting;
  }

  /** The next frame repaints every window (the grid was resized or the terminal cleared). */
  invalidate(): void {
    this.dirty = null;
  }

  /** One frame: the layout brought up to date, `tick` (while timers or jobs live) and `render`
   *  emitted, the dirty windows painted. */
  paint(grid: CellGrid): { cursor: CursorPos | null } {
    this.painting = true;
    let out: { cursor: CursorPos | null };
    try {
      this.rt.updateLayout();
      const data = this.rt.frameData();
      // At most one `tick` a frame, and only while timers or jobs are live (the working spinner
      // is a timer, so it ticks while a request runs, as the original's work ticker did).
      if (this.rt.ticking) this.rt.emit("tick", { ...data });
      // What the last frame's `render` handlers drew lasts that frame: dropped before they draw
      // again (the windows it covered repaint whole, so a shorter text leaves nothing behind).
      this.rt.draw.dropFrame();
      this.rt.emit("render", data);
      const handlers = this.rt.events.generation(TRANSCRIPT_RENDER);
      if (handlers !== this.renderHandlers) { this.renderHandlers = handlers; this.dirty = null; }
      this.keepScrollPinned();
      const notes = this.notes?.() ?? [];
      // A note that changed or went away leaves cells only a full repaint puts back.
      const notesKey = notes.length === 0 ? "" : JSON.stringify(notes);
      if (notesKey !== this.notesKey) { this.notesKey = notesKey; this.dirty = null; }
      out = paintFrame(grid, this.rt, { theme: this.theme, state: this.state, dirty: this.dirty, minimumSize: this.opts.minimumSize !== false });
      if (notes.length > 0) paintScreenNotes(grid, notes, this.theme);
      this.dirty = new Set();
    } finally {
      this.painting = false;
    }
    this.clampScroll();
    this.pin = this.takePin();
    return out;
  }

  // `scroll` counts rows up from the bottom, so rows streaming in below would drag a transcript
  // the reader scrolled up along with them. Before each frame the scroll grows by the rows added
  // below the last frame's newest block; at the bottom (scroll 0) the view follows the stream.
  // Only the blocks since the last frame are measured (cached lines), never the whole history.
  private keepScrollPinned(): void {
    const p = this.pin;
    const t = p && this.transcript();
    if (!p || !t || t.name !== p.window || t.buffer !== p.buffer || t.width !== p.width || t.flagKey !== p.flags) return;
    const w = this.rt.windows.get(p.window)!;
    if (w.scroll <= 0) return;
    const blocks = this.rt.buffers.get(p.buffer)?.blocks ?? [];
    const index = blocks[p.index]?.id === p.id ? p.index : blocks.findIndex((b) => b.id === p.id);
    if (index < 0) return;
    const grown = this.rowsFrom(blocks, index, t.buffer, t.width, t.flags) - p.rows;
    if (grown !== 0) this.rt.guard("host", "scroll", () => this.rt.windows.set(p.window, { scroll: Math.max(0, w.scroll + grown) }));
  }

  private takePin(): ScrollPin | null {
    const t = this.transcript();
    const blocks = t && this.rt.buffers.get(t.buffer)?.blocks;
    if (!t || !blocks || blocks.length === 0) return null;
    const index = blocks.length - 1;
    const rows = this.rowsFrom(blocks, index, t.buffer, t.width, t.flags);
    return { window: t.name, buffer: t.buffer, width: t.width, flags: t.flagKey, index, id: blocks[index]!.id, rows };
  }

  /** Rows the blocks from `index` on take at the bottom of the transcript, with their separators. */
  private rowsFrom(blocks: readonly Block[], index: number, buffer: string, width: number, flags: BlockFlags): number {
    const r = this.state.renderers.transcript;
    let rows = 0;
    for (let k = index; k < blocks.length; k++) {
      const n = r.blockLines(buffer, blocks[k]!, width, flags).length;
      // One empty row above each non-empty block (assuming something non-empty is above it).
      if (n > 0) rows += n + (k > 0 ? 1 : 0);
    }
    return rows;
  }

  /** The stock-rendered transcript window, its buffer, content width and block flags. */
  private transcript(): { name: string; buffer: string; width: number; flags: BlockFlags; flagKey: string } | null {
    const name = this.rt.windows.find({ role: "transcript" }, this.rt.layout.treeOrder());
    const w = name === undefined ? undefined : this.rt.windows.get(name);
    if (!w || w.renderer === "extension" || this.state.renderers.forRole(w.role) !== this.state.renderers.transcript) return null;
    const flags = blockFlags(w.vars);
    return { name: name!, buffer: w.buffer, width: w.box.content.width, flags, flagKey: flagKey(flags) };
  }

  // pageup past the oldest row changes nothing on screen, so the stored scroll is brought back
  // to the largest useful one: the next pagedown then moves at once.
  private clampScroll(): void {
    const max = this.state.renderers.transcript.lastMaxScroll;
    if (max === null) return;
    const name = this.rt.windows.find({ role: "transcript" }, this.rt.layout.treeOrder());
    const w = name === undefined ? undefined : this.rt.windows.get(name);
    if (w && w.scroll > max) this.rt.guard("host", "scroll", () => this.rt.windows.set(name!, { scroll: max }));
  }
}
