// The compositor's frames, flushed by the real Screen into a headless xterm, show exactly the grid;
// and a frame repainted from a dirty set equals the same frame painted from scratch.
import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { contentMeasure, createCompositorState, paintFrame } from "../../ui/compositor.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { feed, headlessTerminal, mismatches } from "../ui-terminal/xterm-oracle.js";

const theme = createTheme();

function chat(width: number, height: number): Runtime {
  const rt = new Runtime({ width, height });
  rt.inTransaction(() => {
    rt.buffers.setLabel("composer", "librecode");
    rt.buffers.appendBlock("transcript", { kind: "message", role: "user", text: "日本語で説明して 👍🏽" });
    rt.buffers.appendBlock("transcript", { id: "a1", kind: "message", role: "assistant", text: "## Plan\n\n- **read** `a.ts`\n\n```ts\nconst x = \"é\";\n```" });
    rt.buffers.appendBlock("transcript", { kind: "tool", role: "tool", text: "1\n2\n3\n4\n5\n6\n7", metadata: { name: "bash", arguments: { command: "seq 7" }, status: "error" } });
    rt.buffers.setText("composer", "e\u0301crire 語 ok");
    rt.buffers.setMetadata("status", "model_label", "demo/model");
  });
  return rt;
}

describe("compositor frames through Screen into a terminal", () => {
  it("shows exactly the painted grid, first frame and after a streamed delta", async () => {
    const rt = chat(40, 16);
    const state = createCompositorState();
    rt.setMeasure(contentMeasure(rt, state, theme));
    const screen = new Screen(40, 16);
    const term = headlessTerminal(40, 16);
    const dirty = new Set<string>();
    rt.onDirty((t) => t.windows.forEach((w) => dirty.add(w)));
    rt.updateLayout();
    await feed(term, screen.flush(paintFrame(screen.back, rt, { theme, state }).cursor));
    expect(mismatches(term, screen.back)).toEqual([]);

    rt.inTransaction(() => rt.buffers.appendToBlock("transcript", "a1", "\n\nDone — 完了."));
    rt.updateLayout();
    const out = paintFrame(screen.back, rt, { theme, state, dirty });
    await feed(term, screen.flush(out.cursor));
    expect(mismatches(term, screen.back)).toEqual([]);

    const fresh = new CellGrid(40, 16, screen.styles);
    paintFrame(fresh, rt, { theme, state: createCompositorState() });
    expect(screen.back.toLines()).toEqual(fresh.toLines());
    expect(Array.from(screen.back.styleIds)).toEqual(Array.from(fresh.styleIds));
  });
});
