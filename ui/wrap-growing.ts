// Wrapping text that grows at its end (thinking, tool output, a plain message while it streams):
// each complete logical line is wrapped once and its rows kept; only the last line is wrapped
// again, itself from its last unchanged row (wrapSpansIncremental), so a delta costs about one row.
import type { Style } from "../engine/kernel/style.js";
import { hasPrefix, wrapSpans, wrapSpansIncremental, type StyledLine, type WrapMemo } from "./wrap-text.js";

/** What wrapGrowing keeps: the rows of the complete lines of `checked` and the last line's wrap. */
export type GrowMemo = {
  width: number; style: Style | undefined; checked: string; rows: StyledLine[]; rowCount: number;
  /** Rows up to the end of the last complete line that is not empty. */
  contentRows: number; completeLines: number; last?: WrapMemo;
};

/**
 * Trailing newlines: `keep` wraps them as empty rows (wrapSpans), `one` drops one, `all` drops
 * them all (text.replace(/\n+$/, "")).
 */
export type Trailing = "keep" | "one" | "all";

/**
 * wrapSpans([{ text, style }], width) with trailing newlines handled as `trailing` says, reusing
 * `memo` when the text starts with what it saw: gives the same rows with or without the memo.
 */
export function wrapGrowing(text: string, width: number, style: Style | undefined, trailing: Trailing, memo?: GrowMemo): { lines: StyledLine[]; memo: GrowMemo } {
  const w = Math.max(1, Math.floor(width));
  const reuse = memo !== undefined && memo.width === w && memo.style === style && hasPrefix(text, memo.checked);
  let rows = reuse ? memo!.rows : [];
  if (reuse && rows.length !== memo!.rowCount) rows = rows.slice(0, memo!.rowCount);
  let pos = reuse ? memo!.checked.length : 0;
  let contentRows = reuse ? memo!.contentRows : 0;
  let completeLines = reuse ? memo!.completeLines : 0;
  const start = pos;
  for (let nl = text.indexOf("\n", pos); nl >= 0; nl = text.indexOf("\n", pos)) {
    const line = text.slice(pos, nl);
    // Rows are appended in place: the memo passed in is not used again (a stale one is cut back).
    for (const r of wrapSpans(style === undefined ? [{ text: line }] : [{ text: line, style }], w)) rows.push(r);
    if (line !== "") contentRows = rows.length;
    completeLines++;
    pos = nl + 1;
  }
  const lastText = text.slice(pos);
  const last = wrapSpansIncremental(style === undefined ? [{ text: lastText }] : [{ text: lastText, style }], w, reuse && pos === start ? memo!.last : undefined);
  const checked = pos === start && reuse ? memo!.checked : text.slice(0, pos);
  const next: GrowMemo = { width: w, style, checked, rows, rowCount: rows.length, contentRows, completeLines, last: last.memo };
  if (lastText === "" && completeLines > 0 && trailing !== "keep") {
    if (trailing === "all") return { lines: rows.slice(0, contentRows), memo: next };
    return { lines: rows.slice(), memo: next };
  }
  return { lines: rows.length === 0 ? last.lines : rows.concat(last.lines), memo: next };
}
