// renderMarkdown for a message that a stream is writing: only what the last delta can change is
// lexed and rendered again (settled blocks, the settled start of the trailing paragraph, the
// complete lines of an open code fence are kept).
import type { Lexer, Token, Tokens } from "marked";
import type { Span } from "../engine/kernel/style.js";
import { blocks, inline, marked, MUTED, PLAIN, withClosingFence } from "./markdown.js";
import { appendFence, fenceClosed, openFence, streamFence, type FenceMemo } from "./markdown-fence.js";
import { openTable, streamTable, type TableMemo } from "./markdown-table.js";
import type { StreamText } from "./stream-text.js";
import { hasPrefix, wrapAppendLast, wrapSpansIncremental, type StyledLine, type WrapMemo } from "./wrap-text.js";

/**
 * What a markdown render can reuse next time: the lines of the blocks that can no longer change,
 * the start of the trailing paragraph that inline markup can no longer change (`settled`), and the
 * wrap of that paragraph (the one a stream is growing).
 */
export type MarkdownMemo = {
  width: number; stable: string; stableLines: StyledLine[]; settled?: SettledInline; paragraph?: WrapMemo;
  /** The unstable text when it was one paragraph on one line starting with a letter. */
  line?: string;
  /** The open code fence the text ended with. */
  fence?: FenceMemo;
  /** The table the text ended with. */
  table?: TableMemo;
  /** The text had a carriage return (normalized away): appended text is not rendered from the memo alone. */
  cr?: boolean;
};

const FENCE_STYLES = { fence: MUTED, plain: PLAIN };

// A line starting with a letter (of any script) is a paragraph whatever follows on it: every other
// block starts with a marker (# > - + * digit ` ~ < [ | or indentation) or needs a second line
// (setext, table).
const LINE_PARAGRAPH = /^\p{L}[^\n]*$/u;

/**
 * The settled start of a streaming paragraph and its spans; `inertTo`: the text after the settled
 * start was inert up to there.
 */
type SettledInline = { text: string; spans: Span[]; inertTo?: number };

// A character that can take part in inline markup (emphasis, code, links, autolinks: no "@", ":"
// or "www." without one of these; entities, escapes, HTML, line breaks). Text without any is
// inert: it lexes to plain text whatever comes before or after it, so a line of 100,000 letters
// or CJK text without spaces is never lexed again as it grows.
const INERT_BREAK = /[*_~`[\]<>&\\!@:/.#|\n]/;

// The settled spans and the inert rest as one plain span.
const withRest = (spans: readonly Span[], rest: string): Span[] => (rest === "" ? spans.slice() : [...spans, { text: rest, style: PLAIN }]);

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
  // A rest that was inert stays inert while the new characters are: only they are looked at.
  if (keep && settled!.inertTo !== undefined && settled!.inertTo <= text.length && !INERT_BREAK.test(text.slice(settled!.inertTo))) {
    return { spans: withRest(done.spans, text.slice(from)), settled: { ...done, inertTo: text.length } };
  }
  const end = settledEnd(text, from);
  if (end > from) {
    const part = text.slice(from, end);
    const spans = inline(from === 0 ? lx.inlineTokens(part) : lexAfterSpace(lx, part), PLAIN);
    done = { text: text.slice(0, end), spans: appendSpans(done.spans, spans) };
  }
  const rest = text.slice(done.text.length);
  if (!INERT_BREAK.test(rest)) return { spans: withRest(done.spans, rest), settled: { ...done, inertTo: text.length } };
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
  if (t.type === "code") return fenceClosed(t.raw);
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
export function renderMarkdownStreaming(text: StreamText, width: number, memo?: MarkdownMemo): { lines: StyledLine[]; memo: MarkdownMemo } {
  const w = Math.max(1, Math.floor(width));
  if (typeof text !== "string") {
    const fast = memo !== undefined && memo.width === w && !text.appended.includes("\r") ? renderAppended(text.appended, w, memo) : undefined;
    if (fast !== undefined) return fast;
    text = text.whole();
  }
  if (!text.includes("\r")) return renderText(text, w, memo);
  const out = renderText(text.replace(/\r\n?/g, "\n"), w, memo);
  return { lines: out.lines, memo: { ...out.memo, cr: true } };
}

// Lines of two parts with a blank line between them when both have some.
const joinLines = (a: StyledLine[], b: StyledLine[]): StyledLine[] => (a.length > 0 && b.length > 0 ? [...a, [], ...b] : a.length > 0 ? a : b);

// renderMarkdownStreaming of text without carriage returns.
function renderText(src: string, w: number, memo: MarkdownMemo | undefined): { lines: StyledLine[]; memo: MarkdownMemo } {
  // Text that still ends in the same open fence: only its new lines are rendered.
  if (memo?.fence !== undefined && memo.width === w) {
    const f = streamFence(src, w, memo.fence, FENCE_STYLES);
    if (f !== null) return { lines: f.lines, memo: { ...memo, fence: f.memo } };
  }
  // Text that still ends in the same table, grown by rows: only the new lines are lexed.
  if (memo?.table !== undefined && memo.width === w) {
    const t = streamTable(src, w, memo.table);
    if (t !== null) return { lines: t.lines, memo: { ...memo, table: t.memo } };
  }
  return withClosingFence(memo?.fence, () => renderTail(src, w, memo));
}

/**
 * The render of the memo's text plus `appended`, from the memo and the appended text alone, for
 * the two kinds of block a stream makes big: an open code fence, and a one-line paragraph of
 * inert text (a long line, CJK or emoji prose). Undefined when neither applies: then the caller
 * renders the whole text. A memo whose text had a carriage return never comes here (normalizing
 * could join it with an appended newline).
 */
function renderAppended(appended: string, w: number, memo: MarkdownMemo): { lines: StyledLine[]; memo: MarkdownMemo } | undefined {
  if (memo.cr === true) return undefined;
  if (memo.fence !== undefined) {
    const f = appendFence(appended, memo.fence, FENCE_STYLES);
    return f === null ? undefined : { lines: f.lines, memo: { ...memo, fence: f.memo } };
  }
  const { line, settled, paragraph } = memo;
  if (line === undefined || settled === undefined || paragraph === undefined || settled.inertTo !== line.length || settled.text.length >= line.length) return undefined;
  if (appended.includes("\n") || INERT_BREAK.test(appended) || paragraph.spans[paragraph.spans.length - 1]?.style !== PLAIN) return undefined;
  const wrapped = wrapAppendLast(paragraph, appended);
  if (wrapped === undefined) return undefined;
  const next = line + appended;
  return { lines: joinLines(memo.stableLines, clean(wrapped.lines)), memo: { ...memo, paragraph: wrapped.memo, settled: { ...settled, inertTo: next.length }, line: next } };
}

// The whole pass: blocks lexed after the stable ones, the trailing paragraph or open fence
// rendered incrementally.
function renderTail(src: string, w: number, memo: MarkdownMemo | undefined): { lines: StyledLine[]; memo: MarkdownMemo } {
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
  const whole = raws.join("") === rest;
  if (!grown && whole && !tokens.some((t) => t.type === "def")) {
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
  const join = joinLines;
  const stableLines = join(baseLines, clean(blocks(tokens.slice(0, cut), w, PLAIN, true)));
  const stable = base + raws.slice(0, cut).join("");
  // The tail; a paragraph at its end (the usual streaming case) is wrapped incrementally.
  if (last !== undefined && last.type === "code" && last === tokens[tokens.length - 1] && whole) {
    const before = join(stableLines, clean(blocks(tail.slice(0, -1), w, PLAIN, true)));
    const head = before.length > 0 ? [...before, []] : [];
    const f = openFence(src, src.length - last.raw.length, last.raw, (last as Tokens.Code).lang, head, w, FENCE_STYLES);
    if (f !== null) return { lines: f.lines, memo: { width: w, stable, stableLines, fence: f.memo } };
  }
  if (last !== undefined && last.type === "table" && last === tokens[tokens.length - 1] && whole && plainLinks) {
    const before = join(stableLines, clean(blocks(tail.slice(0, -1), w, PLAIN, true)));
    const t = openTable(src, src.length - last.raw.length, last.raw, before.length > 0 ? [...before, []] : [], w);
    if (t !== null) return { lines: t.lines, memo: { width: w, stable, stableLines, table: t.memo } };
  }
  if (para === undefined || spans === undefined) {
    return { lines: join(stableLines, clean(blocks(tail, w, PLAIN, true))), memo: { width: w, stable, stableLines } };
  }
  const wrapped = wrapSpansIncremental(spans.spans, w, memo?.paragraph);
  const tailLines = join(clean(blocks(tail.slice(0, -1), w, PLAIN, true)), clean(wrapped.lines));
  const line = grown || (cut === 0 && tokens.length === 1 && LINE_PARAGRAPH.test(rest)) ? rest : undefined;
  return { lines: join(stableLines, tailLines), memo: { width: w, stable, stableLines, paragraph: wrapped.memo, ...(spans.settled ? { settled: spans.settled } : {}), ...(line === undefined ? {} : { line }) } };
}
