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
    try {
      this.rt.updateLayout();
      this.rt.emit("render", { width: this.rt.width, height: this.rt.height });
      const out = paintFrame(grid, this.rt, { theme: this.theme, state: this.state, dirty: this.dirty });
      this.dirty = new Set();
      return out;
    } finally {
      this.painting = false;
    }
  }
}
