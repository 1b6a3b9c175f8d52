// The composer: multi-line text with a cursor, word-wrapped, scrolled to keep the cursor in view,
// a placeholder when empty, and the slash-command completion menu drawn above it.
import type { Style } from "../../engine/kernel/style.js";
import { textWidth } from "../text-measure.js";
import { padRight, truncate } from "../text-helpers.js";
import { wrapWithOffsets, type OffsetLine } from "../wrap-text.js";
import { gutterWidth, markedComposer } from "./composer-marks.js";
import { padLine, type Popup, type RenderInput, type RenderOutput, type StyledLine, type WindowRenderer } from "./window-renderer.js";

export const DEFAULT_PLACEHOLDER = "Type a message (/ for commands)";
/** Completion items shown at once; the list scrolls to keep the selection visible. */
export const COMPLETION_ROWS = 8;
/** Blank cells left of the text, so it does not touch the border. */
const PAD = 1;

const PLACEHOLDER_STYLE: Style = Object.freeze({ fg: "dim", italic: true });
const ITEM_STYLE: Style = Object.freeze({ bg: "selectedBg" });
const ITEM_NAME: Style = Object.freeze({ fg: "accent" });
const ITEM_DESC: Style = Object.freeze({ fg: "muted" });
const SELECTED_NAME: Style = Object.freeze({ fg: "accent", bg: "selectedBg", bold: true });
const SELECTED_DESC: Style = Object.freeze({ fg: "text", bg: "selectedBg" });

type Layout = { lines: OffsetLine[]; row: number; col: number; rows: number };

/** Visual lines and the cursor's (row, col); a cursor past the right edge opens a new row. */
function layoutText(text: string, cursor: number, width: number): Layout {
  const lines = wrapWithOffsets(text, width);
  let row = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    // A soft break's end offset is also the next line's start: the cursor belongs to the next line.
    if (cursor >= l.start && (cursor < l.end || (cursor === l.end && l.hard))) { row = i; break; }
  }
  const line = lines[row]!;
  let col = textWidth(Array.from(line.text).slice(0, Math.max(0, cursor - line.start)).join(""));
  if (col >= width) { row += 1; col = 0; }
  return { lines, row, col, rows: Math.max(lines.length, row + 1) };
}

type CompletionItem = { name: string; desc: string };

function readItems(value: unknown): { items: CompletionItem[]; selected: number } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as { items?: unknown; selected?: unknown };
  if (!Array.isArray(v.items) || v.items.length === 0) return undefined;
  const items = v.items.map((it): CompletionItem => {
    if (typeof it === "string") return { name: it, desc: "" };
    const o = (it ?? {}) as { name?: unknown; label?: unknown; desc?: unknown };
    return { name: String(o.name ?? o.label ?? ""), desc: typeof o.desc === "string" ? o.desc : "" };
  });
  const sel = typeof v.selected === "number" ? Math.floor(v.selected) : 0;
  return { items, selected: Math.max(0, Math.min(items.length - 1, sel)) };
}

/** The completion menu: one row per item (`/name  desc`), the selected one highlighted. */
export function completionPopup(value: unknown, width: number): Popup | undefined {
  const c = readItems(value);
  if (c === undefined || width <= 0) return undefined;
  const n = Math.min(COMPLETION_ROWS, c.items.length);
  const first = Math.max(0, Math.min(c.selected - n + 1, c.items.length - n));
  const nameWidth = Math.max(...c.items.slice(first, first + n).map((i) => textWidth(` /${i.name}`)));
  const lines: StyledLine[] = [];
  for (let i = first; i < first + n; i++) {
    const it = c.items[i]!;
    const sel = i === c.selected;
    const name = truncate(padRight(` /${it.name}`, nameWidth), width);
    const descRoom = width - textWidth(name) - 2;
    const line: StyledLine = [{ text: name, style: sel ? SELECTED_NAME : ITEM_NAME }];
    if (it.desc !== "" && descRoom > 0) line.push({ text: "  " + truncate(it.desc, descRoom), style: sel ? SELECTED_DESC : ITEM_DESC });
    lines.push(padLine(line, width, sel ? ITEM_STYLE : undefined));
  }
  return { lines };
}

/**
 * True when `next` differs from `prev` by text both removed and inserted (set_text, a history
 * recall) rather than by a pure insertion or deletion (typing, pasting, backspace, kill).
 */
export function isReplacement(prev: string, next: string): boolean {
  const n = Math.min(prev.length, next.length);
  let p = 0;
  while (p < n && prev.charCodeAt(p) === next.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && prev.charCodeAt(prev.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) s++;
  return prev.length - p - s > 0 && next.length - p - s > 0;
}

/** The first visible row: the previous one, moved only as far as needed to show `row`. */
function scrollTop(prevTop: number, row: number, rows: number, height: number): number {
  let top = prevTop;
  if (row < top) top = row;
  if (row >= top + height) top = row - height + 1;
  return Math.max(0, Math.min(top, rows - height));
}

/** Windows whose scroll position is remembered (more are forgotten, oldest first). */
const MAX_WINDOWS = 64;

/** Stock renderer of the composer role. */
export class ComposerRenderer implements WindowRenderer {
  // The layout measures and then renders the same text each frame: wrap it once.
  private memo: { text: string; cursor: number; width: number; lay: Layout } | undefined;
  // Per window: the text last shown and its first visible row, so the view scrolls like an editor's.
  private readonly scrolls = new Map<string, { text: string; top: number }>();

  private layout(text: string, cursor: number, width: number): Layout {
    const m = this.memo;
    if (m !== undefined && m.text === text && m.cursor === cursor && m.width === width) return m.lay;
    const lay = layoutText(text, cursor, width);
    this.memo = { text, cursor, width, lay };
    return lay;
  }

  /** The visible rows of the text (or the placeholder), the cursor, and the completion popup. */
  render(input: RenderInput): RenderOutput {
    const { buffer, height } = input;
    const width = Math.max(1, input.width - PAD - gutterWidth(input.marks));
    const popup = completionPopup(buffer.metadata.completion, input.window.box.width || width);
    if (buffer.text === "") {
      const ph = typeof buffer.metadata.placeholder === "string" ? buffer.metadata.placeholder : DEFAULT_PLACEHOLDER;
      const lines = ph === "" ? [] : [[{ text: " ".repeat(PAD) }, { text: truncate(ph, width), style: PLACEHOLDER_STYLE }]];
      return { lines, cursor: { row: 0, col: PAD }, ...(popup ? { popup } : {}) };
    }
    const lay = this.layout(buffer.text, buffer.cursor, width);
    // Keep the cursor's row in view, moving the view only as far as needed; replaced text starts over.
    const name = input.window.name;
    const prev = this.scrolls.get(name);
    const keep = prev !== undefined && (prev.text === buffer.text || !isReplacement(prev.text, buffer.text));
    const top = scrollTop(keep ? prev.top : 0, lay.row, lay.rows, Math.max(1, height));
    this.scrolls.delete(name);
    if (this.scrolls.size >= MAX_WINDOWS) this.scrolls.delete(this.scrolls.keys().next().value!);
    this.scrolls.set(name, { text: buffer.text, top });
    if (input.marks !== undefined) {
      const out = markedComposer(buffer.text, buffer.cursor, lay, top, height, width, PAD, input.marks);
      return { ...out, ...(popup ? { popup } : {}) };
    }
    const lines: StyledLine[] = lay.lines.slice(top, top + Math.max(0, height)).map((l) => (l.text === "" ? [] : [{ text: " ".repeat(PAD) + l.text }]));
    return { lines, cursor: { row: lay.row - top, col: PAD + lay.col }, ...(popup ? { popup } : {}) };
  }

  /** Content height: the wrapped rows (plus a row when the cursor sits past the right edge). */
  measure(input: RenderInput, width: number): number {
    if (input.buffer.text === "") return 1;
    const rows = this.layout(input.buffer.text, input.buffer.cursor, Math.max(1, width - PAD - gutterWidth(input.marks))).rows;
    return rows + (input.marks?.virtRows ?? 0);
  }
}
