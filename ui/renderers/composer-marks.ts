// The composer's rows when its buffer has extmarks: the wrapped lines on screen (and the rest of
// the source lines they belong to) decorated, virtual lines and a sign gutter added, then the
// window moved as little as needed to keep the cursor's row in view. Only the source lines in
// view are read and decorated: a key costs the lines on screen, not the whole text.
import type { MarkQuery } from "../../engine/kernel/extmarks.js";
import type { TextLines } from "../../engine/kernel/text-lines.js";
import type { ComposerLayout } from "../composer-layout.js";
import type { MarkLineCache } from "../mark-line-cache.js";
import { markLines, type LineRows } from "../mark-lines.js";
import { SIGN_WIDTH } from "../mark-decorate.js";
import type { RenderOutput } from "./window-renderer.js";

/** Cells the gutter takes when the buffer has signs. */
export const gutterWidth = (marks: MarkQuery | undefined): number => (marks?.signs ? SIGN_WIDTH : 0);

/**
 * The visible rows from `top` (a row of `lay`), `height` tall, with marks drawn; `pad` cells come
 * before the text. The cursor stays in view even when virtual lines push it down. A cache keeps
 * the decorated lines between frames (one per window: its rows follow from text, width and pad).
 */
export function markedComposer(src: TextLines, cursor: number, lay: ComposerLayout, top: number, height: number, width: number, pad: number, marks: MarkQuery, cache?: MarkLineCache): RenderOutput {
  const { wraps } = lay;
  // The source line holding visual row `top`, and the visual row where it starts.
  let first = 0;
  let firstRow = 0;
  while (first < wraps.length - 1 && firstRow + wraps[first]!.length <= top) firstRow += wraps[first++]!.length;
  // Every source line from there down to the last visible row or the cursor's row, whichever is lower.
  const want = Math.max(top + Math.max(1, height) - 1, lay.row);
  const groups: LineRows[] = [];
  const rowStart: number[] = [];
  let row = firstRow;
  for (let l = first; l < wraps.length && (l === first || row <= want); l++) {
    rowStart.push(row);
    const wrap = wraps[l]!;
    groups.push({ line: l, text: src.line(l), rows: () => wrap.map((w) => [{ text: " ".repeat(pad) + w.text }]) });
    row += wraps[l]!.length;
  }
  // The cursor is past the last row (it opened a row at the end) when lay.row is beyond them all.
  const beyond = groups[groups.length - 1]!.line === wraps.length - 1 && lay.row >= row;
  const m = markLines(groups, marks, width + pad, pad, cache);
  const groupOf = (r: number): number => {
    let g = groups.length - 1;
    while (g > 0 && rowStart[g]! > r) g--;
    return g;
  };
  const outOf = (r: number): number => {
    const g = groupOf(r);
    return m.at[g]![Math.min(r - rowStart[g]!, m.at[g]!.length - 1)]!;
  };
  const curRow = beyond ? outOf(row - 1) + 1 : outOf(lay.row);
  const firstLineTop = firstRow === top ? 0 : outOf(top);
  let start = Math.min(firstLineTop, curRow);
  if (curRow - start >= height) start = curRow - height + 1;
  const g = beyond ? groups.length - 1 : groupOf(lay.row);
  const rowInLine = beyond ? 0 : lay.row - rowStart[g]!;
  const shift = beyond ? 0 : m.lines[g]!.shift(rowInLine, cursor - src.lineStart(groups[g]!.line));
  const rows = m.rows.slice(start, start + Math.max(0, height));
  return { lines: rows, cursor: { row: curRow - start, col: (marks.signs ? SIGN_WIDTH : 0) + pad + lay.col + shift } };
}
