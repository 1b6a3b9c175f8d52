import type { Span, Style } from "../engine/kernel/style.js";
import { graphemes, graphemeWidth, textWidth } from "./text-measure.js";

/** One screen line of styled text. */
export type StyledLine = Span[];

/** A visual line of an editor wrap: its text and its code-point range in the source. */
export type OffsetLine = { text: string; start: number; end: number; width: number; hard: boolean };

type SpaceToken = { kind: "space"; pieces: Span[]; width: number };
// A word's [start, end) are offsets in the spans' text joined (tabs expanded), for resuming a wrap.
type WordToken = { kind: "word"; pieces: Span[]; width: number; start: number; end: number };
type Token = { kind: "nl" } | SpaceToken | WordToken;

const TOKEN_RE = /\n|[ \t]+|[^ \t\n]+/g;
const TAB = "    ";

const expandTabs = (text: string): string => (text.includes("\t") ? text.replace(/\t/g, TAB) : text);

/** Splits spans into newline, space-run and word tokens; a word may cross span boundaries. */
function tokenize(spans: readonly Span[]): Token[] {
  const out: Token[] = [];
  let base = 0;
  for (const span of spans) {
    const text = expandTabs(span.text);
    for (const m of text.matchAll(TOKEN_RE)) {
      const s = m[0];
      if (s === "\n") { out.push({ kind: "nl" }); continue; }
      const at = base + m.index;
      const piece: Span = span.style === undefined ? { text: s } : { text: s, style: span.style };
      const last = out[out.length - 1];
      if (s.charCodeAt(0) === 32) {
        if (last !== undefined && last.kind === "space") { last.pieces.push(piece); last.width += textWidth(s); }
        else out.push({ kind: "space", pieces: [piece], width: textWidth(s) });
      } else if (last !== undefined && last.kind === "word") {
        last.pieces.push(piece);
        last.width += textWidth(s);
        last.end = at + s.length;
      } else {
        out.push({ kind: "word", pieces: [piece], width: textWidth(s), start: at, end: at + s.length });
      }
    }
    base += text.length;
  }
  return out;
}

/** Accumulates spans into lines, merging neighbours that share a style object. */
class LineBuilder {
  readonly lines: StyledLine[] = [];
  cur: StyledLine = [];
  w = 0;

  add(text: string, style: Style | undefined, width: number): void {
    if (text === "") return;
    const last = this.cur[this.cur.length - 1];
    if (last !== undefined && last.style === style) last.text += text;
    else this.cur.push(style === undefined ? { text } : { text, style });
    this.w += width;
  }

  addPieces(pieces: readonly Span[]): void {
    for (const p of pieces) this.add(p.text, p.style, textWidth(p.text));
  }

  /**
   * Adds pieces grapheme by grapheme, breaking lines at `width` (hard break of long words);
   * `onBreak` hears the offset in the pieces' text where each new line starts.
   */
  addBreaking(pieces: readonly Span[], width: number, onBreak?: (offset: number) => void): void {
    let at = 0;
    for (const p of pieces) {
      for (const g of graphemes(p.text)) {
        const gw = graphemeWidth(g);
        if (this.w + gw > width && this.w > 0) {
          this.newline();
          onBreak?.(at);
        }
        this.add(g, p.style, gw);
        at += g.length;
      }
    }
  }

  newline(): void {
    this.lines.push(this.cur);
    this.cur = [];
    this.w = 0;
  }
}

/**
 * Wraps styled spans to `width` cells by words: spaces at a soft break are dropped, leading
 * indentation of a hard line is kept, words longer than the width are broken by grapheme.
 */
export function wrapSpans(spans: readonly Span[], width: number): StyledLine[] {
  return wrapCore(spans, Math.max(1, Math.floor(width)), null, 0, 0);
}

/**
 * A line that starts with the word at [start, end) of the joined text with nothing carried over,
 * or (start === end) inside a word too wide for any line, at the grapheme that starts at `start`.
 */
type Resume = { line: number; start: number; end: number };

// The wrap loop. Every point where a word starts a line from scratch is recorded in `resumes`
// (line and offsets shifted by lineBase/offsetBase): wrapping again from such a word gives the
// same lines from there on, which is what wrapSpansIncremental relies on.
function wrapCore(spans: readonly Span[], w: number, resumes: Resume[] | null, lineBase: number, offsetBase: number): StyledLine[] {
  const b = new LineBuilder();
  let pending: SpaceToken | null = null;
  for (const t of tokenize(spans)) {
    if (t.kind === "nl") { b.newline(); pending = null; continue; }
    if (t.kind === "space") { pending = t; continue; }
    if (pending !== null && b.w === 0) {
      // Indentation at the start of a hard line is kept (a soft break never leaves pending here).
      b.addBreaking(pending.pieces, w);
      if (b.w + t.width > w && t.width <= w) b.newline();
    } else if (pending !== null && b.w + pending.width + t.width <= w) {
      b.addPieces(pending.pieces);
    } else if (t.width <= w) {
      if (b.w > 0) b.newline();
    } else if (pending !== null && b.w + pending.width < w) {
      b.addPieces(pending.pieces);
    } else if (pending !== null) {
      b.newline();
    }
    pending = null;
    if (resumes !== null && b.w === 0 && b.cur.length === 0) resumes.push({ line: lineBase + b.lines.length, start: offsetBase + t.start, end: offsetBase + t.end });
    if (b.w + t.width <= w) b.addPieces(t.pieces);
    // A word wider than the line is broken wherever it is; it only grows wider, so each line it
    // starts is a place to resume from once that grapheme is in the shared prefix.
    else b.addBreaking(t.pieces, w, resumes === null ? undefined : (k) => resumes.push({ line: lineBase + b.lines.length, start: offsetBase + t.start + k, end: offsetBase + t.start + k }));
  }
  b.lines.push(b.cur);
  return b.lines;
}

/**
 * What wrapSpansIncremental keeps of one wrap to reuse for the next; `tail`: the expanded text of
 * the last span from offset `start` of the joined text (where the next append resumes) to its end.
 */
export type WrapMemo = {
  width: number; spans: readonly Span[]; texts: string[]; styles: (Style | undefined)[]; lines: StyledLine[]; resumes: Resume[];
  tail?: { start: number; text: string };
};

/**
 * Whether `s` starts with `prefix`. A stream's text is a chain of appended pieces, on which
 * String.prototype.startsWith walks character by character (~20 µs for 6,000 characters);
 * comparing a slice is a flat-string comparison, ~30 times faster.
 */
export function hasPrefix(s: string, prefix: string): boolean {
  return s.length >= prefix.length && s.slice(0, prefix.length) === prefix;
}

// Length of the text (tabs expanded) that two span lists share, styles included.
function sharedPrefix(texts: readonly string[], styles: readonly (Style | undefined)[], memo: WrapMemo): number {
  let n = 0;
  const k = Math.min(texts.length, memo.texts.length);
  for (let i = 0; i < k; i++) {
    if (styles[i] !== memo.styles[i]) return n;
    const a = texts[i]!, b = memo.texts[i]!;
    if (a === b) { n += a.length; continue; }
    // A stream appends: one text extends the other (checked natively, not char by char).
    if (hasPrefix(a, b)) return n + b.length;
    if (hasPrefix(b, a)) return n + a.length;
    let j = 0;
    while (j < a.length && j < b.length && a.charCodeAt(j) === b.charCodeAt(j)) j++;
    return n + j;
  }
  return n;
}

/**
 * wrapSpans for spans that mostly share a prefix with the last call's (a paragraph growing as a
 * stream appends to it): the lines before the last line that starts with a word wholly inside
 * the shared prefix are reused (the same line objects) and only the rest is wrapped again, so a
 * delta costs about one line. Gives exactly wrapSpans's lines.
 */
export function wrapSpansIncremental(spans: readonly Span[], width: number, memo?: WrapMemo): { lines: StyledLine[]; memo: WrapMemo } {
  const w = Math.max(1, Math.floor(width));
  // A span object passed again (a settled start kept by the caller) was expanded last time.
  const texts = spans.map((s, i) => (memo !== undefined && memo.spans[i] === s ? memo.texts[i]! : expandTabs(s.text)));
  const styles = spans.map((s) => s.style);
  const expanded: Span[] = spans.map((s, i) => (texts[i] === s.text ? s : { text: texts[i]!, style: s.style }));
  let from: Resume | undefined;
  let kept = 0;
  if (memo !== undefined && memo.width === w) {
    const shared = sharedPrefix(texts, styles, memo);
    // The word's end must be inside the prefix too: a word that grew may fit elsewhere.
    for (let i = memo.resumes.length - 1; i >= 0; i--) if (memo.resumes[i]!.end < shared) { from = memo.resumes[i]; kept = i; break; }
  }
  if (from === undefined || from.line === 0) {
    const resumes: Resume[] = [];
    const lines = wrapCore(expanded, w, resumes, 0, 0);
    return { lines, memo: withTail({ width: w, spans, texts, styles, lines, resumes }) };
  }
  // The spans from the resume word on.
  const rest: Span[] = [];
  let at = 0;
  for (let i = 0; i < expanded.length; i++) {
    const s = expanded[i]!;
    const end = at + s.text.length;
    if (end > from.start) rest.push(at >= from.start ? s : s.style === undefined ? { text: s.text.slice(from.start - at) } : { text: s.text.slice(from.start - at), style: s.style });
    at = end;
  }
  // Resumes are in text order: the ones before `from`.
  const resumes = memo!.resumes.slice(0, kept);
  const lines = memo!.lines.slice(0, from.line);
  for (const l of wrapCore(rest, w, resumes, from.line, from.start)) lines.push(l);
  return { lines, memo: withTail({ width: w, spans, texts, styles, lines, resumes }) };
}

// The resume an append to the text would restart from: the last one whose word ends before the
// text's end (a word touching the end may grow), as wrapSpansIncremental picks it.
function lastResume(resumes: readonly Resume[], total: number): number {
  for (let i = resumes.length - 1; i >= 0; i--) if (resumes[i]!.end < total) return i;
  return -1;
}

// Where a tail kept for resume k starts: one resume earlier, because a line broken inside a long
// word can become a word's own start as the word grows, and then the next append steps back one.
const tailStart = (resumes: readonly Resume[], k: number): number => resumes[Math.max(0, k - 1)]!.start;

// Keeps the last span's text from the resume an append would use (when it lies in that span).
function withTail(memo: WrapMemo): WrapMemo {
  const last = memo.texts.length - 1;
  if (last < 0) return memo;
  let total = 0;
  for (const t of memo.texts) total += t.length;
  const k = lastResume(memo.resumes, total);
  const lastStart = total - memo.texts[last]!.length;
  if (k < 0 || memo.resumes[k]!.start < lastStart) return memo;
  const start = Math.max(lastStart, tailStart(memo.resumes, k));
  return { ...memo, tail: { start, text: memo.texts[last]!.slice(start - lastStart) } };
}

/**
 * wrapSpansIncremental for the last call's spans with `delta` appended to the last span's text
 * (same style): wraps again from the last resume using only the text from there, never the whole
 * span, so a paragraph of any length costs about one line per append. Undefined when the memo
 * cannot resume inside the last span (then call wrapSpansIncremental with the whole spans).
 */
export function wrapAppendLast(memo: WrapMemo, delta: string): { lines: StyledLine[]; memo: WrapMemo } | undefined {
  const tail = memo.tail;
  const last = memo.spans.length - 1;
  if (tail === undefined || last < 0) return undefined;
  let total = 0;
  for (const t of memo.texts) total += t.length;
  const k = lastResume(memo.resumes, total);
  const from = k < 0 ? undefined : memo.resumes[k]!;
  if (from === undefined || from.line === 0 || from.start < tail.start) return undefined;
  const d = expandTabs(delta);
  const span = memo.spans[last]!;
  const style = span.style;
  const tailText = tail.text + d;
  const restText = tailText.slice(from.start - tail.start);
  const resumes = memo.resumes.slice(0, k);
  const lines = memo.lines.slice(0, from.line);
  for (const l of wrapCore([style === undefined ? { text: restText } : { text: restText, style }], memo.width, resumes, from.line, from.start)) lines.push(l);
  const grown: Span = style === undefined ? { text: span.text + delta } : { text: span.text + delta, style };
  const spans = memo.spans.slice(0, last).concat(grown);
  const texts = memo.texts.slice(0, last).concat(memo.texts[last]! + d);
  // The next append resumes where the last word ending before the new end starts; the tail
  // kept covers it when that lies within what this one had (else that append reads the whole).
  const k2 = lastResume(resumes, total + d.length);
  const next: WrapMemo = { width: memo.width, spans, texts, styles: memo.styles, lines, resumes };
  if (k2 >= 0 && resumes[k2]!.start >= tail.start) {
    const start = Math.max(tail.start, tailStart(resumes, k2));
    next.tail = { start, text: tailText.slice(start - tail.start) };
  }
  return { lines, memo: next };
}

const textCache = new Map<string, readonly string[]>();
const TEXT_CACHE_MAX = 2000;

/** Wraps plain text to `width` cells (see wrapSpans); results are cached per (text, width). */
export function wrapText(text: string, width: number): string[] {
  const key = `${width}\u0000${text}`;
  const hit = textCache.get(key);
  if (hit !== undefined) return hit.slice();
  const lines = wrapSpans([{ text }], width).map((l) => l.map((s) => s.text).join(""));
  if (textCache.size >= TEXT_CACHE_MAX) textCache.delete(textCache.keys().next().value as string);
  textCache.set(key, lines);
  return lines.slice();
}

function cpLen(g: string): number {
  return g.length === 1 ? 1 : [...g].length;
}

/**
 * Editor wrapping with code-point ranges (for the composer's cursor): breaks after whitespace,
 * hard-breaks long words; whitespace never causes a break (it hangs past the edge), so every
 * offset maps to exactly one place. `hard` is true for the last visual line of a source line.
 */
export function wrapWithOffsets(text: string, width: number): OffsetLine[] {
  const w = Math.max(1, Math.floor(width));
  if (ASCII_TEXT.test(text)) return wrapAsciiWithOffsets(text, w);
  const out: OffsetLine[] = [];
  let base = 0;
  for (const line of text.split("\n")) {
    const gs = graphemes(line.includes("\t") ? line.replace(/\t/g, " ") : line);
    const gw = gs.map(graphemeWidth);
    const gcp = gs.map(cpLen);
    let start = 0; // grapheme index where the visual line starts
    let startCp = base;
    let lastBreak = -1; // grapheme index just after the last whitespace on this visual line
    let cw = 0;
    let cp = base;
    const emit = (endIdx: number, endCp: number, hard: boolean) => {
      const t = gs.slice(start, endIdx).join("");
      out.push({ text: t, start: startCp, end: endCp, width: textWidth(t), hard });
    };
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i]!;
      const space = g === " ";
      while (!space && cw + gw[i]! > w && i > start) {
        const at = lastBreak > start ? lastBreak : i;
        let atCp = startCp;
        for (let k = start; k < at; k++) atCp += gcp[k]!;
        emit(at, atCp, false);
        start = at;
        startCp = atCp;
        lastBreak = -1;
        cw = 0;
        for (let k = start; k < i; k++) cw += gw[k]!;
      }
      cw += gw[i]!;
      cp += gcp[i]!;
      if (space) lastBreak = i + 1;
    }
    emit(gs.length, cp, true);
    base = cp + 1; // the newline
  }
  return out;
}

const ASCII_TEXT = /^[\x20-\x7e\n\t]*$/;

// wrapWithOffsets for printable ASCII (what the composer holds nearly always): one cell and one
// code point per character, so the wrap is index arithmetic, with no segmentation or measuring.
function wrapAsciiWithOffsets(text: string, w: number): OffsetLine[] {
  const out: OffsetLine[] = [];
  let base = 0;
  for (const raw of text.split("\n")) {
    const line = raw.includes("\t") ? raw.replace(/\t/g, " ") : raw;
    let start = 0;
    let lastBreak = -1;
    for (let i = 0; i < line.length; i++) {
      const space = line.charCodeAt(i) === 32;
      while (!space && i - start >= w && i > start) {
        const at = lastBreak > start ? lastBreak : i;
        out.push({ text: line.slice(start, at), start: base + start, end: base + at, width: at - start, hard: false });
        start = at;
        lastBreak = -1;
      }
      if (space) lastBreak = i + 1;
    }
    out.push({ text: line.slice(start), start: base + start, end: base + line.length, width: line.length - start, hard: true });
    base += line.length + 1;
  }
  return out;
}
