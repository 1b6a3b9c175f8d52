// Decorated lines kept between frames: a source line is decorated again only when its text, the
// width or its marks (which marks, and where they sit relative to the line) changed, so a frame
// after a key costs the lines the key changed, not every mark on screen. Marks are compared as
// the kernel stores them (slots), without building views; lines are looked up by text, so lines
// that moved (a newline typed above them) or repeat (blank lines) are found again.
import type { MarkQuery, MarkSlot } from "../engine/kernel/extmarks.js";
import { decorateLine, type DecoratedLine } from "./mark-decorate.js";
import type { StyledLine } from "./wrap-text.js";

/** One source line: its number, its text and the rows it wraps into (asked for only when the
 *  line is decorated afresh). */
export type LineRows = { line: number; text: string; rows: () => StyledLine[] };

// Per mark: its slot (the same object while the mark is not set again: its decorations, ids and
// whether it has a range), its start column in the line (-1: starts above) and its end column
// (-3: ends below).
type Sig = Array<MarkSlot | number>;
type Entry = { width: number; prefix: number; sig: Sig; out: DecoratedLine; used: number };

const FIELDS = 3;
const startIn = (s: MarkSlot, from: number): number => (s.start >= from ? s.start - from : -1);
const endIn = (s: MarkSlot, from: number, to: number): number => (s.end <= to ? s.end - from : -3);

/** The signature of the slots on the line at offsets [from, to]. */
function signature(slots: readonly MarkSlot[], from: number, to: number): Sig {
  const sig: Sig = new Array(slots.length * FIELDS);
  for (let i = 0, k = 0; i < slots.length; i++, k += FIELDS) {
    const s = slots[i]!;
    sig[k] = s; sig[k + 1] = startIn(s, from); sig[k + 2] = endIn(s, from, to);
  }
  return sig;
}

/** True when the slots on the line at [from, to] have the signature (compared in place). */
function matches(sig: Sig, slots: readonly MarkSlot[], from: number, to: number): boolean {
  if (sig.length !== slots.length * FIELDS) return false;
  for (let i = 0, k = 0; i < slots.length; i++, k += FIELDS) {
    const s = slots[i]!;
    if (sig[k] !== s || sig[k + 1] !== startIn(s, from) || sig[k + 2] !== endIn(s, from, to)) return false;
  }
  return true;
}

/** Decorated lines of one window. The rows of a LineRows must follow from (text, width, prefix). */
export class MarkLineCache {
  private readonly entries = new Map<string, Entry[]>();
  private readonly here: MarkSlot[] = [];
  private size = 0;
  private frame = 0;
  private usedNow = 0;
  /** Lines decorated (not found) since the cache was made: for tests. */
  misses = 0;

  /** decorateLine's result for each of lines (consecutive source lines, in order), from the cache
   *  for the lines whose text, width and marks are as they were when last decorated. */
  decorateLines(lines: readonly LineRows[], q: MarkQuery, width: number, prefix: number): DecoratedLine[] {
    this.begin();
    const slots = q.slots(lines[0]!.line, lines[lines.length - 1]!.line);
    const out: DecoratedLine[] = [];
    // Slots starting before the current line that may reach into it, the next slot to look at,
    // and the current line's slots (reused: a frame of hits allocates no lists).
    const open: MarkSlot[] = [];
    const here = this.here;
    let next = 0;
    for (const l of lines) {
      const { start, end } = q.lineSpan(l.line);
      while (next < slots.length && slots[next]!.start < start) open.push(slots[next++]!);
      let kept = 0;
      for (const s of open) if (s.end >= start) open[kept++] = s;
      open.length = kept;
      here.length = 0;
      for (const s of open) here.push(s);
      for (let k = next; k < slots.length && slots[k]!.start <= end; k++) here.push(slots[k]!);
      out.push(this.decorate(l, here, start, end, q, width, prefix));
    }
    return out;
  }

  private decorate(l: LineRows, slots: readonly MarkSlot[], from: number, to: number, q: MarkQuery, width: number, prefix: number): DecoratedLine {
    let list = this.entries.get(l.text);
    for (const e of list ?? []) {
      if (e.width !== width || e.prefix !== prefix || !matches(e.sig, slots, from, to)) continue;
      if (e.used !== this.frame) { e.used = this.frame; this.usedNow++; }
      return e.out;
    }
    this.misses++;
    const out = decorateLine(l.rows(), l.line, l.text, slots.map((s) => q.view(s)), width, prefix);
    if (list === undefined) this.entries.set(l.text, (list = []));
    list.push({ width, prefix, sig: signature(slots, from, to), out, used: this.frame });
    this.size++;
    this.usedNow++;
    return out;
  }

  // A new frame: past a few times the lines the last frame used, only those are kept.
  private begin(): void {
    this.frame++;
    const usedBefore = this.usedNow;
    this.usedNow = 0;
    if (this.size <= 64 + 4 * usedBefore) return;
    for (const [text, list] of this.entries) {
      const keep = list.filter((e) => e.used >= this.frame - 1);
      this.size -= list.length - keep.length;
      if (keep.length === 0) this.entries.delete(text);
      else if (keep.length !== list.length) this.entries.set(text, keep);
    }
  }
}

/** Windows whose decorated lines are kept (more are forgotten, the least recently drawn first). */
const MAX_WINDOWS = 64;

/** One MarkLineCache per window, for a renderer that draws several. */
export class MarkLineCaches {
  private readonly byWindow = new Map<string, MarkLineCache>();

  /** The window's cache (made on first use). */
  for(window: string): MarkLineCache {
    let c = this.byWindow.get(window);
    if (c !== undefined) this.byWindow.delete(window);
    else if (this.byWindow.size >= MAX_WINDOWS) this.byWindow.delete(this.byWindow.keys().next().value!);
    this.byWindow.set(window, (c ??= new MarkLineCache()));
    return c;
  }
}
