// The composer: multi-line text with a cursor, word-wrapped, scrolled to keep the cursor in view,
// a placeholder when empty, and the slash-command completion menu drawn above it.
import type { Style } from "../../engine/kernel/style.js";
import type { TextLines } from "../../engine/kernel/text-lines.js";
import { changedLines, layoutComposer, LineWraps, visibleRows, type ComposerLayout } from "../composer-layout.js";
import { MarkLineCaches } from "../mark-line-cache.js";
import { textWidth } from "../text-measure.js";
import { padRight, truncate } from "../text-helpers.js";
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
const NOTE: Style = Object.freeze({ fg: "warning" });
const NOTE_ROW: Style = Object.freeze({});

type CompletionItem = { name: string; desc: string; label: string };

function readItems(value: unknown): { items: CompletionItem[]; selected: number; note?: string } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as { items?: unknown; selected?: unknown };
  if (!Array.isArray(v.items) || v.items.length === 0) return undefined;
  const items = v.items.map((it): CompletionItem => {
    if (typeof it === "string") return { name: it, desc: "", label: `/${it}` };
    const o = (it ?? {}) as { name?: unknown; label?: unknown; desc?: unknown };
    // A command shows as `/name`; an item with a label (an `@path`) shows its label.
    const name = String(o.name ?? o.label ?? "");
    return { name, desc: typeof o.desc === "string" ? o.desc : "", label: typeof o.label === "string" ? o.label : `/${name}` };
  });
  const sel = typeof v.selected === "number" ? Math.floor(v.selected) : 0;
  const note = (value as { note?: unknown }).note;
  return { items, selected: Math.max(0, Math.min(items.length - 1, sel)), ...(typeof note === "string" && note !== "" ? { note } : {}) };
}

/** The completion menu: one row per item (`/name  desc`), the selected one highlighted, and the
 *  menu's `note` (why enter did nothing) as a last row, next to the composer. */
export function completionPopup(value: unknown, width: number): Popup | undefined {
  const c = readItems(value);
  if (c === undefined || width <= 0) return undefined;
  const n = Math.min(COMPLETION_ROWS, c.items.length);
  const first = Math.max(0, Math.min(c.selected - n + 1, c.items.length - n));
  const nameWidth = Math.max(...c.items.slice(first, first + n).map((i) => textWidth(` ${i.label}`)));
  const lines: StyledLine[] = [];
  for (let i = first; i < first + n; i++) {
    const it = c.items[i]!;
    const sel = i === c.selected;
    const name = truncate(padRight(` ${it.label}`, nameWidth), width);
    const descRoom = width - textWidth(name) - 2;
    const line: StyledLine = [{ text: name, style: sel ? SELECTED_NAME : ITEM_NAME }];
    if (it.desc !== "" && descRoom > 0) line.push({ text: "  " + truncate(it.desc, descRoom), style: sel ? SELECTED_DESC : ITEM_DESC });
    lines.push(padLine(line, width, sel ? ITEM_STYLE : undefined));
  }
  if (c.note) lines.push(padLine([{ text: truncate(` ${c.note}`, width), style: NOTE }], width, NOTE_ROW));
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

type Seen = { src: TextLines; ver: number; top: number };

/** True when the text was replaced since it was seen (set_text, a history recall), not typed
 *  into: edits in place are told by their splices; a new text is compared by its changed lines. */
function replacedSince(seen: Seen, now: TextLines): boolean {
  if (seen.src === now) return now.changesSince(seen.ver)?.some((c) => c.replaced) ?? true;
  // The old lines are as they were when seen unless something spliced them since.
  if (seen.src.version !== seen.ver) return true;
  const prev = seen.src.all();
  const next = now.all();
  const { p, s } = changedLines(prev, next);
  return isReplacement(prev.slice(p, prev.length - s).join("\n"), next.slice(p, next.length - s).join("\n"));
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
  // Wraps per source line, so a frame re-wraps only the lines an edit changed.
  private readonly wraps = new LineWraps();
  // The layout measures and then renders the same text each frame: lay it out once.
  private memo: { lines: TextLines; rev: number; cursor: number; width: number; lay: ComposerLayout } | undefined;
  // Per window: the lines last shown and the first visible row, so the view scrolls like an editor's.
  private readonly scrolls = new Map<string, Seen>();
  // Per window: its lines as last drawn with their marks, so a frame decorates only changed lines.
  private readonly decorated = new MarkLineCaches();

  private layout(lines: TextLines, rev: number, cursor: number, width: number): ComposerLayout {
    const m = this.memo;
    if (m !== undefined && m.lines === lines && m.rev === rev && m.cursor === cursor && m.width === width) return m.lay;
    const lay = layoutComposer(this.wraps, lines, cursor, width);
    this.memo = { lines, rev, cursor, width, lay };
    return lay;
  }

  /** The visible rows of the text (or the placeholder), the cursor, and the completion popup. */
  render(input: RenderInput): RenderOutput {
    const { buffer, height } = input;
    const width = Math.max(1, input.width - PAD - gutterWidth(input.marks));
    const popup = completionPopup(buffer.metadata.completion, input.window.box.width || width);
    if (buffer.lines.length === 0) {
      const ph = typeof buffer.metadata.placeholder === "string" ? buffer.metadata.placeholder : DEFAULT_PLACEHOLDER;
      const lines = ph === "" ? [] : [[{ text: " ".repeat(PAD) }, { text: truncate(ph, width), style: PLACEHOLDER_STYLE }]];
      return { lines, cursor: { row: 0, col: PAD }, ...(popup ? { popup } : {}) };
    }
    const lay = this.layout(buffer.lines, buffer.rev, buffer.cursor, width);
    // Keep the cursor's row in view, moving the view only as far as needed; replaced text starts over.
    const name = input.window.name;
    const prev = this.scrolls.get(name);
    const keep = prev !== undefined && !replacedSince(prev, buffer.lines);
    const top = scrollTop(keep ? prev.top : 0, lay.row, lay.rows, Math.max(1, height));
    this.scrolls.delete(name);
    if (this.scrolls.size >= MAX_WINDOWS) this.scrolls.delete(this.scrolls.keys().next().value!);
    this.scrolls.set(name, { src: buffer.lines, ver: buffer.lines.version, top });
    if (input.marks !== undefined) {
      const out = markedComposer(buffer.lines, buffer.cursor, lay, top, height, width, PAD, input.marks, this.decorated.for(name));
      return { ...out, ...(popup ? { popup } : {}) };
    }
    const lines: StyledLine[] = visibleRows(lay, top, Math.max(0, height)).map((t) => (t === "" ? [] : [{ text: " ".repeat(PAD) + t }]));
    return { lines, cursor: { row: lay.row - top, col: PAD + lay.col }, ...(popup ? { popup } : {}) };
  }

  /** Content height: the wrapped rows (plus a row when the cursor sits past the right edge). */
  measure(input: RenderInput, width: number): number {
    const b = input.buffer;
    if (b.lines.length === 0) return 1;
    const rows = this.layout(b.lines, b.rev, b.cursor, Math.max(1, width - PAD - gutterWidth(input.marks))).rows;
    return rows + (input.marks?.virtRows ?? 0);
  }
}
