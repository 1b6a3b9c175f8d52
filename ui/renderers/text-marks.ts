// Wrapped text with its extmarks drawn, for the renderers that show a buffer's text as it is
// (generic windows from the top, the thinking and tools panes from the bottom). Only the lines
// that can be visible are wrapped and only their marks are asked for.
import type { MarkQuery } from "../../engine/kernel/extmarks.js";
import type { Style } from "../../engine/kernel/style.js";
import { SIGN_WIDTH } from "../mark-decorate.js";
import type { MarkLineCache } from "../mark-line-cache.js";
import { markLines, type LineRows } from "../mark-lines.js";
import { wrapSpans, type StyledLine } from "../wrap-text.js";

function rowsOf(text: string, width: number, style: Style | undefined): StyledLine[] {
  if (text === "") return [[]];
  return wrapSpans([style === undefined ? { text } : { text, style }], width);
}

/** The first `height` rows of text wrapped to width, marks drawn (lines unchanged since the
 *  cache last saw them are not decorated again; one cache per window and style). */
export function headRows(text: string, width: number, height: number, marks: MarkQuery, style?: Style, cache?: MarkLineCache): StyledLine[] {
  const inner = Math.max(1, width - (marks.signs ? SIGN_WIDTH : 0));
  const lines: LineRows[] = [];
  let rows = 0;
  let at = 0;
  for (let line = 0; rows < height && at <= text.length; line++) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    const t = text.slice(at, end);
    const r = rowsOf(t, inner, style);
    lines.push({ line, text: t, rows: () => r });
    rows += r.length;
    at = end + 1;
  }
  if (lines.length === 0) return [];
  return markLines(lines, marks, inner, 0, cache).rows.slice(0, height);
}

/** The last `height` rows of text wrapped to width, marks drawn (the cache as for headRows). */
export function tailRows(text: string, width: number, height: number, marks: MarkQuery, style?: Style, cache?: MarkLineCache): StyledLine[] {
  const inner = Math.max(1, width - (marks.signs ? SIGN_WIDTH : 0));
  const src = text.split("\n");
  const lines: LineRows[] = [];
  let rows = 0;
  for (let line = src.length - 1; line >= 0 && rows < height; line--) {
    const r = rowsOf(src[line]!, inner, style);
    lines.unshift({ line, text: src[line]!, rows: () => r });
    rows += r.length;
  }
  if (lines.length === 0) return [];
  const out = markLines(lines, marks, inner, 0, cache).rows;
  return out.slice(Math.max(0, out.length - height));
}
