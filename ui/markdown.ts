import { createRequire } from "node:module";
import type { Lexer, Token, Tokens } from "marked";
import type { Span, Style } from "../engine/kernel/style.js";
import { codeLanguage, highlightCode } from "./syntax-highlight.js";
import { graphemes, graphemeWidth, textWidth } from "./text-measure.js";
import { hasPrefix, wrapSpans, wrapSpansIncremental, type StyledLine, type WrapMemo } from "./wrap-text.js";

// marked loads on the first markdown rendered (a start without assistant text never needs it).
// require() of an ES module (marked is one) works from Node 20.19 / 22.12 on; older Node loads it
// here at once, as a static import would.
type Marked = typeof import("marked");
const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;
let markedModule: Marked | undefined = canRequireEsm ? undefined : await import("marked");
const marked = (): Marked => (markedModule ??= createRequire(import.meta.url)("marked") as Marked);

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

const PLAIN: Style = style({});
const MUTED: Style = style({ fg: "muted" });
const BULLET: Style = style({ fg: "mdListBullet" });
const QUOTE_BAR: Style = style({ fg: "mdQuoteBorder" });
const HR: Style = style({ fg: "mdHr" });
const TABLE_RULE: Style = style({ fg: "borderMuted" });

/** Inline tokens -> spans, each styled over `base`. */
function inline(tokens: readonly Token[] | undefined, base: Style, out: Span[] = []): Span[] {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case "strong": inline(t.tokens, merge(base, { bold: true }), out); break;
      case "em": inline(t.tokens, merge(base, { italic: true }), out); break;
      case "del": inline(t.tokens, merge(base, { dim: true }), out); break;
      case "codespan": out.push({ text: t.text, style: merge(base, { fg: "mdCode" }) }); break;
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
        else out.push({ text: tt.text ?? tt.raw, style: base });
      }
    }
  }
  return out;
}

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

function codeBlock(t: Tokens.Code, width: number): StyledLine[] {
  const lang = codeLanguage(t.lang);
  // An unfinished stream leaves the fence open: no closing line, and the code so far is shown.
  const closed = /\n?\s*(```+|~~~+)\s*$/.test(t.raw.trimEnd()) && t.raw.trimEnd().split("\n").length > 1;
  // Long code lines wrap (a chat cannot scroll sideways); the indentation of each line is kept.
  const body: StyledLine[] = [];
  for (const l of highlightCode(t.text, lang)) {
    for (const w of wrapSpans(l, Math.max(1, width - 2))) body.push([{ text: "  ", style: PLAIN }, ...w]);
  }
  const open: StyledLine = [{ text: "```" + (t.lang ?? ""), style: MUTED }];
  return closed ? [open, ...body, [{ text: "```", style: MUTED }]] : [open, ...body];
}

function table(t: Tokens.Table, width: number): StyledLine[] {
  const rows = [t.header, ...t.rows].map((r) => r.map((c) => inline(c.tokens, PLAIN)));
  const cols = t.header.length;
  const widths = Array.from({ length: cols }, (_, i) => Math.max(1, ...rows.map((r) => textWidth((r[i] ?? []).map((s) => s.text).join("")))));
  const line = (cells: Span[][], head: boolean): StyledLine => {
    const out: StyledLine = [];
    cells.forEach((cell, i) => {
      if (i > 0) out.push({ text: " │ ", style: TABLE_RULE });
      const pad = widths[i]! - textWidth(cell.map((s) => s.text).join(""));
      const styled = head ? cell.map((s) => ({ text: s.text, style: merge(s.style ?? PLAIN, { bold: true }) })) : cell;
      const right = t.align[i] === "right";
      if (right && pad > 0) out.push({ text: " ".repeat(pad), style: PLAIN });
      out.push(...styled);
      if (!right && pad > 0 && i < cells.length - 1) out.push({ text: " ".repeat(pad), style: PLAIN });
    });
    return clip(out, width);
  };
  const rule: StyledLine = [{ text: widths.map((w) => "─".repeat(w)).join("─┼─"), style: TABLE_RULE }];
  return [line(rows[0]!, true), clip(rule, width), ...rows.slice(1).map((r) => line(r, false))];
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
function blocks(tokens: readonly Token[], width: number, base: Style, spaced: boolean): StyledLine[] {
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

/**
 * What a markdown render can reuse next time: the lines of the blocks that can no longer change,
 * the start of the trailing paragraph that inline markup can no longer change (`settled`), and the
 * wrap of that paragraph (the one a stream is growing).
 */
export type MarkdownMemo = {
  width: number; stable: string; stableLines: StyledLine[]; settled?: SettledInline; paragraph?: WrapMemo;
  /** The unstable text when it was one paragraph on one line starting with a letter. */
  line?: string;
};

// A line starting with a letter is a paragraph whatever follows on it: every other block starts
// with a marker (# > - + * digit ` ~ < [ | or indentation) or needs a second line (setext, table).
const LINE_PARAGRAPH = /^[A-Za-z][^\n]*$/;

/** The settled start of a streaming paragraph and its spans. */
type SettledInline = { text: string; spans: Span[] };

// Units of text no later character can turn into markup: runs of characters that neither open nor
// close any inline construct of GFM (emphasis, code, links, autolinks, entities, escapes, HTML,
// line breaks: no * _ ~ ` [ ] < > & \ @ : / # | or newline), and closed one-backtick code spans
// (a code span ends at the first matching backtick, and nothing before it could contain it).
const SAFE_UNIT = /[A-Za-z0-9 ,.;?!'"()+=%-]+|`[^`\n]+`(?!`)/y;

// Where the settled start of `text` can end, scanning safe units from `from`: just after the
// last space outside code spans that is followed by a character other than whitespace (spaces
// before a newline are a line break, and the text's end could become one), and before any
// "www." (an autolink may start there).
function settledEnd(text: string, from: number): number {
  let end = from;
  let at = from;
  for (;;) {
    SAFE_UNIT.lastIndex = at;
    const m = SAFE_UNIT.exec(text);
    if (m === null) break;
    const unit = m[0];
    if (unit.charCodeAt(0) !== 96) {
      const www = unit.search(/www\./i);
      for (let i = www >= 0 ? www : unit.length; i > 0; i--) {
        const next = at + i < text.length ? text.charCodeAt(at + i) : -1;
        if (unit.charCodeAt(i - 1) === 32 && next !== -1 && next !== 32 && next !== 9 && next !== 10) { end = at + i; break; }
      }
      if (www >= 0) break;
    }
    at = SAFE_UNIT.lastIndex;
  }
  return end;
}

// Inline tokens of `text` that follows a space in its paragraph: lexed behind one space, so a
// delimiter at its start sees what it would see in place; that space is then dropped.
function lexAfterSpace(lx: Lexer, text: string): Token[] {
  const tokens = lx.inlineTokens(" " + text);
  const first = tokens[0];
  if (first !== undefined && first.type === "text") {
    const t = first as Tokens.Text;
    if (t.raw === " ") tokens.shift();
    else { t.raw = t.raw.slice(1); t.text = t.text.slice(1); }
  }
  return tokens;
}

// Appends spans, joining a span to the last one when they share a style (fewer, longer spans).
function appendSpans(to: readonly Span[], spans: readonly Span[]): Span[] {
  const out = to.slice();
  for (const sp of spans) {
    const last = out[out.length - 1];
    if (last !== undefined && last.style === sp.style) out[out.length - 1] = { text: last.text + sp.text, style: sp.style };
    else out.push(sp);
  }
  return out;
}

/**
 * The spans of a paragraph's text, lexing inline markup only after its settled start: the longest
 * prefix that ends after a space and consists of safe units (plain text and closed code spans,
 * no "www.") lexes the same whatever follows, so its spans are kept from the last call and only
 * the rest is lexed.
 */
function paragraphSpans(lx: Lexer, text: string, settled: SettledInline | undefined): { spans: Span[]; settled: SettledInline } {
  const keep = settled !== undefined && hasPrefix(text, settled.text);
  const from = keep ? settled!.text.length : 0;
  let done: SettledInline = keep ? settled! : { text: "", spans: [] };
  const end = settledEnd(text, from);
  if (end > from) {
    const part = text.slice(from, end);
    const spans = inline(from === 0 ? lx.inlineTokens(part) : lexAfterSpace(lx, part), PLAIN);
    done = { text: text.slice(0, end), spans: appendSpans(done.spans, spans) };
  }
  if (done.text === "") return { spans: inline(lx.inlineTokens(text), PLAIN), settled: done };
  // The settled spans stay the same objects from call to call (the wrap recognises them).
  return { spans: [...done.spans, ...inline(lexAfterSpace(lx, text.slice(done.text.length)), PLAIN)], settled: done };
}

/**
 * Whether a top-level block followed by a blank line and then `next` can no longer change as text
 * is appended. Lists and blockquotes go on after a blank line only with indented or marker lines,
 * so they settle once a paragraph starting with a letter follows; indented code may continue.
 */
function settles(t: Token, next: Token | undefined): boolean {
  if (t.type === "list" || t.type === "blockquote") return next !== undefined && next.type === "paragraph" && /^[A-Za-z]/.test(next.raw);
  if (t.type === "def" || t.type === "html") return false;
  if (t.type === "code") return /^ {0,3}(```|~~~)/.test(t.raw) && /(```|~~~)\s*$/.test(t.raw.trimEnd()) && t.raw.trimEnd().includes("\n");
  return true;
}

// Drops empty spans, keeping the line object when there are none (so unchanged lines stay ===).
const clean = (ls: StyledLine[]): StyledLine[] => ls.map((l) => (l.some((s) => s.text === "") ? l.filter((s) => s.text !== "") : l));

/**
 * renderMarkdown for text that grows by appending (a streaming message): blocks already followed
 * by a blank line and another block are kept in `memo` and only the rest is lexed and rendered,
 * and a trailing paragraph lexes inline markup only after its settled start and re-wraps only
 * from its last line, so a delta in prose costs about the last word and one wrapped line (plus
 * marked's block pass over the last blocks). Gives exactly renderMarkdown's lines.
 */
export function renderMarkdownStreaming(text: string, width: number, memo?: MarkdownMemo): { lines: StyledLine[]; memo: MarkdownMemo } {
  const w = Math.max(1, Math.floor(width));
  const src = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  const reuse = memo !== undefined && memo.width === w && hasPrefix(src, memo.stable);
  const base = reuse ? memo!.stable : "";
  const baseLines = reuse ? memo!.stableLines : [];
  // marked's lex() without its inline pass, which runs below so the trailing paragraph can skip
  // the part of its text that can no longer change.
  const lx = new (marked().Lexer)({ gfm: true });
  const rest = src.slice(base.length);
  // Text appended to a one-line paragraph without a newline leaves it one paragraph: skip the
  // block pass, whose paragraph rule scans the whole line.
  const grown = reuse && memo!.line !== undefined && hasPrefix(rest, memo!.line) && !rest.includes("\n", memo!.line.length);
  const tokens = grown ? [{ type: "paragraph", raw: rest, text: rest, tokens: [] } as Tokens.Paragraph] as Token[] : lx.blockTokens(rest, lx.tokens) as Token[];
  // Tokens up to the last settled block that a blank line and a further block follow are stable.
  let cut = 0;
  const raws = tokens.map((t) => t.raw);
  if (!grown && raws.join("") === rest && !tokens.some((t) => t.type === "def")) {
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (!settles(tokens[i]!, tokens[i + 2])) continue;
      if (tokens[i + 1]!.type === "space" && tokens.slice(i + 2).some((t) => t.type !== "space")) cut = i + 2;
    }
  }
  let tail = tokens.slice(cut);
  while (tail.length > 0 && tail[tail.length - 1]!.type === "space") tail = tail.slice(0, -1);
  const last = tail[tail.length - 1];
  const para = last !== undefined && last.type === "paragraph" ? (last as Tokens.Paragraph) : undefined;
  // Link reference definitions make any bracket meaningful: then the paragraph is lexed whole.
  const plainLinks = Object.keys(lx.tokens.links).length === 0;
  let spans: { spans: Span[]; settled?: SettledInline } | undefined;
  if (grown) lx.inlineQueue.push({ src: rest, tokens: para!.tokens });
  for (const q of lx.inlineQueue) {
    lx.state.inRawBlock = false;
    if (para !== undefined && q.tokens === para.tokens) {
      spans = plainLinks ? paragraphSpans(lx, q.src, memo?.settled) : { spans: inline(lx.inlineTokens(q.src, q.tokens), PLAIN) };
    } else {
      lx.inlineTokens(q.src, q.tokens);
    }
  }
  lx.inlineQueue = [];
  const join = (a: StyledLine[], b: StyledLine[]) => (a.length > 0 && b.length > 0 ? [...a, [], ...b] : a.length > 0 ? a : b);
  const stableLines = join(baseLines, clean(blocks(tokens.slice(0, cut), w, PLAIN, true)));
  const stable = base + raws.slice(0, cut).join("");
  // The tail; a paragraph at its end (the usual streaming case) is wrapped incrementally.
  if (para === undefined || spans === undefined) {
    return { lines: join(stableLines, clean(blocks(tail, w, PLAIN, true))), memo: { width: w, stable, stableLines } };
  }
  const wrapped = wrapSpansIncremental(spans.spans, w, memo?.paragraph);
  const tailLines = join(clean(blocks(tail.slice(0, -1), w, PLAIN, true)), clean(wrapped.lines));
  const line = grown || (cut === 0 && tokens.length === 1 && LINE_PARAGRAPH.test(rest)) ? rest : undefined;
  return { lines: join(stableLines, tailLines), memo: { width: w, stable, stableLines, paragraph: wrapped.memo, ...(spans.settled ? { settled: spans.settled } : {}), ...(line === undefined ? {} : { line }) } };
}
