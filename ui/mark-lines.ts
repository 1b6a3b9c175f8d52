// Several source lines' rows with their marks drawn, in order, with virtual lines between them and
// a sign gutter in front when the buffer has signs: the step the composer, the generic renderer
// and the panes share.
import type { MarkQuery, MarkView } from "../engine/kernel/extmarks.js";
import { decorateLine, SIGN_WIDTH, signSpan, type DecoratedLine } from "./mark-decorate.js";
import type { LineRows, MarkLineCache } from "./mark-line-cache.js";
import type { StyledLine } from "./wrap-text.js";

export type { LineRows } from "./mark-line-cache.js";

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

/** Draws the buffer's marks on lines (consecutive source lines, in order), with the sign column
 *  when the buffer has signs. With a cache, only lines whose text, width or marks changed since it
 *  last drew them are decorated; without, every line is. */
export function markLines(lines: readonly LineRows[], marks: MarkQuery, width: number, prefix: number, cache?: MarkLineCache): MarkedRows {
  if (lines.length === 0) return { rows: [], at: [], lines: [] };
  const first = lines[0]!.line;
  const last = lines[lines.length - 1]!.line;
  if (cache !== undefined) return stack(cache.decorateLines(lines, marks, width, prefix), marks.signs);
  const byLine = marksByLine(marks.lines(first, last), first, last);
  return stack(lines.map((l) => decorateLine(l.rows(), l.line, l.text, byLine.get(l.line) ?? [], width, prefix)), marks.signs);
}

/** Decorated lines one under another: virtual lines above and below each, `gutter` adds the sign column. */
function stack(decorated: readonly DecoratedLine[], gutter: boolean): MarkedRows {
  const out: MarkedRows = { rows: [], at: [], lines: [] };
  const g = (row: StyledLine, sign?: StyledLine): StyledLine => (gutter ? [...(sign ?? BLANK_GUTTER), ...row] : row);
  for (const d of decorated) {
    out.lines.push(d);
    for (const v of d.above) out.rows.push(g(v));
    const at: number[] = [];
    for (let r = 0; r < d.rows.length; r++) {
      at.push(out.rows.length);
      out.rows.push(g(d.rows[r]!, r === 0 ? signSpan(d.sign) : undefined));
    }
    out.at.push(at);
    for (const v of d.below) out.rows.push(g(v));
  }
  return out;
}
