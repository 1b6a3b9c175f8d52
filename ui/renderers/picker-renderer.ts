// The picker window (engine/chat/picker.ts): the query on the first row with the match count at
// the right, then the matching items from the first row shown, the selected one highlighted and
// the letters the query matched in accent. Reads only the buffer: its text and metadata `picker`.
import type { Span, Style } from "../../engine/kernel/style.js";
import { textWidth } from "../text-measure.js";
import { truncate } from "../text-helpers.js";
import { padLine, type RenderInput, type RenderOutput, type StyledLine, type WindowRenderer } from "./window-renderer.js";

const PROMPT = "> ";
const PLACEHOLDER = "type to filter";
const PROMPT_STYLE: Style = Object.freeze({ fg: "accent", bold: true });
const DIM: Style = Object.freeze({ fg: "dim", italic: true });
const MUTED: Style = Object.freeze({ fg: "muted" });
const MATCH: Style = Object.freeze({ fg: "accent", bold: true });
const SELECTED_BG = "selectedBg";

type Row = { label: string; detail: string; prefix: string; positions: number[] };
type State = { items: Row[]; selected: number; top: number; total: number };

function readState(v: unknown): State | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const s = v as Partial<State>;
  if (!Array.isArray(s.items)) return undefined;
  const num = (n: unknown, d: number) => (typeof n === "number" && Number.isFinite(n) ? Math.floor(n) : d);
  return { items: s.items, selected: num(s.selected, 0), top: num(s.top, 0), total: num(s.total, s.items.length) };
}

/** The label as spans, the matched positions (UTF-16 offsets) in `match` style. */
function labelSpans(label: string, positions: readonly number[], base: Style | undefined, match: Style): Span[] {
  if (positions.length === 0) return [{ text: label, ...(base ? { style: base } : {}) }];
  const hit = new Set(positions);
  const spans: Span[] = [];
  let at = 0;
  for (const ch of label) {
    const style = hit.has(at) ? match : base;
    const last = spans[spans.length - 1];
    if (last && last.style === style) last.text += ch;
    else spans.push({ text: ch, ...(style ? { style } : {}) });
    at += ch.length;
  }
  return spans;
}

/** Truncates a line of spans to width cells (an ellipsis ends a cut span). */
function clip(line: Span[], width: number): Span[] {
  const out: Span[] = [];
  let room = width;
  for (const s of line) {
    if (room <= 0) break;
    const w = textWidth(s.text);
    if (w <= room) {
      out.push(s);
      room -= w;
    } else {
      out.push({ ...s, text: truncate(s.text, room) });
      room = 0;
    }
  }
  return out;
}

function withBg(style: Style | undefined): Style {
  return { ...style, bg: SELECTED_BG };
}

/** The column details start at: after the widest prefix and label shown, at most 70% of the width. */
function detailColumn(rows: readonly Row[], width: number): number {
  let w = 0;
  for (const r of rows) w = Math.max(w, textWidth(r.prefix) + textWidth(r.label));
  return Math.min(w, Math.floor(width * 0.7));
}

function itemLine(row: Row, selected: boolean, width: number, column: number): StyledLine {
  const pick = (s: Style | undefined) => (selected ? withBg(s) : s);
  const spans: Span[] = [{ text: selected ? "› " : "  ", style: pick(selected ? PROMPT_STYLE : undefined)! }];
  if (row.prefix !== "") spans.push({ text: row.prefix, style: pick(MUTED)! });
  spans.push(...labelSpans(row.label, row.positions, selected ? withBg({ fg: "text", bold: true }) : undefined, pick(MATCH)!));
  const gap = Math.max(2, column + 2 - textWidth(row.prefix) - textWidth(row.label));
  if (row.detail !== "") spans.push({ text: " ".repeat(gap) + row.detail, style: pick(MUTED)! });
  const line = clip(spans, width);
  return selected ? padLine(line, width, { bg: SELECTED_BG }) : line;
}

/** Stock renderer of the picker role. */
export class PickerRenderer implements WindowRenderer {
  /** The query row, then the visible items. */
  render(input: RenderInput): RenderOutput {
    const { width, height, buffer } = input;
    const st = readState(buffer.metadata.picker) ?? { items: [], selected: 0, top: 0, total: 0 };
    const query = buffer.text.split("\n", 1)[0] ?? "";
    const count = `${st.items.length}/${st.total}`;
    const head: Span[] = [{ text: PROMPT, style: PROMPT_STYLE }, query === "" ? { text: PLACEHOLDER, style: DIM } : { text: query }];
    const room = width - textWidth(count) - 1;
    const first = clip(head, Math.max(0, room));
    const lines: StyledLine[] = [room > textWidth(PROMPT) ? [...padLine(first, room), { text: ` ${count}`, style: MUTED }] : clip(head, width)];
    if (st.items.length === 0) lines.push([{ text: "  no match", style: DIM }]);
    const shown = st.items.slice(st.top, st.top + Math.max(0, height - 1));
    const column = detailColumn(shown, width - 2);
    shown.forEach((row, i) => lines.push(itemLine(row, st.top + i === st.selected, width, column)));
    const before = [...query].slice(0, buffer.cursor).join("");
    return { lines, cursor: { row: 0, col: Math.min(width - 1, textWidth(PROMPT) + textWidth(before)) } };
  }
}
