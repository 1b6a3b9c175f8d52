// A message streamed character by character through the real compositor and Screen into a headless
// xterm: every frame shows exactly the grid (including the frames where the transcript grew by a row
// and the terminal was scrolled), equals a fresh full paint, and a delta writes only a few bytes.
import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { contentMeasure, createCompositorState, paintFrame } from "../../ui/compositor.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { feed, headlessTerminal, mismatches } from "../ui-terminal/xterm-oracle.js";

const theme = createTheme();
const W = 40, H = 14;
const TEXT = "The **renderer** walks the 可见 rows of each `window` and paints them 👍 into the back grid, then diffs it. ".repeat(2);

describe("streaming a message into a terminal", () => {
  it("keeps the terminal equal to a fresh paint at every delta, scrolling when the text wraps", async () => {
    const rt = new Runtime({ width: W, height: H });
    const state = createCompositorState();
    rt.setMeasure(contentMeasure(rt, state, theme));
    rt.inTransaction(() => {
      for (let i = 0; i < 6; i++) rt.buffers.appendBlock("transcript", { kind: "message", role: i % 2 ? "assistant" : "user", text: `message ${i} with *some* text` });
      rt.buffers.appendBlock("transcript", { id: "s", kind: "message", role: "assistant", text: "Here:\n\n- one\n- two\n\n", streaming: true });
      rt.buffers.setText("composer", "typing 語");
    });
    const screen = new Screen(W, H);
    const term = headlessTerminal(W, H);
    let dirty: Set<string> | null = null;
    rt.onDirty((t) => { if (dirty) t.windows.forEach((w) => dirty!.add(w)); });
    const frame = async (): Promise<string> => {
      rt.updateLayout();
      const out = paintFrame(screen.back, rt, { theme, state, dirty });
      dirty = new Set();
      const bytes = screen.flush(out.cursor);
      await feed(term, bytes);
      return bytes;
    };
    await frame();
    let scrolls = 0, small = 0;
    for (const ch of TEXT) {
      rt.inTransaction(() => rt.buffers.appendToBlock("transcript", "s", ch));
      const bytes = await frame();
      if (bytes.includes("r\x1b[")) scrolls++;
      if (bytes.length < 40) small++;
      expect(mismatches(term, screen.back)).toEqual([]);
      const fresh = new CellGrid(W, H, screen.styles);
      paintFrame(fresh, rt, { theme, state: createCompositorState() });
      expect(screen.back.toLines()).toEqual(fresh.toLines());
      expect(Array.from(screen.back.styleIds)).toEqual(Array.from(fresh.styleIds));
    }
    expect(scrolls).toBeGreaterThan(3);
    expect(small).toBeGreaterThan(TEXT.length / 2);
  });
});
