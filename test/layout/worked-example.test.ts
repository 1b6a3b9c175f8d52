import { describe, expect, it } from "vitest";
import { computeLayout } from "../../layout/compute-layout.js";
import { parseLayoutTable } from "../../layout/layout-table.js";
import { stockChatLayout } from "../../layout/stock-chat-layout.js";
import { YogaTree, type MeasureContent } from "../../layout/yoga-tree.js";
import { SPLIT_PANE_EXAMPLE as splitPane, boxes, paint, rects } from "./layout-helpers.js";

describe("the worked example in layout.md", () => {
  it("gives the documented rectangles at 100x30", () => {
    expect(rects(splitPane, 100, 30)).toEqual({
      transcript: "x=0 y=0 w=70 h=24",
      notes: "x=70 y=0 w=30 h=24",
      composer: "x=0 y=24 w=100 h=5",
      status: "x=0 y=29 w=100 h=1",
    });
  });

  it("places the content boxes inside the borders", () => {
    const all = boxes(splitPane, 100, 30);
    expect(all.get("notes")?.content).toEqual({ x: 71, y: 1, width: 28, height: 22 });
    expect(all.get("composer")?.content).toEqual({ x: 1, y: 25, width: 98, height: 3 });
    expect(all.get("transcript")?.content).toEqual({ x: 0, y: 0, width: 70, height: 24 });
  });

  it("keeps notes at min_width 20 when 30% is less", () => {
    expect(rects(splitPane, 40, 12)).toEqual({
      transcript: "x=0 y=0 w=20 h=6",
      notes: "x=20 y=0 w=20 h=6",
      composer: "x=0 y=6 w=40 h=5",
      status: "x=0 y=11 w=40 h=1",
    });
  });

  it("resizing 100x30 -> 40x12 -> 100x30 gives the same boxes as a fresh compute", () => {
    const tree = new YogaTree(parseLayoutTable(splitPane));
    const first = computeLayout(tree, 100, 30);
    const small = computeLayout(tree, 40, 12);
    const again = computeLayout(tree, 100, 30);
    tree.free();
    expect(again).toEqual(first);
    expect(again).toEqual(boxes(splitPane, 100, 30));
    expect(small).toEqual(boxes(splitPane, 40, 12));
  });
});

describe("the flat, absolute form", () => {
  const flat = {
    windows: {
      transcript: { x: 0, y: 0, width: 60, height: 20 },
      side: { x: 60, y: 0, width: 20, height: 20 },
      popup: { x: 10, y: 5, width: 30, height: 6, z: 3, border: "double" },
    },
  };

  it("places each window at its rectangle", () => {
    expect(rects(flat, 80, 24)).toEqual({
      transcript: "x=0 y=0 w=60 h=20",
      side: "x=60 y=0 w=20 h=20",
      popup: "x=10 y=5 w=30 h=6",
    });
  });

  it("keeps z and border and reserves the border cells", () => {
    expect(boxes(flat, 80, 24).get("popup")).toMatchObject({ z: 3, border: "double", content: { x: 11, y: 6, width: 28, height: 4 } });
  });

  it("paints overlapping rectangles by z", () => {
    const t = { windows: { a: { x: 0, y: 0, width: 4, height: 2 }, b: { x: 2, y: 1, width: 4, height: 2, z: 1 } } };
    expect(paint(t, 6, 3)).toEqual(["aaaa..", "aabbbb", "..bbbb"]);
  });

  it("reports rectangles beyond the screen unclipped", () => {
    expect(rects({ windows: { big: { x: 70, y: 25, width: 20, height: 10 } } }, 80, 30)).toEqual({ big: "x=70 y=25 w=20 h=10" });
  });
});

describe("the stock chat layout", () => {
  // The composer's renderer wraps its text to the offered width; the others are never measured.
  const composerText = (chars: number): MeasureContent => (window, axis, offered) =>
    window === "composer" && axis === "height" ? Math.max(1, Math.ceil(chars / offered)) : 0;

  // The panes' buffers are empty (the chat has not thought or run a tool yet).
  const panesEmpty = (w: string) => w === "thinking" || w === "tools";

  it("is transcript, thinking (shown by a layout only), tools, composer, status; the panes hide while empty", () => {
    const pane = { height: "content", max_height: "30%", hide_empty: true, border: "single", padding: { x: 1 } };
    expect(stockChatLayout()).toEqual({
      id: "chat",
      direction: "column",
      children: [
        { window: "transcript", grow: 1 },
        { window: "thinking", ...pane, display: "none" },
        { window: "tools", ...pane },
        { window: "composer", height: "content", min_height: 3, max_height: "40%", border: "rounded" },
        { window: "status", height: 1 },
      ],
    });
  });

  it("at 100x30 gives a one-line composer its minimum of 3 rows", () => {
    expect(rects(stockChatLayout(), 100, 30, composerText(10), panesEmpty)).toEqual({
      transcript: "x=0 y=0 w=100 h=26",
      thinking: "hidden",
      tools: "hidden",
      composer: "x=0 y=26 w=100 h=3",
      status: "x=0 y=29 w=100 h=1",
    });
  });

  it("grows the composer with its wrapped lines, measured inside the border", () => {
    const offered: number[] = [];
    const measure: MeasureContent = (w, axis, width) => (offered.push(width), composerText(250)(w, axis, width));
    expect(rects(stockChatLayout(), 100, 30, measure, panesEmpty)).toMatchObject({
      transcript: "x=0 y=0 w=100 h=24",
      composer: "x=0 y=24 w=100 h=5",
      status: "x=0 y=29 w=100 h=1",
    });
    expect(new Set(offered)).toEqual(new Set([98]));
  });

  it("caps the composer at 40% of the screen", () => {
    expect(rects(stockChatLayout(), 100, 30, composerText(5000), panesEmpty)).toMatchObject({
      transcript: "x=0 y=0 w=100 h=17",
      composer: "x=0 y=17 w=100 h=12",
      status: "x=0 y=29 w=100 h=1",
    });
  });

  it("without a measure callback the composer keeps its minimum", () => {
    expect(rects(stockChatLayout(), 100, 30, undefined, panesEmpty).composer).toBe("x=0 y=26 w=100 h=3");
  });

  it("opens the tools pane above the composer once its buffer has text", () => {
    const measure: MeasureContent = (w) => (w === "composer" ? 1 : w === "thinking" ? 2 : w === "tools" ? 3 : 0);
    expect(rects(stockChatLayout(), 100, 30, measure, (w) => w === "thinking")).toEqual({
      transcript: "x=0 y=0 w=100 h=21",
      thinking: "hidden",
      tools: "x=0 y=21 w=100 h=5",
      composer: "x=0 y=26 w=100 h=3",
      status: "x=0 y=29 w=100 h=1",
    });
  });

  it("shows the thinking pane too when a layout drops its display = none", () => {
    const measure: MeasureContent = (w) => (w === "composer" ? 1 : w === "thinking" ? 2 : w === "tools" ? 3 : 0);
    const table = stockChatLayout();
    delete table.children![1]!.display;
    expect(rects(table, 100, 30, measure, () => false)).toEqual({
      transcript: "x=0 y=0 w=100 h=17",
      thinking: "x=0 y=17 w=100 h=4",
      tools: "x=0 y=21 w=100 h=5",
      composer: "x=0 y=26 w=100 h=3",
      status: "x=0 y=29 w=100 h=1",
    });
  });
});

describe("content sizes", () => {
  it("measures a content width at the offered height, in a row", () => {
    const asked: string[] = [];
    const measure: MeasureContent = (w, axis, offered) => (asked.push(`${w} ${axis} ${offered}`), 7);
    const t = { direction: "row", children: [{ window: "label", width: "content" }, { window: "rest", grow: 1 }] };
    expect(rects(t, 20, 2, measure)).toEqual({ label: "x=0 y=0 w=7 h=2", rest: "x=7 y=0 w=13 h=2" });
    expect(asked).toContain("label width 2");
  });

  it("clamps a measured height by min_height and max_height", () => {
    const t = (n: number): MeasureContent => () => n;
    const table = { children: [{ window: "a", height: "content", min_height: 2, max_height: 4 }, { window: "b", grow: 1 }] };
    expect(rects(table, 5, 10, t(1)).a).toBe("x=0 y=0 w=5 h=2");
    expect(rects(table, 5, 10, t(3)).a).toBe("x=0 y=0 w=5 h=3");
    expect(rects(table, 5, 10, t(9)).a).toBe("x=0 y=0 w=5 h=4");
  });

  it("re-measures on every compute, so changed content resizes the node", () => {
    let lines = 1;
    const tree = new YogaTree(parseLayoutTable({ children: [{ window: "a", height: "content" }, { window: "b", grow: 1 }] }));
    const first = computeLayout(tree, 5, 10, () => lines).get("a")?.height;
    lines = 4;
    const second = computeLayout(tree, 5, 10, () => lines).get("a")?.height;
    tree.free();
    expect([first, second]).toEqual([1, 4]);
  });

  it("treats a non-finite or negative measurement as 0", () => {
    const table = { children: [{ window: "a", height: "content" }, { window: "b", height: "content" }, { window: "c", grow: 1 }] };
    expect(rects(table, 5, 4, (w) => (w === "a" ? Number.NaN : -3))).toEqual({ a: "hidden", b: "hidden", c: "x=0 y=0 w=5 h=4" });
  });
});
