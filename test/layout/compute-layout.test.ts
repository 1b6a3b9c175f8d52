import { describe, expect, it } from "vitest";
import { boxes, contents, paint, rects } from "./layout-helpers.js";

const two = (extra: Record<string, unknown>, a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) => ({
  ...extra,
  children: [{ window: "a", ...a }, { window: "b", ...b }],
});

describe("window and children", () => {
  it("a window node as the root fills the terminal", () => {
    expect(rects({ window: "a" }, 10, 3)).toEqual({ a: "x=0 y=0 w=10 h=3" });
  });

  it("an id names a container without changing its layout", () => {
    expect(rects({ id: "main", children: [{ window: "a", grow: 1 }] }, 10, 3)).toEqual({ a: "x=0 y=0 w=10 h=3" });
  });

  it("a container with no children places nothing", () => {
    expect(rects({ id: "empty", children: [] }, 10, 3)).toEqual({});
  });
});

describe("direction", () => {
  it("column is the default: children stack top to bottom", () => {
    expect(paint(two({}, { grow: 1 }, { grow: 1 }), 4, 4)).toEqual(["aaaa", "aaaa", "bbbb", "bbbb"]);
  });

  it("row lays children left to right", () => {
    expect(paint(two({ direction: "row" }, { grow: 1 }, { grow: 1 }), 4, 2)).toEqual(["aabb", "aabb"]);
  });

  it("column_reverse stacks bottom to top", () => {
    expect(paint(two({ direction: "column_reverse" }, { grow: 1 }, { grow: 1 }), 2, 4)).toEqual(["bb", "bb", "aa", "aa"]);
  });

  it("row_reverse lays children right to left", () => {
    expect(paint(two({ direction: "row_reverse" }, { grow: 1 }, { grow: 1 }), 4, 1)).toEqual(["bbaa"]);
  });
});

describe("grow, shrink, basis", () => {
  it("grow shares the free space in proportion", () => {
    expect(rects(two({ direction: "row" }, { grow: 1 }, { grow: 3 }), 8, 1)).toEqual({
      a: "x=0 y=0 w=2 h=1",
      b: "x=2 y=0 w=6 h=1",
    });
  });

  it("a window with no grow and an auto size gets nothing and is not visible", () => {
    expect(rects(two({ direction: "row" }, {}, { grow: 1 }), 8, 1)).toEqual({ a: "hidden", b: "x=0 y=0 w=8 h=1" });
  });

  it("shrink takes the overflow from the nodes that may shrink", () => {
    expect(rects(two({ direction: "row" }, { width: 8 }, { width: 8, shrink: 0 }), 10, 1)).toEqual({
      a: "x=0 y=0 w=2 h=1",
      b: "x=2 y=0 w=8 h=1",
    });
  });

  it("shrink 1 on both shares the overflow equally", () => {
    expect(rects(two({ direction: "row" }, { width: 8 }, { width: 8 }), 10, 1)).toEqual({
      a: "x=0 y=0 w=5 h=1",
      b: "x=5 y=0 w=5 h=1",
    });
  });

  it("basis in cells is the starting size before grow", () => {
    expect(rects(two({ direction: "row" }, { basis: 4, grow: 1 }, { grow: 1 }), 10, 1)).toEqual({
      a: "x=0 y=0 w=7 h=1",
      b: "x=7 y=0 w=3 h=1",
    });
  });

  it("basis as a percent is of the parent's content box", () => {
    expect(rects(two({ direction: "row" }, { basis: "50%" }, { grow: 1 }), 10, 1)).toEqual({
      a: "x=0 y=0 w=5 h=1",
      b: "x=5 y=0 w=5 h=1",
    });
  });
});

describe("width and height", () => {
  it("width in cells and as a percent", () => {
    expect(rects(two({ direction: "row" }, { width: 5 }, { width: "25%" }), 20, 2)).toEqual({
      a: "x=0 y=0 w=5 h=2",
      b: "x=5 y=0 w=5 h=2",
    });
  });

  it("height in cells and as a percent", () => {
    expect(rects(two({}, { height: 2 }, { height: "50%" }), 3, 10)).toEqual({
      a: "x=0 y=0 w=3 h=2",
      b: "x=0 y=2 w=3 h=5",
    });
  });

  it("width auto takes only what flex gives", () => {
    expect(rects(two({ direction: "row" }, { width: "auto", grow: 1 }, { width: 3 }), 10, 1)).toEqual({
      a: "x=0 y=0 w=7 h=1",
      b: "x=7 y=0 w=3 h=1",
    });
  });

  it("percent sizes are of the parent's content box (inside its padding and border)", () => {
    const t = { padding: 1, border: "single", children: [{ window: "a", width: "50%", height: "50%" }] };
    expect(rects(t, 14, 10)).toEqual({ a: "x=2 y=2 w=5 h=3" });
  });
});

describe("min and max", () => {
  it("min_width holds a node at its minimum when space runs short", () => {
    expect(rects(two({ direction: "row" }, { grow: 1, min_width: 7 }, { width: 5 }), 10, 1)).toEqual({
      a: "x=0 y=0 w=7 h=1",
      b: "x=7 y=0 w=3 h=1",
    });
  });

  it("min_width also raises the flex basis: the free space is shared after it (Yoga)", () => {
    expect(rects(two({ direction: "row" }, { grow: 1, min_width: 7 }, { grow: 1 }), 11, 1)).toEqual({
      a: "x=0 y=0 w=9 h=1",
      b: "x=9 y=0 w=2 h=1",
    });
  });

  it("max_width caps a growing node", () => {
    expect(rects(two({ direction: "row" }, { grow: 1, max_width: 2 }, { grow: 1 }), 10, 1)).toEqual({
      a: "x=0 y=0 w=2 h=1",
      b: "x=2 y=0 w=8 h=1",
    });
  });

  it("min_height as a percent", () => {
    expect(rects(two({}, { min_height: "40%" }, { grow: 1 }), 1, 10)).toEqual({
      a: "x=0 y=0 w=1 h=4",
      b: "x=0 y=4 w=1 h=6",
    });
  });

  it("max_height in cells caps a fixed height", () => {
    expect(rects(two({}, { height: 9, max_height: 4 }, { grow: 1 }), 1, 10)).toEqual({
      a: "x=0 y=0 w=1 h=4",
      b: "x=0 y=4 w=1 h=6",
    });
  });

  it("max_height as a percent caps a fixed height but its sibling does not get the rest (Yoga 3, see docs/layout.md)", () => {
    expect(rects(two({}, { height: 9, max_height: "40%" }, { grow: 1 }), 1, 10)).toEqual({
      a: "x=0 y=0 w=1 h=4",
      b: "x=0 y=4 w=1 h=1",
    });
  });

  it("max_height as a percent caps a measured content height", () => {
    expect(rects(two({}, { height: "content", max_height: "40%" }, { grow: 1 }), 1, 10, () => 9)).toEqual({
      a: "x=0 y=0 w=1 h=4",
      b: "x=0 y=4 w=1 h=6",
    });
  });

  it("min_width wins over a percent width", () => {
    expect(rects(two({ direction: "row" }, { grow: 1 }, { width: "30%", min_width: 20 }), 50, 1)).toEqual({
      a: "x=0 y=0 w=30 h=1",
      b: "x=30 y=0 w=20 h=1",
    });
  });
});

describe("padding and margin", () => {
  const inBox = (key: string, value: unknown) => ({ [key]: value, children: [{ window: "a", grow: 1 }] });

  it("padding as one number insets every side", () => {
    expect(rects(inBox("padding", 1), 10, 4)).toEqual({ a: "x=1 y=1 w=8 h=2" });
  });

  it("padding per edge; missing edges are 0", () => {
    expect(rects(inBox("padding", { top: 1, left: 2 }), 10, 4)).toEqual({ a: "x=2 y=1 w=8 h=3" });
  });

  it("padding as {x, y}", () => {
    expect(rects(inBox("padding", { x: 2, y: 1 }), 10, 4)).toEqual({ a: "x=2 y=1 w=6 h=2" });
  });

  it("padding on a window node narrows its content box, not its rectangle", () => {
    const t = { children: [{ window: "a", grow: 1, padding: { x: 1 } }] };
    expect(rects(t, 10, 2)).toEqual({ a: "x=0 y=0 w=10 h=2" });
    expect(contents(t, 10, 2)).toEqual({ a: "x=1 y=0 w=8 h=2" });
  });

  it("margin as one number", () => {
    expect(rects({ children: [{ window: "a", grow: 1, margin: 1 }] }, 10, 4)).toEqual({ a: "x=1 y=1 w=8 h=2" });
  });

  it("margin per edge and as {x, y}", () => {
    const t = { children: [{ window: "a", height: 1, margin: { left: 3 } }, { window: "b", height: 1, margin: { x: 1, y: 1 } }] };
    expect(rects(t, 10, 4)).toEqual({ a: "x=3 y=0 w=7 h=1", b: "x=1 y=2 w=8 h=1" });
  });

  it("a negative margin pulls a node outward", () => {
    const t = { padding: 2, children: [{ window: "a", grow: 1, margin: { left: -2 } }] };
    expect(rects(t, 10, 5)).toEqual({ a: "x=0 y=2 w=8 h=1" });
  });
});

describe("gaps", () => {
  const three = (extra: Record<string, unknown>) => ({
    ...extra,
    children: [{ window: "a", grow: 1 }, { window: "b", grow: 1 }, { window: "c", grow: 1 }],
  });

  it("gap separates the children of a row", () => {
    expect(paint(three({ direction: "row", gap: 1 }), 11, 1)).toEqual(["aaa.bbb.ccc"]);
  });

  it("gap separates the children of a column", () => {
    expect(paint(three({ gap: 1 }), 1, 5)).toEqual(["a", ".", "b", ".", "c"]);
  });

  it("column_gap is horizontal space: it separates a row's children", () => {
    expect(paint(three({ direction: "row", column_gap: 2 }), 7, 1)).toEqual(["a..b..c"]);
  });

  it("row_gap is vertical space: it does not separate a row's children", () => {
    expect(paint(three({ direction: "row", row_gap: 2 }), 6, 1)).toEqual(["aabbcc"]);
  });

  it("row_gap separates a column's children", () => {
    expect(paint(three({ row_gap: 1 }), 1, 5)).toEqual(["a", ".", "b", ".", "c"]);
  });

  it("row_gap separates wrapped lines and column_gap the items in a line", () => {
    const t = {
      direction: "row", wrap: "wrap", row_gap: 1, column_gap: 1,
      children: ["a", "b", "c"].map((w) => ({ window: w, width: 4, height: 1 })),
    };
    expect(paint(t, 10, 3)).toEqual(["aaaa.bbbb.", "..........", "cccc......"]);
  });
});

describe("justify, align, align_self, wrap", () => {
  const row = (justify: string) => two({ direction: "row", justify }, { width: 2 }, { width: 2 });

  it.each([
    ["start", "aabb......"],
    ["end", "......aabb"],
    ["center", "...aabb..."],
    ["space_between", "aa......bb"],
    ["space_around", "..aa...bb."],
    ["space_evenly", "..aa..bb.."],
  ])("justify %s", (justify, line) => {
    expect(paint(row(justify), 10, 1)).toEqual([line]);
  });

  const col = (align: string) => ({ direction: "row", align, children: [{ window: "a", width: 1, height: 1 }] });

  it.each([
    ["start", ["a", ".", "."]],
    ["end", [".", ".", "a"]],
    ["center", [".", "a", "."]],
  ])("align %s", (align, lines) => {
    expect(paint(col(align), 1, 3)).toEqual(lines);
  });

  it("align stretch (the default) fills the cross axis when the size is auto", () => {
    expect(paint({ direction: "row", children: [{ window: "a", width: 1 }] }, 1, 3)).toEqual(["a", "a", "a"]);
  });

  it("align_self overrides the parent's align for one child", () => {
    const t = {
      direction: "row", align: "start",
      children: [{ window: "a", width: 1, height: 1 }, { window: "b", width: 1, height: 1, align_self: "end" }, { window: "c", width: 1, align_self: "stretch" }],
    };
    expect(paint(t, 3, 3)).toEqual(["a.c", "..c", ".bc"]);
  });

  it("align_self auto follows the parent's align", () => {
    const t = { direction: "row", align: "center", children: [{ window: "a", width: 1, height: 1, align_self: "auto" }] };
    expect(paint(t, 1, 3)).toEqual([".", "a", "."]);
  });

  it("wrap moves children that do not fit to the next line", () => {
    const t = { direction: "row", wrap: "wrap", children: ["a", "b", "c"].map((w) => ({ window: w, width: 4, height: 1 })) };
    expect(paint(t, 10, 2)).toEqual(["aaaabbbb..", "cccc......"]);
  });

  it("nowrap (the default) shrinks children onto one line", () => {
    const t = { direction: "row", wrap: "nowrap", children: ["a", "b", "c"].map((w) => ({ window: w, width: 4, height: 1 })) };
    expect(rects(t, 9, 2)).toEqual({ a: "x=0 y=0 w=3 h=1", b: "x=3 y=0 w=3 h=1", c: "x=6 y=0 w=3 h=1" });
  });
});

describe("position", () => {
  it("an absolute node leaves the flow and sits at its offsets", () => {
    const t = { children: [{ window: "main", grow: 1 }, { window: "float", position: "absolute", left: 2, top: 1, width: 3, height: 2 }] };
    expect(paint(t, 8, 4)).toEqual(["mmmmmmmm", "mmfffmmm", "mmfffmmm", "mmmmmmmm"]);
  });

  it("right and bottom offsets anchor an absolute node to the far edges", () => {
    const t = { children: [{ window: "toast", position: "absolute", right: 0, bottom: 0, width: 4, height: 2 }] };
    expect(rects(t, 20, 10)).toEqual({ toast: "x=16 y=8 w=4 h=2" });
  });

  it("absolute percents (offsets and sizes) are of the parent's padding box", () => {
    const t = {
      border: "single", padding: 1,
      children: [{ window: "o", position: "absolute", left: "50%", top: "25%", width: "50%", height: "50%" }],
    };
    // padding box: x=1..18 (18 wide), y=1..10 (10 high)
    expect(rects(t, 20, 12)).toEqual({ o: "x=10 y=4 w=9 h=5" });
  });

  it("a centered overlay with percent offsets over a full layout", () => {
    const t = {
      children: [
        { window: "transcript", grow: 1 },
        { window: "palette", position: "absolute", left: "25%", top: "20%", width: "50%", height: "50%", border: true, z: 10 },
      ],
    };
    expect(rects(t, 40, 10)).toEqual({ transcript: "x=0 y=0 w=40 h=10", palette: "x=10 y=2 w=20 h=5" });
  });

  it("a relative node is shifted by its offsets without moving its siblings", () => {
    const t = two({}, { height: 1, top: 1, left: 2 }, { height: 1 });
    expect(rects(t, 6, 3)).toEqual({ a: "x=2 y=1 w=6 h=1", b: "x=0 y=1 w=6 h=1" });
  });

  it("position relative is the default and stays in the flow", () => {
    expect(rects(two({}, { height: 1, position: "relative" }, { height: 1 }), 3, 2)).toEqual({
      a: "x=0 y=0 w=3 h=1",
      b: "x=0 y=1 w=3 h=1",
    });
  });
});

describe("display", () => {
  it("display none hides the window and gives its space to the others", () => {
    const all = boxes(two({}, { grow: 1, display: "none" }, { grow: 1 }), 4, 2);
    expect(all.get("a")).toEqual({
      x: 0, y: 0, width: 0, height: 0, content: { x: 0, y: 0, width: 0, height: 0 },
      visible: false, border: "none", z: 0, order: 0,
    });
    expect(all.get("b")?.height).toBe(2);
  });

  it("display none on a container hides every window inside it", () => {
    const t = { children: [{ display: "none", children: [{ window: "a", height: 1 }, { window: "b", height: 1 }] }, { window: "c", grow: 1 }] };
    expect(rects(t, 3, 2)).toEqual({ a: "hidden", b: "hidden", c: "x=0 y=0 w=3 h=2" });
  });

  it("display flex is the default", () => {
    expect(rects({ children: [{ window: "a", grow: 1, display: "flex" }] }, 3, 2)).toEqual({ a: "x=0 y=0 w=3 h=2" });
  });

  it("a node computed to zero height is not visible", () => {
    expect(rects(two({}, { grow: 1 }, { height: 0 }), 3, 2)).toEqual({ a: "x=0 y=0 w=3 h=2", b: "hidden" });
  });
});

describe("border", () => {
  it.each(["single", "rounded", "double", "heavy"])("border %s reserves one cell on each side", (kind) => {
    const all = boxes({ children: [{ window: "a", grow: 1, border: kind }] }, 10, 4);
    expect(all.get("a")).toMatchObject({ x: 0, y: 0, width: 10, height: 4, content: { x: 1, y: 1, width: 8, height: 2 }, border: kind });
  });

  it("border true is rounded and false is none", () => {
    const all = boxes(two({}, { grow: 1, border: true }, { grow: 1, border: false }), 10, 6);
    // A border is part of the flex basis, so the bordered node starts 2 cells ahead.
    expect(all.get("a")).toMatchObject({ height: 4, border: "rounded", content: { x: 1, y: 1, width: 8, height: 2 } });
    expect(all.get("b")).toMatchObject({ height: 2, border: "none", content: { x: 0, y: 4, width: 10, height: 2 } });
  });

  it("border and padding together inset the content box", () => {
    expect(contents({ children: [{ window: "a", grow: 1, border: "single", padding: { x: 1 } }] }, 10, 4)).toEqual({
      a: "x=2 y=1 w=6 h=2",
    });
  });

  it("a container's border insets its children", () => {
    expect(rects({ border: "double", children: [{ window: "a", grow: 1 }] }, 10, 4)).toEqual({ a: "x=1 y=1 w=8 h=2" });
  });
});

describe("z and tree order", () => {
  it("z is 0 by default and windows inherit a container's z unless they set their own", () => {
    const t = { children: [{ window: "a", height: 1 }, { z: 5, children: [{ window: "b", height: 1 }, { window: "c", height: 1, z: -1 }] }] };
    const all = boxes(t, 3, 3);
    expect([...all].map(([n, b]) => [n, b.z, b.order])).toEqual([["a", 0, 0], ["b", 5, 1], ["c", -1, 2]]);
  });

  it("a z set on the root applies to every window", () => {
    expect(boxes({ z: 2, children: [{ window: "a", grow: 1 }] }, 3, 3).get("a")?.z).toBe(2);
  });

  it("a higher z paints over a window earlier in tree order", () => {
    const t = { children: [
      { window: "top", position: "absolute", left: 1, top: 0, width: 2, height: 1, z: 1 },
      { window: "under", grow: 1 },
    ] };
    expect(paint(t, 4, 1)).toEqual(["uttu"]);
  });
});

describe("the root is the terminal", () => {
  it("ignores the root's width, height, margin, position and offsets", () => {
    const t = { width: 5, height: 1, margin: 3, position: "absolute", left: 4, top: 4, children: [{ window: "a", grow: 1 }] };
    expect(rects(t, 10, 3)).toEqual({ a: "x=0 y=0 w=10 h=3" });
  });

  it("applies the root's padding and border", () => {
    expect(rects({ padding: 1, border: "single", children: [{ window: "a", grow: 1 }] }, 10, 6)).toEqual({
      a: "x=2 y=2 w=6 h=2",
    });
  });

  it("reports rectangles outside the screen unclipped", () => {
    const t = { children: [{ window: "a", position: "absolute", left: 8, top: -1, width: 5, height: 3 }] };
    expect(rects(t, 10, 3)).toEqual({ a: "x=8 y=-1 w=5 h=3" });
  });
});

describe("rounding", () => {
  const three = { direction: "row", children: ["a", "b", "c"].map((w) => ({ window: w, grow: 1 })) };

  it("three equal children in width 10 are 3, 4, 3 with no overlap and no gap", () => {
    expect(rects(three, 10, 1)).toEqual({ a: "x=0 y=0 w=3 h=1", b: "x=3 y=0 w=4 h=1", c: "x=7 y=0 w=3 h=1" });
  });

  it("three equal children in width 11 are 4, 3, 4", () => {
    expect(paint(three, 11, 1)).toEqual(["aaaabbbcccc"]);
  });

  it("nested fractional splits still tile the screen exactly", () => {
    const t = { direction: "row", children: [
      { grow: 1, children: ["a", "b", "c"].map((w) => ({ window: w, grow: 1 })) },
      { grow: 1, children: ["d", "e"].map((w) => ({ window: w, grow: 1 })) },
      { window: "f", grow: 1 },
    ] };
    // Columns at 0, 2.33, 4.67 and rows at 0, 1.67, 3.33 (and 2.5) round to whole cells.
    expect(paint(t, 7, 5)).toEqual(["aadddff", "aadddff", "bbdddff", "cceeeff", "cceeeff"]);
  });
});
