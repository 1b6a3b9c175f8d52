// Any role without a stock renderer: the buffer's text wrapped to the content box, top-aligned.
import { textWidth } from "../text-measure.js";
import { wrapText } from "../wrap-text.js";
import type { RenderInput, RenderOutput, WindowRenderer } from "./window-renderer.js";

/** Stock renderer for roles that have none of their own. */
export class GenericRenderer implements WindowRenderer {
  render(input: RenderInput): RenderOutput {
    if (input.buffer.text === "" || input.height <= 0) return { lines: [] };
    return { lines: wrapText(input.buffer.text, input.width).slice(0, input.height).map((t) => (t === "" ? [] : [{ text: t }])) };
  }

  measure(input: RenderInput, width: number): number {
    return input.buffer.text === "" ? 0 : wrapText(input.buffer.text, width).length;
  }
}

/** Widest line of a buffer's text (for a window whose width is "content"). */
export function textContentWidth(text: string): number {
  let w = 0;
  for (const l of text.split("\n")) w = Math.max(w, textWidth(l));
  return w;
}
