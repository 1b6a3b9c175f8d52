// One screen's painting: the compositor state (renderer caches), the content measure the layout
// uses for the composer, and the windows dirtied since the last frame.
import type { Runtime } from "../engine/runtime.js";
import type { CellGrid } from "../ui/cell-grid.js";
import { contentMeasure, createCompositorState, paintFrame, type CursorPos } from "../ui/compositor.js";
import type { Theme } from "../ui/theme.js";

/** Paints frames of one runtime; repaints only what commits touched unless invalidated. */
export class AppPainter {
  private readonly state = createCompositorState();
  /** null: repaint everything next frame. */
  private dirty: Set<string> | null = null;
  private painting = false;

  constructor(private readonly rt: Runtime, private readonly theme: Theme) {
    rt.setMeasure(contentMeasure(rt, this.state, theme));
    rt.onDirty((t) => {
      if (this.dirty === null) return;
      for (const w of t.windows) this.dirty.add(w);
    });
  }

  /** True while a frame is being prepared (changes made now are painted in this frame). */
  get busy(): boolean {
    return this.painting;
  }

  /** The next frame repaints every window (the grid was resized or the terminal cleared). */
  invalidate(): void {
    this.dirty = null;
  }

  /** One frame: the layout brought up to date, `render` emitted, the dirty windows painted. */
  paint(grid: CellGrid): { cursor: CursorPos | null } {
    this.painting = true;
    let out: { cursor: CursorPos | null };
    try {
      this.rt.updateLayout();
      this.rt.emit("render", { width: this.rt.width, height: this.rt.height });
      out = paintFrame(grid, this.rt, { theme: this.theme, state: this.state, dirty: this.dirty });
      this.dirty = new Set();
    } finally {
      this.painting = false;
    }
    this.clampScroll();
    return out;
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
