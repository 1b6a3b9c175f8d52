// Line starts of a text in code points, so (line, col) positions and offsets convert in O(log n).
import { cpLength, hasSurrogates } from "./code-points.js";

/** A 0-based (line, col) position; col counts code points. */
export type Pos = { line: number; col: number };

/** The code-point offset where each line of text starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  const surrogates = hasSurrogates(text);
  let at = 0;
  let cp = 0;
  for (;;) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) break;
    cp += surrogates ? cpLength(text.slice(at, nl)) + 1 : nl - at + 1;
    starts.push(cp);
    at = nl + 1;
  }
  return starts;
}

/** Code points on line `line` (without its newline). */
export function lineLength(starts: readonly number[], total: number, line: number): number {
  const next = line + 1 < starts.length ? starts[line + 1]! - 1 : total;
  return next - starts[line]!;
}

/** The offset of a position: a line past the last (or negative) means the end of the text, a col
 *  past the line's end (or negative) the end of the line. */
export function toOffset(starts: readonly number[], total: number, p: Pos): number {
  if (p.line < 0 || p.line >= starts.length) return total;
  const len = lineLength(starts, total, p.line);
  return starts[p.line]! + (p.col < 0 ? len : Math.min(p.col, len));
}

/** The position of an offset. */
export function toPos(starts: readonly number[], off: number): Pos {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, col: off - starts[lo]! };
}
