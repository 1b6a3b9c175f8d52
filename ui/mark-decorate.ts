// Draws extmarks onto the rows one source line was wrapped into: highlights, virtual text (eol,
// overlay, right_align, inline), virtual lines and the line's sign. Renderers call it only for the
// lines they show, with only the marks touching those lines, so a frame costs the visible marks.
import { cpLength } from "../engine/kernel/code-points.js";
import type { MarkView } from "../engine/kernel/extmarks.js";
import type { Style } from "../engine/kernel/style.js";
import { cellsWidth, chunkCells, fromCells, overwrite, toCells, type MarkCell } from "./mark-cells.js";
import { hlAsciiRow, hlCells, type RangedHl } from "./mark-hl-row.js";
import type { StyledLine } from "./wrap-text.js";

/** One source line's rows after its marks are drawn. */
export type DecoratedLine = {
  rows: StyledLine[];
  above: StyledLine[];
  below: StyledLine[];
  /** The sign of the line's highest-priority mark with one. */
  sign?: { text: string; style?: Style };
  /** Per row, for a cursor: the cells inline text added before source column c on that row. */
  shift: (row: number, col: number) => number;
};

/** Gutter cells a sign takes. */
export const SIGN_WIDTH = 2;
const SIGN_STYLE: Style = Object.freeze({ fg: "accent" });

const joined = (line: StyledLine): string => line.map((s) => s.text).join("");

/**
 * Source columns of each row's characters (see toCells): the line's code points are matched in
 * order against the rows' text, skipping row cells the source lacks (a prefix, padding) and source
 * characters the rows lack (spaces dropped at a soft break, markdown markup). A tab may show as
 * one or four spaces.
 */
export function alignRows(rows: readonly StyledLine[], line: string): number[][] {
  const cps = Array.from(line);
  const texts = rows.map(joined);
  const all = texts.join("");
  const src: number[] = new Array(all.length).fill(-1);
  let i = 0;
  let j = 0;
  while (i < cps.length && j < all.length) {
    const c = cps[i]!;
    if (c === "\t" && all[j] === " ") {
      src[j] = i;
      j += all.startsWith("    ", j) ? 4 : 1;
      i++;
      continue;
    }
    if (all.startsWith(c, j)) { src[j] = i; j += c.length; i++; continue; }
    const k = all.indexOf(c, j);
    if (k >= 0 && (k - j <= 4 || all.slice(j, k).trim() === "")) { j = k; continue; }
    i++;
  }
  const out: number[][] = [];
  let at = 0;
  for (const t of texts) { out.push(src.slice(at, at + t.length)); at += t.length; }
  return out;
}

/** The columns [from, to) of source line `line` a range mark covers (null: none). */
function covered(m: MarkView, line: number): [number, number] | null {
  if (m.end === null || m.line > line || m.end.line < line) return null;
  const from = m.line === line ? m.col : 0;
  const to = m.end.line === line ? m.end.col : Infinity;
  return to > from ? [from, to] : null;
}

// Index of the cell showing source column col, or the place after the row's text for the line's
// end; -1 when col is not on this row.
function cellAt(cells: readonly MarkCell[], col: number, lineLen: number, lastRow: boolean, prefix: number): number {
  let after = -1;
  for (let k = 0; k < cells.length; k++) {
    const s = cells[k]!.src;
    if (s === col) return k;
    if (s >= 0) after = k;
  }
  if (col >= lineLen && lastRow) return after >= 0 ? after + 1 : Math.min(prefix, cells.length);
  return -1;
}

const lineCells = (chunks: MarkView["decor"]["virtText"]): MarkCell[] => chunkCells(chunks ?? []);

/**
 * Draws `marks` (those touching source line `line`, any order) onto `rows`, the rows `lineText`
 * was wrapped into. `width` places right-aligned text; `prefix` is the cells before the text on an
 * empty line (a pad). Rows without marks come back as the same objects.
 */
export function decorateLine(rows: StyledLine[], line: number, lineText: string, marks: readonly MarkView[], width: number, prefix = 0): DecoratedLine {
  const none: DecoratedLine = { rows, above: [], below: [], shift: () => 0 };
  if (marks.length === 0 || rows.length === 0) return none;
  const sorted = [...marks].sort((a, b) => a.decor.priority - b.decor.priority || a.ns - b.ns || a.id - b.id);
  const here = sorted.filter((m) => m.line === line);
  const ranged = sorted.filter((m) => m.decor.hl !== undefined && covered(m, line) !== null);
  const drawn = here.filter((m) => m.decor.virtText !== undefined);
  const out: DecoratedLine = { ...none, rows: [...rows] };
  for (const m of here) {
    if (m.decor.virtLines) (m.decor.virtLinesAbove ? out.above : out.below).push(...m.decor.virtLines.map((l) => fromCells(chunkCells(l))));
    if (m.decor.signText !== undefined) out.sign = { text: m.decor.signText, style: m.decor.signStyle ?? SIGN_STYLE };
  }
  if (ranged.length === 0 && drawn.length === 0) return out;
  const ranges: RangedHl[] = ranged.map((m) => {
    const [from, to] = covered(m, line)!;
    return { hl: m.decor.hl!, from, to };
  });
  const lineLen = cpLength(lineText);
  const srcs = alignRows(rows, lineText);
  const shifts: Array<Array<[number, number]>> = rows.map(() => []);
  rows.forEach((row, r) => {
    const last = r === rows.length - 1;
    // Highlights alone on printable ASCII: no cells needed.
    const plain = drawn.length === 0 ? hlAsciiRow(row, srcs[r]!, ranges) : null;
    if (plain !== null) {
      out.rows[r] = plain;
      return;
    }
    const cells = toCells(row, srcs[r]!);
    let changed = ranges.length > 0 && hlCells(cells, ranges);
    for (const m of drawn) {
      const pos = m.decor.virtTextPos;
      if (pos !== "inline" && pos !== "overlay") continue;
      const k = cellAt(cells, m.col, lineLen, last, prefix);
      if (k < 0) continue;
      const add = lineCells(m.decor.virtText);
      if (pos === "inline") { cells.splice(k, 0, ...add); shifts[r]!.push([m.col, cellsWidth(add)]); } else overwrite(cells, k, add);
      changed = true;
    }
    if (last) changed = endOfLine(cells, drawn, lineLen, width, prefix) || changed;
    if (changed) out.rows[r] = fromCells(cells);
  });
  out.shift = (row, col) => (shifts[row] ?? []).reduce((n, [c, w]) => (c <= col ? n + w : n), 0);
  return out;
}

// eol chunks one space after the text (one space between marks), right_align ones at the right edge
// (after the eol text when they would cover it). Returns whether anything was drawn.
function endOfLine(cells: MarkCell[], drawn: readonly MarkView[], lineLen: number, width: number, prefix: number): boolean {
  const eol = drawn.filter((m) => m.decor.virtTextPos === "eol");
  const right = drawn.filter((m) => m.decor.virtTextPos === "right_align");
  if (eol.length === 0 && right.length === 0) return false;
  let at = cellAt(cells, lineLen, lineLen, true, prefix);
  if (at < 0) at = cells.length;
  const add: MarkCell[] = [];
  for (const m of eol) add.push({ g: " ", w: 1, style: undefined, src: -1 }, ...lineCells(m.decor.virtText));
  if (add.length > 0) { overwrite(cells, at, add); at += add.length; }
  for (const m of right) {
    const r = lineCells(m.decor.virtText);
    const used = cellsWidth(cells.slice(0, at));
    const col = Math.max(width - cellsWidth(r), used + (used > 0 ? 1 : 0));
    // Pad to the column, then draw; cells already there (padding) are overwritten.
    for (let w = cellsWidth(cells); w < col; w++) cells.push({ g: " ", w: 1, style: undefined, src: -1 });
    let k = 0;
    for (let w = 0; k < cells.length && w < col; k++) w += cells[k]!.w;
    overwrite(cells, k, r);
    at = k + r.length;
  }
  return true;
}

/** A sign gutter cell pair for a line (blank without a sign). */
export function signSpan(sign: DecoratedLine["sign"] | undefined): StyledLine {
  if (sign === undefined) return [{ text: " ".repeat(SIGN_WIDTH) }];
  const pad = " ".repeat(Math.max(0, SIGN_WIDTH - cellsWidth(chunkCells([{ text: sign.text }]))));
  return [sign.style ? { text: sign.text + pad, style: sign.style } : { text: sign.text + pad }];
}
