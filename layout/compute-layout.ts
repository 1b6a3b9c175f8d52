// Yoga's computed layout -> one WindowBox per window node (layout.md "Computed rectangles").
import { Edge } from "yoga-layout";
import type { Rect, WindowBox } from "./rect.js";
import type { IsEmpty, MeasureContent, WindowNode, YogaTree } from "./yoga-tree.js";

const ZERO: Rect = { x: 0, y: 0, width: 0, height: 0 };

function boxOf(w: WindowNode): WindowBox {
  const hidden: WindowBox = { ...ZERO, content: { ...ZERO }, visible: false, border: w.border, z: w.z, order: w.order };
  if (w.hidden || w.collapsed) return hidden;
  const node = w.node;
  const width = node.getComputedWidth();
  const height = node.getComputedHeight();
  if (!(width > 0) || !(height > 0)) return hidden;
  // x and y are sums of the rounded relative offsets from the root down, as layout.md specifies.
  let x = 0;
  let y = 0;
  for (const n of w.chain) {
    x += n.getComputedLeft();
    y += n.getComputedTop();
  }
  const left = node.getComputedBorder(Edge.Left) + node.getComputedPadding(Edge.Left);
  const top = node.getComputedBorder(Edge.Top) + node.getComputedPadding(Edge.Top);
  const right = node.getComputedBorder(Edge.Right) + node.getComputedPadding(Edge.Right);
  const bottom = node.getComputedBorder(Edge.Bottom) + node.getComputedPadding(Edge.Bottom);
  const content: Rect = {
    x: x + left,
    y: y + top,
    width: Math.max(0, width - left - right),
    height: Math.max(0, height - top - bottom),
  };
  return { x, y, width, height, content, visible: true, border: w.border, z: w.z, order: w.order };
}

/** Computes the tree at width x height cells; returns each window's box, keyed by name in tree order. */
export function computeLayout(
  tree: YogaTree,
  width: number,
  height: number,
  measure?: MeasureContent,
  isEmpty?: IsEmpty,
): Map<string, WindowBox> {
  tree.calculate(width, height, measure, isEmpty);
  const out = new Map<string, WindowBox>();
  for (const w of tree.windows) out.set(w.name, boxOf(w));
  return out;
}
