// Plain text wrapped the way a terminal chat shows command output and typed lists: a wrapped line
// continues under the text after its indent, its bullet (`- `, `• `, `1. `) or its label column
// (`  /fork     branch from ...`, `Keys:  ...`: a label followed by two or more spaces), never at
// column 0. Markdown keeps its own list indents (markdown.ts); this is for system lines, errors and
// typed messages.
import type { Style } from "../engine/kernel/style.js";
import { textWidth } from "./text-measure.js";
import { wrapSpans, type StyledLine } from "./wrap-text.js";

/** A hang wider than this share of the width is ignored: the text would be a narrow column. */
const MAX_HANG_SHARE = 0.5;

// `  - `, `• `, `12. `, `3) ` before a word.
const BULLET = /^[ \t]*(?:[-*+•◦▪]|\d{1,3}[.)])[ \t]+(?=\S)/;
// An indented label (it may hold single spaces: `  ctrl+j, shift+enter  `), then 2+ spaces.
const INDENTED_LABEL = /^[ \t]+\S+(?: \S+)*? {2,}(?=\S)/;
// An unindented label is one word (`/fork  `, `Keys:  `): prose with a double space keeps its wrap.
const WORD_LABEL = /^\S+ {2,}(?=\S)/;
const INDENT = /^[ \t]+(?=\S)/;

/** The prefix (as code units) a wrapped `line` hangs under: bullet, label column or indent; 0 for none. */
export function hangPrefix(line: string): number {
  const m = BULLET.exec(line) ?? INDENTED_LABEL.exec(line) ?? WORD_LABEL.exec(line) ?? INDENT.exec(line);
  return m ? m[0].length : 0;
}

/** `text` wrapped to `width` cells in `style`, each line's continuations hung under its prefix (hangPrefix). */
export function wrapHanging(text: string, width: number, style?: Style): StyledLine[] {
  const w = Math.max(1, Math.floor(width));
  const span = (t: string) => (style ? { text: t, style } : { text: t });
  const out: StyledLine[] = [];
  for (const line of text.split("\n")) {
    const cut = hangPrefix(line);
    const hang = cut > 0 ? textWidth(line.slice(0, cut)) : 0;
    // Short lines and lines without a prefix wrap as before.
    if (hang === 0 || hang > w * MAX_HANG_SHARE || textWidth(line) <= w) {
      out.push(...wrapSpans([span(line)], w));
      continue;
    }
    const pad = " ".repeat(hang);
    wrapSpans([span(line.slice(cut))], w - hang).forEach((l, i) => out.push([span(i === 0 ? line.slice(0, cut) : pad), ...l]));
  }
  return out;
}
