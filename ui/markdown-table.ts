// The table at the end of a streaming message (a model writing rows): appended text only adds or
// extends rows while each new line is still a row, so a delta lexes only the lines it touches
// (each with the header and delimiter, so marked splits and pads its cells as in the whole table)
// and the rows keep their lines until a column grows wider.
import type { Span } from "../engine/kernel/style.js";
import { cellWidths, marked, tableCells, tableRow, tableRule } from "./markdown.js";
import { hasPrefix, type StyledLine } from "./wrap-text.js";
import type { Tokens } from "marked";

/** An open table at the end of the text and what its last render keeps. */
export type TableMemo = {
  width: number;
  /** The text up to `rowsEnd` (the end of the last complete row line), which the next text must start with. */
  checked: string;
  head: StyledLine[];
  /** Header and delimiter lines, the alignment, and the column count. */
  top: string;
  align: (string | null)[];
  cols: number;
  rowsEnd: number;
  /** Cells of the header and of the complete rows (appended to in place), their column maxima. */
  cells: Span[][][];
  count: number;
  widths: number[];
  /** Lines of the first `lineCount` entries of `cells` at `lineWidths` (header, rule, rows). */
  lines: StyledLine[];
  lineWidths: number[];
  lineCount: number;
};

// One line lexed after the header and delimiter: its cells when marked reads it as one more row
// of this table, else null (a blank line, another block, or a different column count).
function rowCells(top: string, line: string, cols: number): Span[][] | null {
  const tokens = marked().lexer(top + line, { gfm: true });
  const t = tokens[0] as Tokens.Table | undefined;
  if (tokens.length !== 1 || t === undefined || t.type !== "table" || t.rows.length !== 1 || t.header.length !== cols) return null;
  return tableCells(t.rows[0]!);
}

// Empty spans dropped, as the whole-tail render does.
const clean = (l: StyledLine): StyledLine => (l.some((s) => s.text === "") ? l.filter((s) => s.text !== "") : l);

const maxInto = (into: number[], w: readonly number[]): number[] => into.map((x, i) => Math.max(x, w[i]!));

/**
 * Starts tracking a table that is the last block of `src` (its raw text starting at `start`);
 * null when it is not one this path handles (no complete header and delimiter, link definitions).
 */
export function openTable(src: string, start: number, raw: string, head: StyledLine[], width: number): { lines: StyledLine[]; memo: TableMemo } | null {
  const nl1 = raw.indexOf("\n");
  const nl2 = nl1 < 0 ? -1 : raw.indexOf("\n", nl1 + 1);
  if (nl2 < 0 || start + raw.length !== src.length) return null;
  const top = raw.slice(0, nl2 + 1);
  const tokens = marked().lexer(top, { gfm: true });
  const t = tokens[0] as Tokens.Table | undefined;
  if (tokens.length !== 1 || t === undefined || t.type !== "table") return null;
  const cols = t.header.length;
  const headCells = tableCells(t.header);
  const widths = cellWidths(headCells, cols).map((x) => Math.max(1, x));
  const memo: TableMemo = {
    width, checked: src.slice(0, start + top.length), head, top, align: t.align, cols, rowsEnd: start + top.length,
    cells: [headCells], count: 1, widths, lines: [], lineWidths: [], lineCount: 0,
  };
  return streamTable(src, width, memo);
}

/** The lines of `src` when it still ends in the table of `memo` (null: render the tail again). */
export function streamTable(src: string, width: number, memo: TableMemo): { lines: StyledLine[]; memo: TableMemo } | null {
  if (memo.width !== width || !hasPrefix(src, memo.checked)) return null;
  const parts = src.slice(memo.rowsEnd).split("\n");
  const cells = memo.cells.length === memo.count ? memo.cells : memo.cells.slice(0, memo.count);
  let widths = memo.widths;
  let rowsEnd = memo.rowsEnd;
  for (let i = 0; i < parts.length - 1; i++) {
    const row = rowCells(memo.top, parts[i]!, memo.cols);
    if (row === null) return null;
    cells.push(row);
    widths = maxInto(widths, cellWidths(row, memo.cols));
    rowsEnd += parts[i]!.length + 1;
  }
  const partial = parts[parts.length - 1]!;
  const last = partial === "" ? null : rowCells(memo.top, partial, memo.cols);
  if (partial !== "" && last === null) return null;
  const shown = last === null ? widths : maxInto(widths, cellWidths(last, memo.cols));
  // Rows keep their lines while the column widths they were drawn at hold.
  const same = memo.lineWidths.length === shown.length && memo.lineWidths.every((x, i) => x === shown[i]);
  let lines = same ? memo.lines : [];
  if (same && lines.length !== memo.lineCount + 1) lines = lines.slice(0, memo.lineCount + 1);
  let lineCount = same ? memo.lineCount : 0;
  for (; lineCount < cells.length; lineCount++) {
    lines.push(clean(tableRow(cells[lineCount]!, lineCount === 0, shown, memo.align, width)));
    if (lineCount === 0) lines.push(clean(tableRule(shown, width)));
  }
  const out = memo.head.concat(lines);
  if (last !== null) out.push(clean(tableRow(last, false, shown, memo.align, width)));
  const next: TableMemo = {
    ...memo, checked: rowsEnd === memo.rowsEnd ? memo.checked : src.slice(0, rowsEnd), rowsEnd, cells, count: cells.length, widths,
    lines, lineWidths: shown, lineCount,
  };
  return { lines: out, memo: next };
}
