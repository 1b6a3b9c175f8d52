// Any role without a stock renderer: the buffer's text wrapped to the content box, top-aligned.
import { textWidth } from "../text-measure.js";
import { wrapText } from "../wrap-text.js";
import { SIGN_WIDTH } from "../mark-decorate.js";
import { MarkLineCaches } from "../mark-line-cache.js";
import { headRows } from "./text-marks.js";
import type { RenderInput, RenderOutput, StyledLine, WindowRenderer } from "./window-renderer.js";

/** Stock renderer for roles that have none of their own. */
export class GenericRenderer implements WindowRenderer {
  // Per window: its lines as last drawn with their marks, so a frame decorates only changed lines.
  private readonly decorated = new MarkLineCaches();

  /** The wrapped text rows that fit, from the top. */
  render(input: RenderInput): RenderOutput {
    const { width, height } = input;
    const text = input.buffer.text;
    const lines: StyledLine[] = [];
    if (text === "") return { lines };
    if (input.marks !== undefined) return { lines: headRows(text, width, height, input.marks, undefined, this.decorated.for(input.window.name)) };
    // Top-aligned: wrap source lines only until the box is full, however long the buffer is.
    let at = 0;
    while (lines.length < height && at <= text.length) {
      const nl = text.indexOf("\n", at);
      const end = nl < 0 ? text.length : nl;
      for (const t of wrapText(text.slice(at, end), width)) {
        if (lines.length >= height) break;
        lines.push(t === "" ? [] : [{ text: t }]);
      }
      at = end + 1;
    }
    return { lines };
  }

  /** All wrapped rows of the text. */
  measure(input: RenderInput, width: number): number {
    if (input.buffer.text === "") return 0;
    // Marks add only their virtual lines (inline text is clipped, not wrapped) and a gutter.
    if (input.marks !== undefined) return wrapText(input.buffer.text, Math.max(1, width - (input.marks.signs ? SIGN_WIDTH : 0))).length + input.marks.virtRows;
    return wrapText(input.buffer.text, width).length;
  }
}

/** Widest line of a buffer's text (for a window whose width is "content"). */
export function textContentWidth(text: string): number {
  let w = 0;
  for (const l of text.split("\n")) w = Math.max(w, textWidth(l));
  return w;
}
