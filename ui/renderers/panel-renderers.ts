// The optional panes of the stock layout: thinking (the latest reasoning, dim italic, showing its
// tail) and tools (one line per tool call with its state). Both size to content.
import type { Block } from "../../engine/kernel/block.js";
import type { Style } from "../../engine/kernel/style.js";
import { MarkLineCaches } from "../mark-line-cache.js";
import { truncate } from "../text-helpers.js";
import type { TextLines } from "../../engine/kernel/text-lines.js";
import { wrapGrowing, wrapGrowingAfter, type GrowMemo, type Trailing } from "../wrap-growing.js";
import type { StyledLine } from "../wrap-text.js";
import { tailRows } from "./text-marks.js";
import { argsSummary, toolStatus, type ToolStatus } from "./transcript-blocks.js";
import type { RenderInput, RenderOutput, WindowRenderer } from "./window-renderer.js";

const THINKING: Style = Object.freeze({ fg: "thinkingText", italic: true });
const ICON: Record<ToolStatus, { text: string; style: Style }> = {
  pending: { text: "… ", style: Object.freeze({ fg: "warning" }) },
  success: { text: "✓ ", style: Object.freeze({ fg: "success" }) },
  error: { text: "✗ ", style: Object.freeze({ fg: "error" }) },
};
const NAME: Style = Object.freeze({ bold: true });
const ARGS: Style = Object.freeze({ fg: "muted" });

type Wrapped = { key: string; lines: StyledLine[]; grow: GrowMemo; source?: TextLines; version: number };

/**
 * Keeps the last wrap of a buffer: panes re-render each frame but their text changes less often,
 * and when it changes it has usually grown at its end. Text held as lines is read from the lines
 * changed since the last wrap (TextLines.changesSince), never joined whole, so output streaming
 * into a pane costs the lines it adds however long it is (wrap-growing.ts wraps only new rows).
 */
class WrapMemo {
  // Per width: the layout measures a pane at one width and it is drawn at another.
  private readonly byWidth = new Map<number, Wrapped>();

  /** The lines of a buffer's text (or of `text()`) for (buffer, rev, width), wrapped when the key changes. */
  get(buffer: string, rev: number, width: number, text: TextLines | (() => string), style: Style | undefined, trailing: Trailing): StyledLine[] {
    const key = `${buffer}:${rev}`;
    const hit = this.byWidth.get(width);
    if (hit !== undefined && hit.key === key) return hit.lines;
    const source = typeof text === "function" ? undefined : text;
    const after = source !== undefined && hit !== undefined ? linesAfter(source, hit) : undefined;
    const out = after !== undefined ? wrapGrowingAfter(after, trailing, hit!.grow) : wrapGrowing(source?.toString() ?? (text as () => string)(), width, style, trailing, hit?.grow);
    if (hit === undefined && this.byWidth.size >= 2) this.byWidth.delete(this.byWidth.keys().next().value as number);
    this.byWidth.set(width, { key, lines: out.lines, grow: out.memo, ...(source === undefined ? {} : { source }), version: source?.version ?? 0 });
    return out.lines;
  }
}

const tail = (lines: StyledLine[], height: number): StyledLine[] => lines.slice(Math.max(0, lines.length - height));

// The text after the complete lines a wrap kept, when every change since it lies after them.
function linesAfter(source: TextLines, hit: Wrapped): string | undefined {
  if (hit.source !== source) return undefined;
  const changes = source.changesSince(hit.version);
  const done = hit.grow.completeLines;
  if (changes === undefined || changes.some((c) => c.line < done)) return undefined;
  return source.all().slice(done).join("\n");
}

/** The text of the thinking pane: the buffer's text, or else its blocks' text. */
function thinkingText(input: RenderInput): string {
  if (input.buffer.text !== "") return input.buffer.text;
  return input.buffer.blocks.slice(-1).map((b) => b.text).join("");
}

/** Stock renderer of the thinking role. */
export class ThinkingRenderer implements WindowRenderer {
  private readonly memo = new WrapMemo();
  // Per window: its lines as last drawn with their marks, so a frame decorates only changed lines.
  private readonly decorated = new MarkLineCaches();

  private lines(input: RenderInput, width: number): StyledLine[] {
    const b = input.buffer;
    if (b.lines.length > 0) return this.memo.get(b.name, b.rev, width, b.lines, THINKING, "all");
    const text = thinkingText(input);
    return text === "" ? [] : this.memo.get(b.name, b.rev, width, () => text, THINKING, "all");
  }

  /** The last rows of the thinking text. */
  render(input: RenderInput): RenderOutput {
    if (input.marks !== undefined && input.buffer.text !== "") return { lines: tailRows(input.buffer.text.replace(/\n+$/, ""), input.width, input.height, input.marks, THINKING, this.decorated.for(input.window.name)) };
    return { lines: tail(this.lines(input, input.width), input.height) };
  }

  /** All wrapped rows of the thinking text. */
  measure(input: RenderInput, width: number): number {
    return this.lines(input, width).length;
  }
}

function toolLine(b: Block, width: number): StyledLine {
  const icon = ICON[toolStatus(b)];
  const name = typeof b.metadata.name === "string" ? b.metadata.name : "tool";
  const line: StyledLine = [icon, { text: name, style: NAME }];
  const room = width - 3 - name.length;
  const summary = argsSummary(b.metadata);
  if (summary !== "" && room > 1) line.push({ text: " " + truncate(summary, room), style: ARGS });
  return line;
}

/** Stock renderer of the tools role: its tool blocks (the newest at the bottom), or its text. */
export class ToolsRenderer implements WindowRenderer {
  private readonly memo = new WrapMemo();
  // Per window: its lines as last drawn with their marks, so a frame decorates only changed lines.
  private readonly decorated = new MarkLineCaches();

  private lines(input: RenderInput, width: number, height: number): StyledLine[] {
    const blocks = input.buffer.blocks;
    if (blocks.length > 0) return blocks.slice(-Math.max(1, height)).map((b) => toolLine(b, width));
    // Output ending in a newline (an `echo` loop) would end in an empty row: drop one trailing newline.
    const text = input.buffer.lines;
    if (text.length === 0 || (text.length === 1 && text.lineCount === 2)) return [];
    return this.memo.get(input.buffer.name, input.buffer.rev, width, text, undefined, "one");
  }

  /** The newest tool lines that fit. */
  render(input: RenderInput): RenderOutput {
    if (input.marks !== undefined && input.buffer.blocks.length === 0 && input.buffer.text !== "") {
      const text = input.buffer.text;
      return { lines: tailRows(text.endsWith("\n") ? text.slice(0, -1) : text, input.width, input.height, input.marks, undefined, this.decorated.for(input.window.name)) };
    }
    return { lines: tail(this.lines(input, input.width, input.height), input.height) };
  }

  /** One row per tool block, or the wrapped text rows. */
  measure(input: RenderInput, width: number): number {
    const blocks = input.buffer.blocks.length;
    return blocks > 0 ? blocks : this.lines(input, width, Infinity).length;
  }
}
