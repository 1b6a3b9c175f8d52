// A layout tree built from the previous one reuses its Yoga nodes (a window's by name, a
// container's by the windows under it) and lays out exactly as a tree built fresh would.
import { describe, expect, it } from "vitest";
import { computeLayout } from "../../layout/compute-layout.js";
import { parseLayoutTable } from "../../layout/layout-table.js";
import { liveYogaNodeCount, YogaTree, type MeasureContent } from "../../layout/yoga-tree.js";
import { boxes } from "./layout-helpers.js";

/** 2 rows of 3 panes between a transcript and a composer; `gap` and `extra` vary it. */
function grid(gap: number, extra: Record<string, unknown> = {}) {
  const row = (r: number) => ({ direction: "row", height: 1, gap, children: [0, 1, 2].map((c) => ({ window: `p${r}${c}`, grow: 1 })) });
  return { direction: "column", children: [{ window: "transcript", grow: 1, ...extra }, row(0), row(1), { window: "composer", height: 3 }] };
}

const text = (m: Map<string, unknown>) => JSON.stringify([...m]);

/** Builds `tables` one after another, each from the last; returns the trees' created counts and boxes. */
function chain(tables: unknown[], width: number, height: number, measure?: MeasureContent) {
  let tree: YogaTree | undefined;
  const out: { created: number; boxes: string }[] = [];
  for (const t of tables) {
    tree = new YogaTree(parseLayoutTable(t), tree);
    out.push({ created: tree.created, boxes: text(computeLayout(tree, width, height, measure)) });
  }
  tree!.free();
  return out;
}

describe("a layout built from the previous one", () => {
  it("reuses every node when only a style changed, and lays out as a fresh build", () => {
    const before = liveYogaNodeCount();
    const steps = chain([grid(0), grid(1), grid(0)], 30, 12);
    expect(steps.map((s) => s.created)).toEqual([11, 0, 0]);
    expect(steps.map((s) => s.boxes)).toEqual([grid(0), grid(1), grid(0)].map((t) => text(boxes(t, 30, 12))));
    expect(liveYogaNodeCount()).toBe(before);
  });

  it("creates only the nodes of new windows and frees those of windows that went", () => {
    const before = liveYogaNodeCount();
    const fewer = { direction: "column", children: [{ window: "transcript", grow: 1 }, { window: "composer", height: 3 }] };
    const moved = { direction: "row", children: [{ window: "composer", width: 10 }, { direction: "column", grow: 1, children: [{ window: "transcript", grow: 1 }, { window: "notes", height: 2 }] }] };
    const steps = chain([grid(0), fewer, moved], 30, 12);
    // fewer: the root and both windows are reused; moved: a new column and `notes`.
    expect(steps.map((s) => s.created)).toEqual([11, 0, 2]);
    expect(steps.map((s) => s.boxes)).toEqual([grid(0), fewer, moved].map((t) => text(boxes(t, 30, 12))));
    expect(liveYogaNodeCount()).toBe(before);
  });

  it("unsets what a reused node no longer has: a minimum, an offset, a content size", () => {
    const measure: MeasureContent = (_w, axis) => (axis === "height" ? 5 : 8);
    const withAll = grid(0, { min_height: 9, height: "content", margin: 1 });
    const steps = chain([withAll, grid(0), withAll], 30, 14, measure);
    expect(steps.map((s) => s.created)).toEqual([11, 0, 0]);
    expect(steps.map((s) => s.boxes)).toEqual([withAll, grid(0), withAll].map((t) => text(boxes(t, 30, 14, measure))));
  });

  it("opens a hide_empty window the last tree had collapsed when its buffer is no longer empty", () => {
    const table = (gap: number) => ({ ...grid(gap), children: [...grid(gap).children, { window: "hint", height: 2, hide_empty: true }] });
    const first = new YogaTree(parseLayoutTable(table(0)));
    expect(computeLayout(first, 30, 14, undefined, () => true).get("hint")!.visible).toBe(false);
    const second = new YogaTree(parseLayoutTable(table(1)), first);
    const shown = computeLayout(second, 30, 14, undefined, () => false);
    expect([second.created, text(shown)]).toEqual([0, text(boxes(table(1), 30, 14))]);
    second.free();
  });
});
