// Highlights (`hl` over a range of source columns) laid over one row. The general way goes through
// grapheme cells (hlCells); a row of printable ASCII, one cell per character, takes a way without
// cell objects (hlAsciiRow) that draws the same spans, so retyping a marked line stays cheap.
import type { Span, Style } from "../engine/kernel/style.js";
import { overStyle, type MarkCell } from "./mark-cells.js";
import { isPrintableAscii } from "./text-measure.js";
import type { StyledLine } from "./wrap-text.js";

/** A highlight over source columns [from, to) of a line; a list of them is in drawing order. */
export type RangedHl = { hl: Style; from: number; to: number };

/** For each range, the first of n positions whose source column is its `from` or later (n: none);
 *  the columns (-1: a position not from the source) only grow along a row. */
function firstAt(n: number, srcAt: (k: number) => number, ranges: readonly RangedHl[]): Int32Array {
  const out = new Int32Array(ranges.length);
  const order = ranges.map((_, i) => i).sort((a, b) => ranges[a]!.from - ranges[b]!.from);
  let k = 0;
  for (const i of order) {
    while (k < n && srcAt(k) < ranges[i]!.from) k++;
    out[i] = k;
  }
  return out;
}

// Lays each range's hl over the positions showing its columns; true when any position changed.
function lay(n: number, srcAt: (k: number) => number, ranges: readonly RangedHl[], restyle: (k: number, hl: Style) => void): boolean {
  const starts = firstAt(n, srcAt, ranges);
  let changed = false;
  for (let i = 0; i < ranges.length; i++) {
    const { hl, from, to } = ranges[i]!;
    for (let k = starts[i]!; k < n && srcAt(k) < to; k++) {
      if (srcAt(k) >= from) { restyle(k, hl); changed = true; }
    }
  }
  return changed;
}

/** Restyles the cells the ranges cover (the hl's fields win); true when any cell changed. */
export function hlCells(cells: MarkCell[], ranges: readonly RangedHl[]): boolean {
  return lay(cells.length, (k) => cells[k]!.src, ranges, (k, hl) => { cells[k]!.style = overStyle(cells[k]!.style, hl); });
}

/**
 * The row with the ranges drawn, as hlCells and fromCells would give it (the same object when no
 * range covers it), or null when the row is not all printable ASCII. `src[j]`: the source column
 * of character j of the row's joined text.
 */
export function hlAsciiRow(row: StyledLine, src: readonly number[], ranges: readonly RangedHl[]): StyledLine | null {
  for (const s of row) if (!isPrintableAscii(s.text)) return null;
  const styles: (Style | undefined)[] = [];
  let text = "";
  for (const s of row) {
    for (let i = 0; i < s.text.length; i++) styles.push(s.style);
    text += s.text;
  }
  const n = styles.length;
  if (!lay(n, (k) => src[k] ?? -1, ranges, (k, hl) => { styles[k] = overStyle(styles[k], hl); })) return row;
  // Neighbours with the same style object join, as fromCells joins cells.
  const out: Span[] = [];
  let at = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && styles[k] === styles[at]) continue;
    const style = styles[at];
    out.push(style === undefined ? { text: text.slice(at, k) } : { text: text.slice(at, k), style });
    at = k;
  }
  return out;
}
