// A styled row as a list of grapheme cells that remember which source column they show, so marks
// can restyle, insert and overwrite by source position; and back to spans.
import type { Span, Style } from "../engine/kernel/style.js";
import { graphemes, graphemeWidth } from "./text-measure.js";
import type { StyledLine } from "./wrap-text.js";

/** One grapheme of a row: its width (0-2), style and source column (-1: not from the source). */
export type MarkCell = { g: string; w: number; style: Style | undefined; src: number };

/** The cells of a row; `src[j]` is the source column of the character at UTF-16 index j of the
 *  row's joined text (-1 or missing: none). */
export function toCells(spans: StyledLine, src: readonly number[]): MarkCell[] {
  const out: MarkCell[] = [];
  let j = 0;
  for (const s of spans) {
    for (const g of graphemes(s.text)) {
      out.push({ g, w: graphemeWidth(g), style: s.style, src: src[j] ?? -1 });
      j += g.length;
    }
  }
  return out;
}

/** Cells of virtual text chunks (not from the source). */
export function chunkCells(chunks: readonly Span[]): MarkCell[] {
  const out: MarkCell[] = [];
  for (const c of chunks) for (const g of graphemes(c.text)) out.push({ g, w: graphemeWidth(g), style: c.style, src: -1 });
  return out;
}

/** Cells back to spans, neighbours with the same style object joined. */
export function fromCells(cells: readonly MarkCell[]): StyledLine {
  const out: Span[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last !== undefined && last.style === c.style) last.text += c.g;
    else out.push(c.style === undefined ? { text: c.g } : { text: c.g, style: c.style });
  }
  return out;
}

/** Total width of cells. */
export function cellsWidth(cells: readonly MarkCell[]): number {
  let w = 0;
  for (const c of cells) w += c.w;
  return w;
}

/** Overwrites cells from index `at` with `over`, cell for cell by width: a wide character cut in
 *  half becomes a space; past the end the row grows. */
export function overwrite(cells: MarkCell[], at: number, over: readonly MarkCell[]): void {
  let i = at;
  for (const o of over) {
    let need = o.w;
    const removed: MarkCell[] = [];
    while (need > 0 && i < cells.length) {
      const c = cells.splice(i, 1)[0]!;
      removed.push(c);
      need -= c.w;
    }
    cells.splice(i, 0, o);
    i++;
    // Covered half of a wide character: its other half shows as a space in its style.
    if (need < 0) { cells.splice(i, 0, { g: " ", w: 1, style: removed[removed.length - 1]!.style, src: -1 }); i++; }
  }
}

const merged = new WeakMap<Style, WeakMap<Style, Style>>();

/** hl drawn over base: hl's fields win. The same pair gives the same object (cheap repaints). */
export function overStyle(base: Style | undefined, hl: Style): Style {
  // hl sets every field base has: the result looks like hl, so it is hl (one span, not two).
  if (base === undefined || Object.keys(base).every((k) => k in hl)) return hl;
  let m = merged.get(base);
  if (m === undefined) { m = new WeakMap(); merged.set(base, m); }
  let s = m.get(hl);
  if (s === undefined) { s = { ...base, ...hl }; m.set(hl, s); }
  return s;
}
