// The composer's rows when its buffer has extmarks: the wrapped lines on screen (and the rest of
// the source lines they belong to) decorated, virtual lines and a sign gutter added, then the
// window moved as little as needed to keep the cursor's row in view.
import type { MarkQuery } from "../../engine/kernel/extmarks.js";
import { markLines, type LineRows } from "../mark-lines.js";
import { SIGN_WIDTH } from "../mark-decorate.js";
import type { OffsetLine } from "../wrap-text.js";
import type { RenderOutput } from "./window-renderer.js";

/** The wrap the composer computed: rows with code-point ranges, and the cursor's row and column. */
export type ComposerLayout = { lines: OffsetLine[]; row: number; col: number };

/** Cells the gutter takes when the buffer has signs. */
export const gutterWidth = (marks: MarkQuery | undefined): number => (marks?.signs ? SIGN_WIDTH : 0);

/**
 * The visible rows from `top` (a row of `lay`), `height` tall, with marks drawn; `pad` cells come
 * before the text. The cursor stays in view even when virtual lines push it down.
 */
export function markedComposer(text: string, cursor: number, lay: ComposerLayout, top: number, height: number, width: number, pad: number, marks: MarkQuery): RenderOutput {
  // Source line of each row, and the offset where each line starts.
  const lineOf: number[] = [];
  const starts: number[] = [0];
  let line = 0;
  for (const l of lay.lines) {
    lineOf.push(line);
    if (l.hard) { line++; starts.push(l.end + 1); }
  }
  const last = Math.min(lay.lines.length - 1, top + Math.max(1, height) - 1);
  const first = lineOf[top] ?? 0;
  const lastLine = lineOf[Math.max(last, Math.min(lay.row, lay.lines.length - 1))] ?? first;
  const sources = text.split("\n");
  const groups: LineRows[] = [];
  const rowStart: number[] = [];
  for (let r = 0; r < lay.lines.length; r++) {
    const l = lineOf[r]!;
    if (l < first || l > lastLine) continue;
    if (groups.length === 0 || groups[groups.length - 1]!.line !== l) { groups.push({ line: l, text: sources[l] ?? "", rows: [] }); rowStart.push(r); }
    groups[groups.length - 1]!.rows.push([{ text: " ".repeat(pad) + lay.lines[r]!.text }]);
  }
  const gutter = marks.signs;
  const m = markLines(groups, marks.lines(first, lastLine), width + pad, pad, gutter);
  const outOf = (r: number): number => {
    const g = groups.findIndex((x) => x.line === lineOf[r]);
    return g < 0 ? 0 : m.at[g]![r - rowStart[g]!]!;
  };
  const beyond = lay.row >= lay.lines.length;
  const curRow = beyond ? outOf(lay.lines.length - 1) + 1 : outOf(lay.row);
  const firstLineTop = rowStart[0] === top ? 0 : outOf(top);
  let start = Math.min(firstLineTop, curRow);
  if (curRow - start >= height) start = curRow - height + 1;
  const curLine = beyond ? lineOf[lay.lines.length - 1]! : lineOf[lay.row]!;
  const g = groups.findIndex((x) => x.line === curLine);
  const rowInLine = beyond ? 0 : lay.row - rowStart[g]!;
  const shift = g < 0 || beyond ? 0 : m.lines[g]!.shift(rowInLine, cursor - starts[curLine]!);
  const rows = m.rows.slice(start, start + Math.max(0, height));
  return { lines: rows, cursor: { row: curRow - start, col: (gutter ? SIGN_WIDTH : 0) + pad + lay.col + shift } };
}
