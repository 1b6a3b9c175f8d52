// The contract between the compositor ("where": boxes, z order, clipping) and a renderer ("what":
// the lines of one window's content box).
import type { BufferRecord } from "../../engine/kernel/buffer-store.js";
import type { MarkQuery } from "../../engine/kernel/extmarks.js";
import type { Span, Style } from "../../engine/kernel/style.js";
import type { WindowRecord } from "../../engine/kernel/window-store.js";
import { textWidth } from "../text-measure.js";
import type { Theme } from "../theme.js";
import type { StyledLine } from "../wrap-text.js";

export type { StyledLine } from "../wrap-text.js";

/** What a renderer gets: the window and its buffer, the content box size, focus, the theme. */
export type RenderInput = {
  window: WindowRecord;
  buffer: BufferRecord;
  /** Content box width and height in cells. */
  width: number;
  height: number;
  focused: boolean;
  theme: Theme;
  /** The buffer's extmarks (absent: it has none). */
  marks?: MarkQuery;
};

/** Lines drawn outside the window, above its top edge (the composer's completion menu). */
export type Popup = { lines: StyledLine[] };

/** A renderer's result: rows from the content box's top (extra rows and columns are clipped). */
export type RenderOutput = {
  lines: StyledLine[];
  /** Cursor in content-box cells, shown when the window is focused. */
  cursor?: { row: number; col: number };
  popup?: Popup;
};

/** Paints one window's content; `measure` gives the content height at a width ("content" sizes). */
export interface WindowRenderer {
  render(input: RenderInput): RenderOutput;
  measure?(input: RenderInput, width: number): number;
}

/** Width of a styled line in cells. */
export function lineWidth(line: StyledLine): number {
  let w = 0;
  for (const s of line) w += textWidth(s.text);
  return w;
}

/** Pads a line with spaces in `style` to `width` cells (a background that spans the row). */
export function padLine(line: StyledLine, width: number, style?: Style): StyledLine {
  const gap = width - lineWidth(line);
  if (gap <= 0) return line;
  const pad: Span = style === undefined ? { text: " ".repeat(gap) } : { text: " ".repeat(gap), style };
  return [...line, pad];
}

/** Gives every span of a line a background (keeping its own when it has one). */
export function withBackground(line: StyledLine, bg: string): StyledLine {
  return line.map((s) => (s.style?.bg !== undefined ? s : { text: s.text, style: { ...s.style, bg } }));
}
