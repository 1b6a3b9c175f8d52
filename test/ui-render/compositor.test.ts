import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { topEdge } from "../../ui/border.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { contentMeasure, createCompositorState, paintFrame, type CompositorState } from "../../ui/compositor.js";
import { GenericRenderer } from "../../ui/renderers/generic-renderer.js";
import { RendererSet } from "../../ui/renderers/renderer-set.js";
import { createTheme } from "../../ui/theme.js";

const theme = createTheme();

type Harness = { rt: Runtime; grid: CellGrid; state: CompositorState; paint(dirty?: Set<string> | null): { cursor: { row: number; col: number } | null } };

function harness(width: number, height: number, layout?: unknown): Harness {
  const rt = new Runtime({ width, height });
  const state = createCompositorState();
  rt.setMeasure(contentMeasure(rt, state, theme));
  if (layout !== undefined) rt.layoutSet(layout);
  const grid = new CellGrid(width, height);
  return {
    rt, grid, state,
    paint(dirty = null) {
      rt.updateLayout();
      return paintFrame(grid, rt, { theme, state, dirty });
    },
  };
}

const tx = (rt: Runtime, fn: () => void) => rt.inTransaction(fn);

describe("compositor: the stock chat layout", () => {
  it("paints transcript, composer with its label in a rounded border, and the status line", () => {
    const h = harness(30, 9);
    tx(h.rt, () => {
      h.rt.buffers.setLabel("composer", "librecode");
      h.rt.buffers.appendBlock("transcript", { kind: "message", role: "user", text: "hi" });
      h.rt.buffers.appendBlock("transcript", { kind: "message", role: "assistant", text: "hello" });
      h.rt.buffers.setText("composer", "draft");
      h.rt.buffers.setMetadata("status", "model_label", "demo/model");
    });
    const out = h.paint();
    expect(h.grid.toLines()).toEqual([
      "                              ",
      "                              ",
      " hi                           ",
      "                              ",
      "hello                         ",
      "╭─ librecode ────────────────╮",
      "│ draft                      │",
      "╰────────────────────────────╯",
      "demo/model                    ",
    ]);
    expect(out.cursor).toEqual({ row: 6, col: 7 });
  });

  it("grows the composer with its wrapped text (the layout's content measure)", () => {
    const h = harness(20, 10);
    tx(h.rt, () => h.rt.buffers.setText("composer", "one two three four five"));
    h.paint();
    expect(h.grid.toLines().slice(5)).toEqual([
      "╭──────────────────╮",
      "│ one two three    │",
      "│ four five        │",
      "╰──────────────────╯",
      "                    ",
    ]);
  });

  it("resolves styles through the theme into the grid's style table", () => {
    const h = harness(20, 8);
    h.paint();
    const corner = h.grid.get(0, 4)!;
    expect([corner.ch, h.grid.styles.get(corner.style).fg]).toEqual(["╭", 0x00d7ff]);
  });

  it("paints no colour at all under NO_COLOR, keeping attributes", () => {
    const rt = new Runtime({ width: 24, height: 8 });
    rt.inTransaction(() => {
      rt.buffers.appendBlock("transcript", { kind: "message", role: "assistant", text: "**bold** `code`" });
      rt.draw.add({ kind: "text", window: "transcript", row: 0, col: 0, text: "x", style: { fg: "#ff0000", bg: "accent" } });
    });
    const grid = new CellGrid(24, 8);
    paintFrame(grid, rt, { theme: createTheme({ noColor: true }), state: createCompositorState() });
    const used = [...new Set(grid.styleIds)].map((id) => grid.styles.get(id));
    expect(used.every((s) => s.fg === null && s.bg === null)).toBe(true);
    expect(used.some((s) => s.bold)).toBe(true);
  });

  it("shows the too-small screen below 20x8 and no cursor", () => {
    const h = harness(19, 8);
    expect(h.paint().cursor).toBeNull();
    expect(h.grid.toLines()[3]).toBe("Terminal too small ");
  });
});

describe("compositor: windows, z order and draw operations", () => {
  const overlap = {
    children: [
      { window: "a", position: "absolute", left: 0, top: 0, width: 6, height: 3, border: "single", z: 1 },
      { window: "b", position: "absolute", left: 3, top: 1, width: 6, height: 3, border: "double" },
      { window: "c", position: "absolute", left: 12, top: 0, width: 8, height: 3, border: "heavy" },
    ],
  };

  it("paints higher z on top regardless of tree order", () => {
    const h = harness(20, 8, overlap);
    h.paint();
    expect(h.grid.toLines().slice(0, 4)).toEqual([
      "┌────┐      ┏━━━━━━┓",
      "│    │══╗   ┃      ┃",
      "└────┘  ║   ┗━━━━━━┛",
      "   ╚════╝           ",
    ]);
  });

  it("puts the bound buffer's label in the top border, truncated to fit", () => {
    const h = harness(20, 8, overlap);
    tx(h.rt, () => h.rt.buffers.setLabel("c", "a long label"));
    h.paint();
    expect(h.grid.toLines()[0]!.slice(12)).toBe("┏━ a… ━┓");
  });

  it("clips extension draw operations to the window rectangle", () => {
    const h = harness(20, 8, overlap);
    tx(h.rt, () => {
      h.rt.draw.add({ kind: "text", window: "c", row: 1, col: 1, text: "overflowing text" });
      h.rt.draw.add({ kind: "text", window: "c", row: 5, col: 1, text: "below the window" });
      h.rt.draw.add({ kind: "spans", window: "c", row: 2, col: 6, spans: [{ text: "xy", style: { fg: "error" } }, { text: "z" }] });
    });
    h.paint();
    expect(h.grid.toLines().slice(0, 4).map((l) => l.slice(12))).toEqual([
      "┏━━━━━━┓",
      "┃overflo",
      "┗━━━━━xy",
      "        ",
    ]);
  });

  it("lets renderer = extension windows show only their draw operations", () => {
    const h = harness(20, 8, { children: [{ window: "notes", border: "rounded", grow: 1 }] });
    tx(h.rt, () => {
      h.rt.buffers.setText("notes", "stock text");
      h.rt.windows.set("notes", { renderer: "extension" });
      h.rt.draw.add({ kind: "box", window: "notes", style: { fg: "accent" } });
      h.rt.draw.add({ kind: "text", window: "notes", row: 1, col: 2, text: "mine" });
      h.rt.draw.add({ kind: "clear_region", window: "notes", row: 2, col: 0, height: 1, width: 3 });
    });
    h.paint();
    expect(h.grid.toLines().slice(0, 3)).toEqual([
      "╭──────────────────╮",
      "│ mine             │",
      "                   │",
    ]);
  });

  it("blanks a window whose renderer throws and reports the error", () => {
    const h = harness(20, 8, { children: [{ window: "a", height: 1 }, { window: "b", height: 1 }] });
    h.state.renderers.register("a", { render() { throw new Error("boom"); } });
    tx(h.rt, () => h.rt.buffers.setText("b", "fine"));
    h.paint();
    expect(h.grid.toLines().slice(0, 2).map((l) => l.trimEnd())).toEqual(["", "fine"]);
    expect(h.rt.errors.map((e) => `${e.where}: ${e.message}`)).toEqual(["render a: boom"]);
  });

  it("places the cursor from an extension cursor op over the focused window's", () => {
    const h = harness(20, 8);
    expect(h.paint().cursor).toEqual({ row: 5, col: 2 });
    tx(h.rt, () => h.rt.draw.add({ kind: "cursor", window: "transcript", row: 1, col: 3 }));
    expect(h.paint(new Set(["transcript"])).cursor).toEqual({ row: 1, col: 3 });
  });
});

describe("compositor: repainting only what is dirty", () => {
  it("leaves clean windows untouched and repaints dirty ones", () => {
    const h = harness(20, 8, { children: [{ window: "a", height: 1 }, { window: "b", height: 1 }] });
    tx(h.rt, () => { h.rt.buffers.setText("a", "one"); h.rt.buffers.setText("b", "two"); });
    h.paint();
    tx(h.rt, () => { h.rt.buffers.setText("a", "ONE"); h.rt.buffers.setText("b", "TWO"); });
    h.paint(new Set(["b"]));
    expect(h.grid.toLines().slice(0, 2).map((l) => l.trimEnd())).toEqual(["one", "TWO"]);
  });

  it("repaints a window above a dirty one where they overlap", () => {
    const h = harness(20, 8, { children: [
      { window: "under", position: "absolute", left: 0, top: 0, width: 10, height: 2 },
      { window: "over", position: "absolute", left: 2, top: 0, width: 4, height: 1, z: 1 },
    ] });
    tx(h.rt, () => { h.rt.buffers.setText("under", "uuuuuuuuuu\nuuuuuuuuuu"); h.rt.buffers.setText("over", "OVER"); });
    h.paint();
    tx(h.rt, () => h.rt.buffers.setText("under", "vvvvvvvvvv\nvvvvvvvvvv"));
    h.paint(new Set(["under"]));
    expect(h.grid.toLines().slice(0, 2).map((l) => l.trimEnd())).toEqual(["vvOVERvvvv", "vvvvvvvvvv"]);
  });

  it("draws the completion popup above the composer and restores what it covered when it closes", () => {
    const h = harness(24, 10);
    tx(h.rt, () => {
      h.rt.buffers.appendBlock("transcript", { kind: "message", role: "assistant", text: "a\n\nb\n\nc" });
      h.rt.buffers.setText("composer", "/m");
      h.rt.buffers.setMetadata("composer", "completion", { items: [{ name: "model", desc: "pick" }, { name: "me", desc: "" }], selected: 0 });
    });
    h.paint();
    expect(h.grid.toLines().slice(4, 7).map((l) => l.trimEnd())).toEqual([" /model  pick", " /me", "╭──────────────────────╮"]);
    tx(h.rt, () => h.rt.buffers.setMetadata("composer", "completion", undefined));
    h.paint(new Set(["composer"]));
    expect(h.grid.toLines().slice(4, 7).map((l) => l.trimEnd())).toEqual(["", "c", "╭──────────────────────╮"]);
  });
});

describe("border", () => {
  it("draws each kind's top edge with a title from the third cell", () => {
    expect([topEdge("single", 10, "ab"), topEdge("rounded", 6), topEdge("double", 8, "title!"), topEdge("heavy", 3, "x")]).toEqual([
      "┌─ ab ───┐", "╭────╮", "╔═ ti… ╗", "┏━┓",
    ]);
  });
});

describe("compositor: a window taller than the screen", () => {
  it("asks a generic window's renderer for the rows the screen shows, not the window's 10,000", () => {
    const asked: number[] = [];
    class Recording extends GenericRenderer {
      override render(input: Parameters<GenericRenderer["render"]>[0]) {
        asked.push(input.height);
        return super.render(input);
      }
    }
    const renderers = new RendererSet();
    renderers.register("notes", new Recording());
    const rt = new Runtime({ width: 20, height: 8 });
    const state = createCompositorState(renderers);
    rt.layoutSet({ direction: "column", children: [{ window: "head", height: 1, shrink: 0 }, { window: "notes", height: 10_000, shrink: 0 }] });
    tx(rt, () => {
      rt.windows.set("notes", { role: "notes" });
      rt.buffers.setText("notes", Array.from({ length: 20_000 }, (_, i) => `line ${i + 1}`).join("\n"));
    });
    rt.updateLayout();
    expect(rt.windows.get("notes")!.box.height).toBe(10_000);
    const grid = new CellGrid(20, 8);
    paintFrame(grid, rt, { theme, state, dirty: null });
    expect(asked).toEqual([7]);
    expect(grid.toLines().map((l) => l.trimEnd())).toEqual(["", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7"]);
  });
});
