import { describe, expect, it } from "vitest";
import { LayoutError, layoutTableToPlain, parseLayoutTable, windowsInTreeOrder } from "../../layout/layout-table.js";

/** The message parseLayoutTable throws for `input` (fails the test if it accepts it). */
function errorOf(input: unknown): string {
  try {
    parseLayoutTable(input);
  } catch (e) {
    expect(e).toBeInstanceOf(LayoutError);
    return (e as Error).message;
  }
  throw new Error("expected the table to be rejected");
}

const inRow = (node: Record<string, unknown>) => ({ children: [{ window: "a" }, node] });

describe("accepted forms", () => {
  it("takes the node itself when it has children", () => {
    expect(parseLayoutTable({ children: [{ window: "a" }] })).toEqual({ children: [{ window: "a" }] });
  });

  it("takes the node itself when it has only a window", () => {
    expect(parseLayoutTable({ window: "a" })).toEqual({ window: "a" });
  });

  it("takes the node itself when it has only a direction", () => {
    expect(parseLayoutTable({ direction: "row" })).toEqual({ direction: "row" });
  });

  it("takes t.root, and ignores the width, height and windows that layout.get() reports beside it", () => {
    const got = { width: 80, height: 24, windows: { a: { x: 0 } }, root: { children: [{ window: "a", grow: 1 }] } };
    expect(parseLayoutTable(got)).toEqual({ children: [{ window: "a", grow: 1 }] });
  });

  it("turns the flat form into absolute nodes in the order given", () => {
    expect(parseLayoutTable({ windows: { a: { x: 1, y: 2, width: 3, height: "50%" }, b: { x: 0, y: 0 } } })).toEqual({
      children: [
        { window: "a", position: "absolute", left: 1, top: 2, width: 3, height: "50%" },
        { window: "b", position: "absolute", left: 0, top: 0 },
      ],
    });
  });

  it("accepts Lua lists converted to objects with keys 1..n", () => {
    expect(parseLayoutTable({ children: { "1": { window: "a" }, "2": { window: "b" } } })).toEqual({
      children: [{ window: "a" }, { window: "b" }],
    });
  });

  it("accepts an empty Lua table that arrived as [] for a node, a list or a padding", () => {
    expect(parseLayoutTable({ children: [[], { window: "a", padding: [] }], id: "x" })).toEqual({
      id: "x",
      children: [{}, { window: "a", padding: {} }],
    });
  });

  it("accepts every key of layout.md at once", () => {
    const all = {
      id: "main", direction: "row_reverse", grow: 1, shrink: 0, basis: "auto", width: "content", height: "50%",
      min_width: 2, max_width: "90%", min_height: 1, max_height: 40, padding: { x: 1, y: 0 }, margin: { top: 1, left: -1 },
      gap: 1, row_gap: 2, column_gap: 3, justify: "space_evenly", align: "center", align_self: "end", wrap: "wrap",
      position: "absolute", top: "10%", left: 3, right: -2, bottom: "5%", display: "none", border: "heavy", z: -4,
      children: [{ window: "a" }],
    };
    expect(parseLayoutTable(all)).toEqual(all);
  });

  it("normalizes border true to rounded and false to none", () => {
    expect(parseLayoutTable({ children: [{ window: "a", border: true }, { window: "b", border: false }] })).toEqual({
      children: [{ window: "a", border: "rounded" }, { window: "b", border: "none" }],
    });
  });

  it("drops keys set to nil (null)", () => {
    expect(parseLayoutTable({ children: [{ window: "a", grow: null }] })).toEqual({ children: [{ window: "a" }] });
  });

  it("copies the input, so later changes to it do not reach the parsed tree", () => {
    const input = { children: [{ window: "a", padding: { x: 1 } }] };
    const parsed = parseLayoutTable(input);
    input.children[0]!.padding.x = 5;
    expect(parsed).toEqual({ children: [{ window: "a", padding: { x: 1 } }] });
  });

  it("accepts the same container table twice (a shared table is not a cycle)", () => {
    const spacer = { grow: 1 };
    expect(parseLayoutTable({ children: [spacer, { window: "a" }, spacer] })).toEqual({
      children: [{ grow: 1 }, { window: "a" }, { grow: 1 }],
    });
  });
});

describe("layoutTableToPlain and tree order", () => {
  it("returns the keys as set in canonical order, defaults omitted", () => {
    const plain = layoutTableToPlain(parseLayoutTable({ children: [{ border: true, grow: 2, window: "a" }], direction: "column" }));
    expect(JSON.stringify(plain)).toBe('{"direction":"column","children":[{"window":"a","grow":2,"border":"rounded"}]}');
  });

  it("returns a copy that can be changed without touching the tree", () => {
    const tree = parseLayoutTable({ children: [{ window: "a", margin: { x: 1 } }] });
    const plain = layoutTableToPlain(tree) as { children: { margin: { x: number } }[] };
    plain.children[0]!.margin.x = 9;
    expect(tree).toEqual({ children: [{ window: "a", margin: { x: 1 } }] });
  });

  it("lists windows depth first in tree order", () => {
    const tree = parseLayoutTable({ children: [{ children: [{ window: "b" }, { window: "a" }] }, { window: "c" }] });
    expect(windowsInTreeOrder(tree)).toEqual(["b", "a", "c"]);
  });
});

describe("errors name the node path (1-based) and what was expected", () => {
  it.each<[string, unknown, string]>([
    ["a size", inRow({ window: "b", width: "wide" }), `layout: root.children[2].width: expected a size (cells, "N%", "auto" or "content"), got "wide"`],
    ["a negative size", inRow({ window: "b", height: -3 }), `layout: root.children[2].height: expected a size (cells, "N%", "auto" or "content"), got -3`],
    ["a percent without %", inRow({ window: "b", basis: "50" }), `layout: root.children[2].basis: expected a size (cells, "N%", "auto" or "content"), got "50"`],
    ["a bound", inRow({ window: "b", min_width: "auto" }), `layout: root.children[2].min_width: expected a size (cells or "N%"), got "auto"`],
    ["a bound type", inRow({ window: "b", max_height: true }), `layout: root.children[2].max_height: expected a size (cells or "N%"), got true`],
    ["an offset", inRow({ window: "b", top: "auto" }), `layout: root.children[2].top: expected an offset (cells or "N%"), got "auto"`],
    ["grow's type", inRow({ window: "b", grow: "1" }), `layout: root.children[2].grow: expected a number >= 0, got "1"`],
    ["grow's range", inRow({ window: "b", grow: -1 }), `layout: root.children[2].grow: expected a number >= 0, got -1`],
    ["shrink's range", inRow({ window: "b", shrink: -0.5 }), `layout: root.children[2].shrink: expected a number >= 0, got -0.5`],
    ["an infinite number", inRow({ window: "b", grow: Infinity }), `layout: root.children[2].grow: expected a number >= 0, got inf`],
    ["NaN", inRow({ window: "b", grow: NaN }), `layout: root.children[2].grow: expected a number >= 0, got nan`],
    ["gap's range", { gap: -1, children: [] }, `layout: root.gap: expected a number >= 0, got -1`],
    ["row_gap's type", { row_gap: "1", children: [] }, `layout: root.row_gap: expected a number >= 0, got "1"`],
    ["column_gap's type", { column_gap: {}, children: [] }, `layout: root.column_gap: expected a number >= 0, got a table`],
    ["z", inRow({ window: "b", z: 1.5 }), `layout: root.children[2].z: expected an integer, got 1.5`],
    ["padding's range", inRow({ window: "b", padding: -1 }), `layout: root.children[2].padding: expected a number >= 0, got -1`],
    ["padding's type", inRow({ window: "b", padding: "1" }), `layout: root.children[2].padding: expected a number >= 0 or a table {top=,right=,bottom=,left=} or {x=,y=}, got "1"`],
    ["a padding edge", inRow({ window: "b", padding: { top: "1" } }), `layout: root.children[2].padding.top: expected a number >= 0, got "1"`],
    ["a padding key", inRow({ window: "b", padding: { middle: 2 } }), `layout: root.children[2].padding.middle: unknown key (expected top, right, bottom, left, x or y)`],
    ["margin's type", inRow({ window: "b", margin: "x" }), `layout: root.children[2].margin: expected a number or a table {top=,right=,bottom=,left=} or {x=,y=}, got "x"`],
    ["a function value", inRow({ window: "b", width: () => 1 }), `layout: root.children[2].width: expected a size (cells, "N%", "auto" or "content"), got a function`],
  ])("wrong type or range: %s", (_what, input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it.each<[string, unknown, string]>([
    ["direction", { direction: "sideways" }, `layout: root.direction: expected column, row, column_reverse or row_reverse, got "sideways"`],
    ["justify", { justify: "left" }, `layout: root.justify: expected start, end, center, space_between, space_around or space_evenly, got "left"`],
    ["align", { align: "baseline" }, `layout: root.align: expected start, end, center or stretch, got "baseline"`],
    ["align_self", inRow({ window: "b", align_self: "left" }), `layout: root.children[2].align_self: expected auto, start, end, center or stretch, got "left"`],
    ["wrap", { wrap: "wrap_reverse" }, `layout: root.wrap: expected nowrap or wrap, got "wrap_reverse"`],
    ["position", inRow({ window: "b", position: "fixed" }), `layout: root.children[2].position: expected relative or absolute, got "fixed"`],
    ["display", inRow({ window: "b", display: "block" }), `layout: root.children[2].display: expected flex or none, got "block"`],
    ["border", inRow({ window: "b", border: "thick" }), `layout: root.children[2].border: expected none, single, rounded, double, heavy, true or false, got "thick"`],
    ["a number for an enum", { direction: 1 }, `layout: root.direction: expected column, row, column_reverse or row_reverse, got 1`],
  ])("bad enum value lists the allowed values: %s", (_what, input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it("an unknown key", () => {
    expect(errorOf(inRow({ window: "b", colour: "red" }))).toBe(`layout: root.children[2].colour: unknown key`);
  });

  it("an unknown key on the root itself", () => {
    expect(errorOf({ foo: 1 })).toBe(`layout: root.foo: unknown key`);
  });

  it("an unknown key beside root", () => {
    expect(errorOf({ root: { window: "a" }, extra: 1 })).toBe(`layout: extra: unknown key (expected root)`);
  });

  it("a window node with children", () => {
    expect(errorOf({ children: [{ window: "a", children: [{ window: "b" }] }] })).toBe(
      `layout: root.children[1].children: expected no children on a window node ("a"), got 1`,
    );
  });

  it("a window named twice names the second", () => {
    expect(errorOf({ children: [{ window: "a" }, { children: [{ window: "b" }, { window: "a" }] }] })).toBe(
      `layout: root.children[2].children[2].window: expected each window once, got "a" again (first at root.children[1])`,
    );
  });

  it("an empty window name", () => {
    expect(errorOf(inRow({ window: "" }))).toBe(`layout: root.children[2].window: expected a window name (a non-empty string), got ""`);
  });

  it("a window name that is not a string", () => {
    expect(errorOf(inRow({ window: 3 }))).toBe(`layout: root.children[2].window: expected a window name (a non-empty string), got 3`);
  });

  it("an id that is not a string", () => {
    expect(errorOf({ id: 4, children: [] })).toBe(`layout: root.id: expected an id (a non-empty string), got 4`);
  });

  it("children that are not a list", () => {
    expect(errorOf({ children: "abc" })).toBe(`layout: root.children: expected a list of nodes, got "abc"`);
  });

  it("children with a key that is not a list index", () => {
    expect(errorOf({ children: { a: { window: "a" } } })).toBe(`layout: root.children: expected a list of nodes, got a table with key "a"`);
  });

  it("children with a hole", () => {
    expect(errorOf({ children: { "1": { window: "a" }, "3": { window: "b" } } })).toBe(
      `layout: root.children: expected a list of nodes, got a table with key "3"`,
    );
  });

  it("a child that is not a table", () => {
    expect(errorOf({ children: [{ window: "a" }, 5] })).toBe(`layout: root.children[2]: expected a node (a table), got 5`);
  });

  it("a table that contains itself", () => {
    const self: Record<string, unknown> = { direction: "row" };
    self.children = [{ window: "a" }, self];
    expect(errorOf(self)).toBe(`layout: root.children[2]: expected a tree, got a cycle (this table is also root)`);
  });

  it("a deeper cycle names where it closes", () => {
    const root: { children: unknown[] } = { children: [] };
    const inner = { children: [{ window: "a" }, { children: [root] }] };
    root.children.push(inner);
    expect(errorOf(root)).toBe(`layout: root.children[1].children[2].children[1]: expected a tree, got a cycle (this table is also root)`);
  });

  it("a cycle through the outer table of the root form", () => {
    const outer: { root: { children: unknown[] } } = { root: { children: [] } };
    outer.root.children.push(outer);
    expect(errorOf(outer)).toBe(`layout: root.children[1]: expected a tree, got a cycle (this table is also the outer table)`);
  });

  it("not a table at all", () => {
    expect(errorOf("transcript")).toBe(`layout: expected a layout table (a tree or {windows=...}), got "transcript"`);
    expect(errorOf(undefined)).toBe(`layout: expected a layout table (a tree or {windows=...}), got nil`);
  });

  it("an empty table", () => {
    expect(errorOf({})).toBe(`layout: expected a tree (root, children, window or direction) or a flat {windows=...}, got an empty table`);
    expect(errorOf([])).toBe(`layout: expected a tree (root, children, window or direction) or a flat {windows=...}, got an empty table`);
  });

  it("the first error wins, checked in key order, before anything is used", () => {
    expect(errorOf({ children: [{ window: "a", grow: -1, width: "x" }] })).toBe(`layout: root.children[1].grow: expected a number >= 0, got -1`);
  });
});

describe("errors in the flat form", () => {
  it.each<[string, unknown, string]>([
    ["windows not a table", { windows: 5 }, `layout: windows: expected a table of window rectangles, got 5`],
    ["a rectangle not a table", { windows: { a: 5 } }, `layout: windows.a: expected a rectangle {x=,y=,width=,height=}, got 5`],
    ["an unknown key", { windows: { a: { x: 1, w: 2 } } }, `layout: windows.a.w: unknown key (expected x, y, width, height, z or border)`],
    ["a bad x", { windows: { a: { x: "left" } } }, `layout: windows.a.x: expected an offset (cells or "N%"), got "left"`],
    ["a bad width", { windows: { a: { width: -1 } } }, `layout: windows.a.width: expected a size (cells, "N%", "auto" or "content"), got -1`],
    ["a key beside windows", { windows: {}, foo: 1 }, `layout: foo: unknown key (expected windows)`],
  ])("%s", (_what, input, message) => {
    expect(errorOf(input)).toBe(message);
  });
});

describe("LayoutError", () => {
  it("keeps the path and the reason apart so callers can prefix a file name", () => {
    try {
      parseLayoutTable(inRow({ window: "b", width: "wide" }));
    } catch (e) {
      expect(e).toMatchObject({ path: "root.children[2].width", reason: `expected a size (cells, "N%", "auto" or "content"), got "wide"` });
      return;
    }
    throw new Error("expected a LayoutError");
  });
});
