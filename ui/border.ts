// Window borders: the four kinds layout.md allows, with a title placed in the top edge.
import type { BorderKind, Rect } from "../layout/rect.js";
import type { CellGrid } from "./cell-grid.js";
import { textWidth } from "./text-measure.js";
import { truncate } from "./text-helpers.js";

/** Corner and edge characters of a border: top-left, top-right, bottom-left, bottom-right, horizontal, vertical. */
export type BorderChars = { tl: string; tr: string; bl: string; br: string; h: string; v: string };

const CHARS: Record<Exclude<BorderKind, "none">, BorderChars> = {
  single: { tl: "┌", tr: "┐", bl: "└", br: "┘", h: "─", v: "│" },
  rounded: { tl: "╭", tr: "╮", bl: "╰", br: "╯", h: "─", v: "│" },
  double: { tl: "╔", tr: "╗", bl: "╚", br: "╝", h: "═", v: "║" },
  heavy: { tl: "┏", tr: "┓", bl: "┗", br: "┛", h: "━", v: "┃" },
};

/** A title cut to `room` cells; a space left before the ellipsis is dropped. */
function fitTitle(title: string, room: number): string {
  return truncate(title, room).replace(/\s+…$/, "…");
}

/** The characters of a border kind (null for "none"). */
export function borderChars(kind: BorderKind): BorderChars | null {
  return kind === "none" ? null : CHARS[kind];
}

/** The top edge as text: corners, then ` title ` from the third cell (truncated with "…"), then the edge. */
export function topEdge(kind: Exclude<BorderKind, "none">, width: number, title = ""): string {
  const c = CHARS[kind];
  if (width <= 1) return width === 1 ? c.tl : "";
  const inner = width - 2;
  const room = inner - 3; // one edge cell before the title and the spaces around it
  let mid = c.h.repeat(inner);
  if (title !== "" && room >= 1) {
    const t = ` ${fitTitle(title, room)} `;
    mid = c.h + t + c.h.repeat(Math.max(0, inner - 1 - textWidth(t)));
  }
  return c.tl + mid + c.tr;
}

/**
 * Draws a border around `rect` (clipped to `clip` and the grid): the edges in `styleId`, the
 * title in `titleStyleId`. A rectangle under 2x2 draws what fits of the top edge only.
 */
export function drawBorder(grid: CellGrid, rect: Rect, kind: BorderKind, styleId: number, title = "", titleStyleId = styleId, clip: Rect = rect): void {
  if (kind === "none" || rect.width <= 0 || rect.height <= 0) return;
  const c = CHARS[kind];
  const top = topEdge(kind, rect.width, title);
  if (title !== "" && titleStyleId !== styleId && rect.width > 5) {
    const t = ` ${fitTitle(title, rect.width - 5)} `;
    grid.writeText(rect.x, rect.y, top.slice(0, 2), styleId, clip);
    grid.writeText(rect.x + 2, rect.y, t, titleStyleId, clip);
    grid.writeText(rect.x + 2 + textWidth(t), rect.y, c.h.repeat(Math.max(0, rect.width - 3 - textWidth(t))) + c.tr, styleId, clip);
  } else {
    grid.writeText(rect.x, rect.y, top, styleId, clip);
  }
  if (rect.height < 2) return;
  const bottom = rect.width === 1 ? c.bl : c.bl + c.h.repeat(Math.max(0, rect.width - 2)) + c.br;
  grid.writeText(rect.x, rect.y + rect.height - 1, bottom, styleId, clip);
  for (let y = rect.y + 1; y < rect.y + rect.height - 1; y++) {
    grid.writeText(rect.x, y, c.v, styleId, clip);
    if (rect.width > 1) grid.writeText(rect.x + rect.width - 1, y, c.v, styleId, clip);
  }
}
