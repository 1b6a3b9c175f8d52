// The pure drawing helpers Lua sees as librecode.ui.measure/truncate/pad_right/wrap/viewport/virtual_list.
import { graphemes, graphemeWidth, textWidth } from "./text-measure.js";
import { wrapText } from "./wrap-text.js";

export type Viewport = { lines: string[]; start: number; end: number; offset: number; maxOffset: number; total: number };
export type VirtualItem = { index: number; luaIndex: number; rowOffset: number; height: number };
export type VirtualList = { items: VirtualItem[]; start: number; end: number; offset: number; maxOffset: number; total: number };

const ELLIPSIS = "…";

/** Terminal cell width of `s`. */
export function measure(s: string): number {
  return textWidth(s);
}

/** Cuts `s` to at most `w` cells, ending in "…" when something was cut. */
export function truncate(s: string, w: number): string {
  if (w <= 0) return "";
  if (textWidth(s) <= w) return s;
  let out = "";
  let used = 0;
  for (const g of graphemes(s)) {
    const gw = graphemeWidth(g);
    if (used + gw > w - 1) break;
    out += g;
    used += gw;
  }
  return out + ELLIPSIS;
}

/** Exactly `w` cells: `s` cut to fit (no ellipsis), then padded with spaces, as the original's pad_right. */
export function padRight(s: string, w: number): string {
  if (w <= 0) return "";
  let sw = textWidth(s);
  if (sw > w) {
    // Cut (no ellipsis) at a grapheme boundary; a wide grapheme that does not fit leaves a space.
    let out = "";
    sw = 0;
    for (const g of graphemes(s)) {
      const gw = graphemeWidth(g);
      if (sw + gw > w) break;
      out += g;
      sw += gw;
    }
    s = out;
  }
  return sw >= w ? s : s + " ".repeat(w - sw);
}

/** Wraps `s` to `w` cells by words (see wrap-text.ts). */
export function wrap(s: string, w: number): string[] {
  return wrapText(s, w);
}

function clampOffset(offset: number | undefined, maxOffset: number): number {
  const o = offset === undefined || !Number.isFinite(offset) ? 0 : Math.floor(offset);
  return Math.min(Math.max(0, o), maxOffset);
}

/**
 * The `h` lines visible when scrolled `offset` lines up from the bottom. `start`/`end` are
 * 0-based, end-exclusive; the offset is clamped to [0, maxOffset].
 */
export function viewport(lines: readonly string[], h: number, offset?: number): Viewport {
  const height = Math.max(0, Math.floor(h));
  const total = lines.length;
  const maxOffset = Math.max(0, total - height);
  const o = clampOffset(offset, maxOffset);
  const end = total - o;
  const start = Math.max(0, end - height);
  return { lines: lines.slice(start, end), start, end, offset: o, maxOffset, total };
}

/** An item's height: a number, or a table's `height`; anything else counts as one row. */
function itemHeight(item: unknown): number {
  const v = typeof item === "number" ? item
    : item !== null && typeof item === "object" ? (item as { height?: unknown }).height : undefined;
  return typeof v === "number" && Number.isFinite(v) ? Math.max(0, Math.floor(v)) : 1;
}

/**
 * The items of a bottom-anchored list visible in `h` rows, scrolled `offset` rows up from the
 * bottom. `rowOffset` is the item's top relative to the viewport's top (negative when cut);
 * `start`/`end` are 0-based item indices, end-exclusive; `total` counts rows.
 */
export function virtualList(items: readonly unknown[], h: number, offset?: number): VirtualList {
  const height = Math.max(0, Math.floor(h));
  const heights = items.map(itemHeight);
  const total = heights.reduce((a, b) => a + b, 0);
  const maxOffset = Math.max(0, total - height);
  const o = clampOffset(offset, maxOffset);
  const bottom = total - o;
  const top = Math.max(0, bottom - height);
  const out: VirtualItem[] = [];
  let row = 0;
  for (let i = 0; i < heights.length; i++) {
    const ih = heights[i]!;
    if (row < bottom && row + ih > top) out.push({ index: i, luaIndex: i + 1, rowOffset: row - top, height: ih });
    row += ih;
  }
  const start = out.length > 0 ? out[0]!.index : Math.min(items.length, heights.length);
  const end = out.length > 0 ? out[out.length - 1]!.index + 1 : start;
  return { items: out, start, end, offset: o, maxOffset, total };
}
