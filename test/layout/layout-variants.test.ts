import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { LayoutError, layoutTableToPlain, parseLayoutTable } from "../../layout/layout-table.js";
import { activeVariant, variantHolds } from "../../layout/layout-variants.js";
import { frameJson } from "../../bin/frame-json.js";

function errorOf(input: unknown): string {
  try {
    parseLayoutTable(input);
  } catch (e) {
    expect(e).toBeInstanceOf(LayoutError);
    return (e as Error).message;
  }
  throw new Error("expected the table to be rejected");
}

const BASE = { direction: "row", children: [{ window: "transcript", grow: 1 }, { window: "side", width: 30 }] };
const NARROW = { children: [{ window: "transcript", grow: 1 }] };
const MEDIUM = { children: [{ window: "transcript", grow: 1 }, { window: "side", height: 4 }] };
const RESPONSIVE = { ...BASE, variants: [{ when: { max_width: 79 }, layout: NARROW }, { when: { max_width: 119 }, layout: MEDIUM }] };

describe("variants: validation", () => {
  it("accepts variants beside the root node's keys, or beside root", () => {
    const t = parseLayoutTable(RESPONSIVE);
    expect(t.variants?.map((v) => v.when)).toEqual([{ max_width: 79 }, { max_width: 119 }]);
    expect(parseLayoutTable({ root: BASE, variants: [{ when: {}, layout: NARROW }] }).variants).toHaveLength(1);
  });

  it("round-trips through layoutTableToPlain (what layout.get() returns)", () => {
    const plain = layoutTableToPlain(parseLayoutTable(RESPONSIVE));
    expect(plain.variants).toEqual([
      { when: { max_width: 79 }, layout: { children: [{ window: "transcript", grow: 1 }] } },
      { when: { max_width: 119 }, layout: MEDIUM },
    ]);
    expect(parseLayoutTable({ root: plain })).toEqual(parseLayoutTable(RESPONSIVE));
  });

  it("names the bad part with the layout error grammar", () => {
    expect(errorOf({ ...BASE, variants: 3 })).toBe("layout: variants: expected a list of {when, layout} tables, got 3");
    expect(errorOf({ ...BASE, variants: [{ when: { max_width: "wide" }, layout: NARROW }] }))
      .toBe(`layout: variants[1].when.max_width: expected a non-negative integer (cells), got "wide"`);
    expect(errorOf({ ...BASE, variants: [{ when: { width: 3 }, layout: NARROW }] }))
      .toBe("layout: variants[1].when.width: unknown key (expected min_width, max_width, min_height or max_height)");
    expect(errorOf({ ...BASE, variants: [{ when: {}, layout: NARROW, name: "x" }] }))
      .toBe("layout: variants[1].name: unknown key (expected when or layout)");
    expect(errorOf({ ...BASE, variants: [{ when: {} }] })).toBe("layout: variants[1].layout: expected a layout table, got nil");
    expect(errorOf({ ...BASE, variants: [NARROW, { when: {}, layout: { children: [{ window: "a", width: "wide" }] } }] }))
      .toBe("layout: variants[1].children: unknown key (expected when or layout)");
    expect(errorOf({ ...BASE, variants: [{ when: {}, layout: { children: [{ window: "a", width: "wide" }] } }] }))
      .toBe(`layout: variants[1].layout.children[1].width: expected a size (cells, "N%", "auto" or "content"), got "wide"`);
    expect(errorOf({ ...BASE, variants: [{ when: {}, layout: { ...NARROW, variants: [] } }] }))
      .toBe("layout: variants[1].layout.variants: expected no variants inside a variant, got a table");
    expect(errorOf({ children: [{ window: "a", variants: [] }] })).toBe("layout: root.children[1].variants: unknown key");
  });
});

describe("variants: which one holds", () => {
  it("bounds are inclusive and a missing bound always holds", () => {
    expect(variantHolds({ min_width: 80, max_width: 119 }, 80, 1)).toBe(true);
    expect(variantHolds({ min_width: 80, max_width: 119 }, 120, 1)).toBe(false);
    expect(variantHolds({ max_height: 20 }, 500, 21)).toBe(false);
    expect(variantHolds({}, 1, 1)).toBe(true);
  });

  it("the first variant that holds wins; none: the base tree (-1)", () => {
    const { variants } = parseLayoutTable(RESPONSIVE);
    expect([activeVariant(variants, 70, 20), activeVariant(variants, 100, 20), activeVariant(variants, 130, 20)]).toEqual([0, 1, -1]);
  });
});

describe("variants in the runtime", () => {
  function runtime(width: number) {
    const rt = new Runtime({ clock: new FakeClock(), width, height: 20 });
    rt.layoutSet(RESPONSIVE);
    return rt;
  }
  const box = (rt: Runtime, w: string) => {
    const b = rt.windows.get(w)!.box;
    return [b.x, b.y, b.width, b.height, b.visible];
  };

  it("lays out the variant of the size, and switches on every resize", () => {
    const rt = runtime(130);
    expect([rt.layout.variant, box(rt, "side")]).toEqual([-1, [100, 0, 30, 20, true]]);
    rt.resize(100, 20);
    expect([rt.layout.variant, box(rt, "side")]).toEqual([1, [0, 16, 100, 4, true]]);
    rt.resize(70, 20);
    expect([rt.layout.variant, box(rt, "side"), box(rt, "transcript")]).toEqual([0, [0, 0, 0, 0, false], [0, 0, 70, 20, true]]);
    rt.resize(130, 20);
    expect([rt.layout.variant, box(rt, "side")]).toEqual([-1, [100, 0, 30, 20, true]]);
  });

  it("windows keep their buffers, focus and scroll across variants", () => {
    const rt = runtime(130);
    rt.inTransaction(() => {
      rt.windows.set("side", { buffer: "notes", scroll: 3 });
      rt.focus = "side";
    });
    rt.resize(70, 20);
    rt.resize(100, 20);
    const w = rt.windows.get("side")!;
    expect([w.buffer, w.scroll, rt.focus]).toEqual(["notes", 3, "side"]);
  });

  it("creates at set the windows that only a variant names", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 130, height: 20 });
    rt.layoutSet({ ...NARROW, variants: [{ when: { max_width: 90 }, layout: MEDIUM }] });
    expect(rt.windows.has("side")).toBe(true);
    expect(box(rt, "side")[4]).toBe(false);
  });

  it("render --format json reports the active variant (1-based), null for the base tree", () => {
    const rt = runtime(100);
    expect(frameJson(rt, [], null).variant).toBe(2);
    rt.resize(130, 20);
    expect(frameJson(rt, [], null).variant).toBe(null);
  });
});
