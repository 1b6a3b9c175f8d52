// Streaming the block kinds that render incrementally (an open fence that closes, a table that
// grows a column, a list item that continues, CJK wrapping at the edge, visible thinking) through
// the compositor, Screen and a headless xterm: every frame equals a fresh paint of the same state
// (text and styles), the terminal shows the grid, and the final screen is the literal one below.
import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { contentMeasure, createCompositorState, paintFrame } from "../../ui/compositor.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { feed, headlessTerminal, mismatches } from "../ui-terminal/xterm-oracle.js";

const theme = createTheme();
const W = 24, H = 12;

// Streams `text` into a new block two characters at a time; returns the transcript rows at the end.
async function stream(kind: string, text: string, vars: Record<string, unknown> = {}): Promise<string[]> {
  const rt = new Runtime({ width: W, height: H });
  const state = createCompositorState();
  rt.setMeasure(contentMeasure(rt, state, theme));
  rt.inTransaction(() => {
    rt.buffers.appendBlock("transcript", { kind: "message", role: "user", text: "show me" });
    rt.buffers.appendBlock("transcript", { id: "s", kind, role: "assistant", text: "", streaming: true });
    for (const [k, v] of Object.entries(vars)) rt.windows.setVar("transcript", k, v);
  });
  const screen = new Screen(W, H);
  const term = headlessTerminal(W, H);
  let dirty: Set<string> | null = null;
  rt.onDirty((t) => { if (dirty) t.windows.forEach((w) => dirty!.add(w)); });
  const frame = async (): Promise<void> => {
    rt.updateLayout();
    const out = paintFrame(screen.back, rt, { theme, state, dirty });
    dirty = new Set();
    await feed(term, screen.flush(out.cursor));
  };
  await frame();
  const chars = Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (s) => s.segment);
  for (let i = 0; i < chars.length; i += 2) {
    rt.inTransaction(() => rt.buffers.appendToBlock("transcript", "s", chars.slice(i, i + 2).join("")));
    await frame();
    expect(mismatches(term, screen.back)).toEqual([]);
    const fresh = new CellGrid(W, H, screen.styles);
    paintFrame(fresh, rt, { theme, state: createCompositorState() });
    expect({ i, lines: screen.back.toLines() }).toEqual({ i, lines: fresh.toLines() });
    expect(Array.from(screen.back.styleIds)).toEqual(Array.from(fresh.styleIds));
  }
  const box = rt.windows.get("transcript")!.box.content;
  return screen.back.toLines().slice(box.y, box.y + box.height).map((l) => l.slice(box.x, box.x + box.width).trimEnd());
}

describe("incremental rendering on screen", () => {
  it("streams a code fence that closes, then the paragraph after it", async () => {
    expect(await stream("message", "Code:\n\n```ts\nconst a = 1;\nlet total = a + a;\n```\n\nDone.")).toEqual([
      "Code:",
      "",
      "```ts",
      "  const a = 1;",
      "  let total = a + a;",
      "```",
      "",
      "Done.",
    ]);
  });

  it("streams a table whose second column grows wider", async () => {
    expect(await stream("message", "| a | b |\n| - | - |\n| 1 | 2 |\n| 3 | wider |\n| 5 | 6 |")).toEqual([
      "",
      " show me",
      "",
      "a │ b",
      "──┼──────",
      "1 │ 2",
      "3 │ wider",
      "5 │ 6",
    ]);
  });

  it("streams a list item that continues on a second line (the soft break reflows)", async () => {
    expect(await stream("message", "- first item\n- second item that goes on\n  and continues here\n- third")).toEqual([
      "",
      "",
      " show me",
      "",
      "• first item",
      "• second item that goes",
      "  on and continues here",
      "• third",
    ]);
  });

  it("wraps CJK at the right edge, moving a wide character that would straddle it", async () => {
    expect(await stream("message", "語".repeat(12) + " a" + "語".repeat(12))).toEqual([
      "",
      "",
      "",
      " show me",
      "",
      "語語語語語語語語語語語語",
      "a語語語語語語語語語語語",
      "語",
    ]);
  });

  it("streams visible thinking that wraps and ends in newlines", async () => {
    expect(await stream("thinking", "Considering the 可见 rows and the edge case\n\nthen more\n\n", { show_thinking: true })).toEqual([
      "",
      "",
      " show me",
      "",
      "Considering the 可见",
      "rows and the edge case",
      "",
      "then more",
    ]);
  });
});
