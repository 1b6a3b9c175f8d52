// Small readers over computeLayout so the tests can state rectangles and screens literally.
import { computeLayout } from "../../layout/compute-layout.js";
import { parseLayoutTable } from "../../layout/layout-table.js";
import type { Rect, WindowBox } from "../../layout/rect.js";
import { YogaTree, type IsEmpty, type MeasureContent } from "../../layout/yoga-tree.js";

/** layout.md "Example: a split-pane workflow", as the Lua table arrives in TypeScript. */
export const SPLIT_PANE_EXAMPLE = {
  direction: "column",
  children: [
    { direction: "row", grow: 1, children: [
      { window: "transcript", grow: 2 },
      { window: "notes", width: "30%", min_width: 20, border: "single" },
    ] },
    { window: "composer", height: 5, border: "rounded" },
    { window: "status", height: 1 },
  ],
};

/** Parses, computes once and frees: the boxes of every window. */
export function boxes(input: unknown, width: number, height: number, measure?: MeasureContent, isEmpty?: IsEmpty): Map<string, WindowBox> {
  const tree = new YogaTree(parseLayoutTable(input));
  try {
    return computeLayout(tree, width, height, measure, isEmpty);
  } finally {
    tree.free();
  }
}

function show(r: Rect): string {
  return `x=${r.x} y=${r.y} w=${r.width} h=${r.height}`;
}

/** Each window's whole rectangle as "x=0 y=0 w=10 h=3", or "hidden". */
export function rects(input: unknown, width: number, height: number, measure?: MeasureContent, isEmpty?: IsEmpty): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, b] of boxes(input, width, height, measure, isEmpty)) out[name] = b.visible ? show(b) : "hidden";
  return out;
}

/** Each window's content box (inside border and padding) as "x=1 y=1 w=8 h=1", or "hidden". */
export function contents(input: unknown, width: number, height: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, b] of boxes(input, width, height)) out[name] = b.visible ? show(b.content) : "hidden";
  return out;
}

/** Paints each visible window's rectangle with the first letter of its name (z, then tree order). */
export function paintBoxes(all: Map<string, WindowBox>, width: number, height: number): string[] {
  const grid = Array.from({ length: height }, () => Array<string>(width).fill("."));
  const sorted = [...all].filter(([, b]) => b.visible).sort(([, a], [, b]) => a.z - b.z || a.order - b.order);
  for (const [name, b] of sorted) {
    for (let y = Math.max(0, b.y); y < Math.min(height, b.y + b.height); y++) {
      for (let x = Math.max(0, b.x); x < Math.min(width, b.x + b.width); x++) grid[y]![x] = name[0]!;
    }
  }
  return grid.map((row) => row.join(""));
}

/** paintBoxes over a fresh compute of `input`. */
export function paint(input: unknown, width: number, height: number, measure?: MeasureContent): string[] {
  return paintBoxes(boxes(input, width, height, measure), width, height);
}
