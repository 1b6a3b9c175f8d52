// Wrapping text that grows at its end (thinking, tool output, a plain message while it streams):
// each complete logical line is wrapped once and its rows kept; only the last line is wrapped
// again, itself from its last unchanged row (wrapSpansIncremental), so a delta costs about one row.
import type { Style } from "../engine/kernel/style.js";
import type { StreamText } from "./stream-text.js";
import { hasPrefix, wrapAppendLast, wrapSpans, wrapSpansIncremental, type StyledLine, type WrapMemo } from "./wrap-text.js";

/** What wrapGrowing keeps: the rows of the complete lines of `checked` and the last line's wrap. */
export type GrowMemo = {
  width: number; style: Style | undefined; checked: string; rows: StyledLine[]; rowCount: number;
  /** Rows up to the end of the last complete line that is not empty. */
  contentRows: number; completeLines: number; last?: WrapMemo;
  /** The text after `checked` (the line still being written). */
  pending: string;
};

/**
 * Trailing newlines: `keep` wraps them as empty rows (wrapSpans), `one` drops one, `all` drops
 * them all (text.replace(/\n+$/, "")).
 */
export type Trailing = "keep" | "one" | "all";

/**
 * wrapSpans([{ text, style }], width) with trailing newlines handled as `trailing` says, reusing
 * `memo` when the text starts with what it saw: gives the same rows with or without the memo.
 * Given what was appended since the memo's text (`Appended`), the whole text is read only when
 * the memo was made at another width or style.
 */
export function wrapGrowing(text: StreamText, width: number, style: Style | undefined, trailing: Trailing, memo?: GrowMemo): { lines: StyledLine[]; memo: GrowMemo } {
  const w = Math.max(1, Math.floor(width));
  const fits = memo !== undefined && memo.width === w && memo.style === style;
  if (typeof text !== "string") {
    if (fits) return grow(memo!.pending + text.appended, text.appended, w, style, trailing, memo!);
    text = text.whole();
  }
  if (fits && hasPrefix(text, memo!.checked)) return grow(text.slice(memo!.checked.length), undefined, w, style, trailing, memo!);
  return grow(text, undefined, w, style, trailing, undefined);
}

/**
 * wrapGrowing of the memo's complete lines (`checked`) followed by `after`: for text held as
 * lines (TextLines), where what changed since the memo lies after its complete lines.
 */
export function wrapGrowingAfter(after: string, trailing: Trailing, memo: GrowMemo): { lines: StyledLine[]; memo: GrowMemo } {
  const appended = hasPrefix(after, memo.pending) ? after.slice(memo.pending.length) : undefined;
  return grow(after, appended, memo.width, memo.style, trailing, memo);
}

/**
 * wrapGrowing of the complete lines in `checked` plus `after`, the text after them; `appended`
 * (the end of `after`, when known) lets a long last line re-wrap from its last row alone.
 */
function grow(after: string, appended: string | undefined, w: number, style: Style | undefined, trailing: Trailing, memo: GrowMemo | undefined): { lines: StyledLine[]; memo: GrowMemo } {
  const reuse = memo !== undefined;
  let rows = reuse ? memo!.rows : [];
  if (reuse && rows.length !== memo!.rowCount) rows = rows.slice(0, memo!.rowCount);
  let contentRows = reuse ? memo!.contentRows : 0;
  let completeLines = reuse ? memo!.completeLines : 0;
  let pos = 0;
  for (let nl = after.indexOf("\n"); nl >= 0; nl = after.indexOf("\n", pos)) {
    const line = after.slice(pos, nl);
    // Rows are appended in place: the memo passed in is not used again (a stale one is cut back).
    for (const r of wrapSpans(style === undefined ? [{ text: line }] : [{ text: line, style }], w)) rows.push(r);
    if (line !== "") contentRows = rows.length;
    completeLines++;
    pos = nl + 1;
  }
  const lastText = pos === 0 ? after : after.slice(pos);
  const prevLast = reuse && pos === 0 ? memo!.last : undefined;
  // The line being written only grew: wrap from its last row (never reading the whole line).
  const appendedLast = prevLast !== undefined && appended !== undefined && appended !== "" ? wrapAppendLast(prevLast, appended) : undefined;
  const last = appendedLast ?? wrapSpansIncremental(style === undefined ? [{ text: lastText }] : [{ text: lastText, style }], w, prevLast);
  const checked = pos === 0 && reuse ? memo!.checked : (reuse ? memo!.checked : "") + after.slice(0, pos);
  const next: GrowMemo = { width: w, style, checked, rows, rowCount: rows.length, contentRows, completeLines, last: last.memo, pending: lastText };
  if (lastText === "" && completeLines > 0 && trailing !== "keep") {
    if (trailing === "all") return { lines: rows.slice(0, contentRows), memo: next };
    return { lines: rows.slice(), memo: next };
  }
  return { lines: rows.length === 0 ? last.lines : rows.concat(last.lines), memo: next };
}
