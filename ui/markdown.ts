import { createRequire } from "node:module";
import type { Lexer, Token, Tokens } from "marked";
import type { Span, Style } from "../engine/kernel/style.js";
import { renderCode } from "./markdown-code.js";
import { closedFenceMemo, fenceClosed, type FenceMemo } from "./markdown-fence.js";
import { warmUpLexer } from "./marked-warm-up.js";
import { graphemes, graphemeWidth, textWidth } from "./text-measure.js";
import { wrapSpans, type StyledLine } from "./wrap-text.js";

// marked loads on the first markdown rendered (a start without assistant text never needs it).
// require() of an ES module (marked is one) works from Node 20.19 / 22.12 on; older Node loads it
// here at once, as a static import would.
type Marked = typeof import("marked");
const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;
let markedModule: Marked | undefined = canRequireEsm ? undefined : await import("marked");
let warm = false;
export const marked = (): Marked => {
  markedModule ??= createRequire(import.meta.url)("marked") as Marked;
  if (!warm) {
    warm = true;
    warmUpLexer(markedModule.Lexer); // its regexps compiled to machine code at once (see there)
  }
  return markedModule;
};

// Styles are interned so equal styles are one object: span merging and the theme's resolve
// cache both work by identity.
const interned = new Map<string, Style>();
function style(s: Style): Style {
  const key = `${s.fg ?? ""}|${s.bg ?? ""}|${s.bold ? 1 : 0}${s.italic ? 1 : 0}${s.underline ? 1 : 0}${s.reverse ? 1 : 0}${s.dim ? 1 : 0}`;
  let v = interned.get(key);
  if (v === undefined) {
    v = Object.freeze({ ...s });
    interned.set(key, v);
  }
  return v;
}
const merge = (base: Style, extra: Style): Style => style({ ...base, ...extra });

export const PLAIN: Style = style({});
export const MUTED: Style = style({ fg: "muted" });
const BULLET: Style = style({ fg: "mdListBullet" });
const QUOTE_BAR: Style = style({ fg: "mdQuoteBorder" });
const HR: Style = style({ fg: "mdHr" });
const TABLE_RULE: Style = style({ fg: "borderMuted" });

/** Inline tokens -> spans, each styled over `base`. */
export function inline(tokens: readonly Token[] | undefined, base: Style, out: Span[] = []): Span[] {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case "strong": inline(t.tokens, merge(base, { bold: true }), out); break;
      case "em": inline(t.tokens, merge(base, { italic: true }), out); break;
      case "del": inline(t.tokens, merge(base, { dim: true }), out); break;
      case "codespan": out.push({ text: t.text.replace(/\n/g, " "), style: merge(base, { fg: "mdCode" }) }); break;
      case "br": out.push({ text: "\n", style: base }); break;
      case "link": {
        const l = t as Tokens.Link;
        inline(l.tokens, merge(base, { fg: "mdLink", underline: true }), out);
        if (l.text !== l.href && `mailto:${l.text}` !== l.href) out.push({ text: ` (${l.href})`, style: merge(base, { fg: "mdLinkUrl" }) });
        break;
      }
      case "image": {
        const im = t as Tokens.Image;
        out.push({ text: `[image: ${im.text}]`, style: merge(base, { fg: "mdLink" }) });
        out.push({ text: ` (${im.href})`, style: merge(base, { fg: "mdLinkUrl" }) });
        break;
      }
      case "checkbox": break;
      default: {
        const tt = t as { tokens?: Token[]; text?: string; raw: string };
        if (tt.tokens !== undefined && tt.tokens.length > 0) inline(tt.tokens, base, out);
        // A soft line break inside a paragraph is a space: the paragraph reflows to the width
        // (a hard break, two spaces or a backslash before the newline, is a "br" token).
        else if (t.type === "text") out.push({ text: softBreaks(tt.text ?? tt.raw), style: base });
        else out.push({ text: tt.text ?? tt.raw, style: base });
      }
    }
  }
  return out;
}

const SOFT_BREAK = /[ \t]*\n[ \t]*/g;
const softBreaks = (text: string): string => (text.includes("\n") ? text.replace(SOFT_BREAK, " ") : text);

/** Prefixes every line: `first` on the first line, `rest` on the others. */
function indent(lines: StyledLine[], first: Span[], rest: Span[]): StyledLine[] {
  return lines.map((l, i) => [...(i === 0 ? first : rest), ...l]);
}

function repeatToWidth(ch: string, width: number): string {
  return ch.repeat(Math.max(0, width));
}

/** Cuts a styled line to `width` cells (code lines and table rows are not re-wrapped). */
function clip(line: StyledLine, width: number): StyledLine {
  const out: StyledLine = [];
  let used = 0;
  for (const s of line) {
    const w = textWidth(s.text);
    if (used + w <= width) { out.push(s); used += w; continue; }
    let text = "";
    for (const g of graphemes(s.text)) {
      const gw = graphemeWidth(g);
      if (used + gw > width) break;
      text += g;
      used += gw;
    }
    if (text !== "") out.push({ text, style: s.style });
    break;
  }
  return out;
}

// The memo of a fence that was open in the last streaming render (set only during that render):
// when the fence has just closed, its highlighted and wrapped lines are reused.
let closingFence: FenceMemo | undefined;

/** Renders `fn` with the lines of `fence` (an open fence of the last render) reusable. */
export function withClosingFence<T>(fence: FenceMemo | undefined, fn: () => T): T {
  closingFence = fence;
  try { return fn(); } finally { closingFence = undefined; }
}

function codeBlock(t: Tokens.Code, width: number): StyledLine[] {
  // An unfinished stream leaves the fence open: no closing line, and the code so far is shown.
  const closed = fenceClosed(t.raw);
  // Long code lines wrap (a chat cannot scroll sideways); the indentation of each line is kept.
  const lines = t.text.split("\n");
  const memo = closedFenceMemo(closingFence, t.lang, lines, width);
  return renderCode({ info: t.lang, lines, complete: memo === undefined ? 0 : lines.length, closed, width, fence: MUTED, plain: PLAIN }, memo).lines;
}

/** A table row's cells as spans. */
export function tableCells(row: readonly Tokens.TableCell[]): Span[][] {
  return row.map((c) => inline(c.tokens, PLAIN));
}

/** Cell widths of a row, `cols` columns (a missing cell is 0). */
export function cellWidths(cells: readonly Span[][], cols: number): number[] {
  return Array.from({ length: cols }, (_, i) => textWidth((cells[i] ?? []).map((s) => s.text).join("")));
}

/** One table row at column `widths`, clipped to `width`; the header row is bold. */
export function tableRow(cells: readonly Span[][], head: boolean, widths: readonly number[], align: readonly (string | null)[], width: number): StyledLine {
  const out: StyledLine = [];
  cells.forEach((cell, i) => {
    if (i > 0) out.push({ text: " │ ", style: TABLE_RULE });
    const pad = widths[i]! - textWidth(cell.map((s) => s.text).join(""));
    const styled = head ? cell.map((s) => ({ text: s.text, style: merge(s.style ?? PLAIN, { bold: true }) })) : cell;
    const right = align[i] === "right";
    if (right && pad > 0) out.push({ text: " ".repeat(pad), style: PLAIN });
    out.push(...styled);
    if (!right && pad > 0 && i < cells.length - 1) out.push({ text: " ".repeat(pad), style: PLAIN });
  });
  return clip(out, width);
}

/** The rule under a table's header. */
export function tableRule(widths: readonly number[], width: number): StyledLine {
  return clip([{ text: widths.map((w) => "─".repeat(w)).join("─┼─"), style: TABLE_RULE }], width);
}

function table(t: Tokens.Table, width: number): StyledLine[] {
  const rows = [t.header, ...t.rows].map(tableCells);
  const cols = t.header.length;
  const widths = Array.from({ length: cols }, (_, i) => Math.max(1, ...rows.map((r) => textWidth((r[i] ?? []).map((s) => s.text).join("")))));
  return [tableRow(rows[0]!, true, widths, t.align, width), tableRule(widths, width), ...rows.slice(1).map((r) => tableRow(r, false, widths, t.align, width))];
}

function list(t: Tokens.List, width: number, base: Style): StyledLine[] {
  const out: StyledLine[] = [];
  const start = typeof t.start === "number" ? t.start : 1;
  t.items.forEach((item, i) => {
    let marker = t.ordered ? `${start + i}. ` : "• ";
    if (item.task) marker += item.checked ? "[x] " : "[ ] ";
    const mw = textWidth(marker);
    const body = blocks(item.tokens, Math.max(1, width - mw), base, item.loose);
    if (body.length === 0) body.push([]);
    out.push(...indent(body, [{ text: marker, style: BULLET }], [{ text: " ".repeat(mw), style: PLAIN }]));
    if (t.loose && i < t.items.length - 1) out.push([]);
  });
  return out;
}

/** One block token -> lines at `width`. */
function block(t: Token, width: number, base: Style): StyledLine[] {
  switch (t.type) {
    case "heading": {
      const h = t as Tokens.Heading;
      return wrapSpans(inline(h.tokens, merge(base, { fg: "mdHeading", bold: true, underline: h.depth === 1 })), width);
    }
    case "paragraph": case "text": {
      const p = t as Tokens.Paragraph;
      return wrapSpans(inline(p.tokens, base), width);
    }
    case "code": return codeBlock(t as Tokens.Code, width);
    case "list": return list(t as Tokens.List, width, base);
    case "blockquote": {
      const inner = blocks((t as Tokens.Blockquote).tokens, Math.max(1, width - 2), merge(base, { fg: "mdQuote", italic: true }), true);
      const bar = [{ text: "│ ", style: QUOTE_BAR }];
      return indent(inner, bar, bar);
    }
    case "hr": return [[{ text: repeatToWidth("─", width), style: HR }]];
    case "table": return table(t as Tokens.Table, width);
    case "space": case "def": case "checkbox": return [];
    case "html": return wrapSpans([{ text: (t as Tokens.HTML).text.replace(/\n+$/, ""), style: MUTED }], width);
    default: {
      const raw = (t as { text?: string; raw: string }).text ?? t.raw;
      return wrapSpans([{ text: raw.replace(/\n+$/, ""), style: base }], width);
    }
  }
}

/** Block tokens -> lines; `spaced` puts one empty line between blocks (loose content). */
export function blocks(tokens: readonly Token[], width: number, base: Style, spaced: boolean): StyledLine[] {
  const out: StyledLine[] = [];
  for (const t of tokens) {
    const lines = block(t, width, base);
    if (lines.length === 0) continue;
    if (out.length > 0 && (spaced || t.type !== "list")) out.push([]);
    out.push(...lines);
  }
  return out;
}

/**
 * Renders markdown to styled lines at `width` (marked's lexer; styles are theme tokens). Blocks
 * are separated by one empty line. An unfinished stream (open code fence, half-typed emphasis)
 * renders what is there.
 */
export function renderMarkdown(text: string, width: number): StyledLine[] {
  const w = Math.max(1, Math.floor(width));
  const tokens = marked().lexer(text, { gfm: true });
  return blocks(tokens, w, PLAIN, true).map((l) => l.filter((s) => s.text !== ""));
}
