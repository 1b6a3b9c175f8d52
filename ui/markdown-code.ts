// Fenced code in markdown: a block's lines (the fence line, each code line highlighted and wrapped
// with its indentation kept, the closing fence), and the same for a fence that a stream is still
// writing, where the lines already complete are highlighted and wrapped once and kept.
import type { Style } from "../engine/kernel/style.js";
import { codeLanguage, highlightGrowing, type HighlightMemo } from "./syntax-highlight.js";
import { wrapSpans, type StyledLine } from "./wrap-text.js";

/**
 * What a growing code block keeps: its language and width, the highlight of its settled lines,
 * and the wrapped rows of the first `rowLines` lines (`rows`, appended to in place).
 */
export type CodeMemo = { info: string; lang: string | null; width: number; hl?: HighlightMemo; rows: StyledLine[]; rowCount: number; rowLines: number };

/** The lines a code block draws: `lines` of code at `width`, with the fences. */
export type CodeInput = { info: string | undefined; lines: string[]; complete: number; closed: boolean; width: number; fence: Style; plain: Style };

/**
 * A code block's lines. With `memo` (the last render of the same block while it grew), the first
 * `complete` code lines are known not to have changed: their highlight and rows are reused and
 * only the rest is highlighted and wrapped. Gives the same lines with or without the memo.
 */
export function renderCode(input: CodeInput, memo?: CodeMemo): { lines: StyledLine[]; memo: CodeMemo } {
  const { lines, complete, width } = input;
  const info = input.info ?? "";
  const lang = codeLanguage(info);
  const room = Math.max(1, width - 2);
  const same = memo !== undefined && memo.info === info && memo.width === width && memo.rowLines <= complete;
  const hl = highlightGrowing(lines, complete, lang, same ? memo!.hl : undefined);
  let rows = same ? memo!.rows : [];
  if (same && rows.length !== memo!.rowCount) rows = rows.slice(0, memo!.rowCount);
  let rowLines = same ? memo!.rowLines : 0;
  const settled = hl.memo.count;
  const body = (l: StyledLine, to: StyledLine[]) => {
    for (const w of wrapSpans(l, room)) to.push([{ text: "  ", style: input.plain }, ...w]);
  };
  // Rows of lines whose highlight has settled never change again: wrapped once, kept.
  for (; rowLines < settled; rowLines++) body(hl.lines[rowLines]!, rows);
  const out: StyledLine[] = [[{ text: "```" + info, style: input.fence }]];
  for (const r of rows) out.push(r);
  for (let i = rowLines; i < hl.lines.length; i++) body(hl.lines[i]!, out);
  if (input.closed) out.push([{ text: "```", style: input.fence }]);
  return { lines: out, memo: { info, lang, width, hl: hl.memo, rows, rowCount: rows.length, rowLines } };
}
