// Several source lines' rows with their marks drawn, in order, with virtual lines between them and
// a sign gutter in front when the buffer has signs: the step the composer, the generic renderer
// and the panes share.
import type { MarkView } from "../engine/kernel/extmarks.js";
import { decorateLine, SIGN_WIDTH, signSpan, type DecoratedLine } from "./mark-decorate.js";
import type { StyledLine } from "./wrap-text.js";

/** One source line: its number, its text and the rows it wraps into. */
export type LineRows = { line: number; text: string; rows: StyledLine[] };

/** The rows to show; `at[i][r]` is where row r of input line i ended up. */
export type MarkedRows = { rows: StyledLine[]; at: number[][]; lines: DecoratedLine[] };

const BLANK_GUTTER: StyledLine = [{ text: " ".repeat(SIGN_WIDTH) }];

/** Marks by line, for lines [first, last]: a mark goes to every line it touches. */
export function marksByLine(marks: readonly MarkView[], first: number, last: number): Map<number, MarkView[]> {
  const out = new Map<number, MarkView[]>();
  for (const m of marks) {
    const to = Math.min(last, m.end?.line ?? m.line);
    for (let l = Math.max(first, m.line); l <= to; l++) {
      let list = out.get(l);
      if (list === undefined) out.set(l, (list = []));
      list.push(m);
    }
  }
  return out;
}

/** Draws marks on lines (consecutive source lines, in order); `gutter` adds the sign column. */
export function markLines(lines: readonly LineRows[], marks: readonly MarkView[], width: number, prefix: number, gutter: boolean): MarkedRows {
  const out: MarkedRows = { rows: [], at: [], lines: [] };
  if (lines.length === 0) return out;
  const byLine = marksByLine(marks, lines[0]!.line, lines[lines.length - 1]!.line);
  const g = (row: StyledLine, sign?: StyledLine): StyledLine => (gutter ? [...(sign ?? BLANK_GUTTER), ...row] : row);
  for (const l of lines) {
    const d = decorateLine(l.rows, l.line, l.text, byLine.get(l.line) ?? [], width, prefix);
    out.lines.push(d);
    for (const v of d.above) out.rows.push(g(v));
    const at: number[] = [];
    d.rows.forEach((row, r) => {
      at.push(out.rows.length);
      out.rows.push(g(row, r === 0 ? signSpan(d.sign) : undefined));
    });
    out.at.push(at);
    for (const v of d.below) out.rows.push(g(v));
  }
  return out;
}
