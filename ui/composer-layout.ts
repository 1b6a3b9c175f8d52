// The composer's wrap, kept per source line: a frame re-wraps (and segments into graphemes) only
// the lines that changed since the last one, so a key in a 1 MB composer costs its own line.
import type { TextLines } from "../engine/kernel/text-lines.js";
import { textWidth } from "./text-measure.js";
import { wrapWithOffsets, type OffsetLine } from "./wrap-text.js";

/** The wrapped text and the cursor's visual (row, col); rows counts a row the cursor opens.
 *  `row` sums the rows of the lines before the cursor's, so it is computed on first read. */
export type ComposerLayout = { wraps: readonly OffsetLine[][]; readonly row: number; col: number; rows: number };

/** Lines [p, n - s) of `next` differ from lines [p, m - s) of `prev`; the rest are the same strings. */
export function changedLines(prev: readonly string[], next: readonly string[]): { p: number; s: number } {
  const n = next.length;
  const m = prev.length;
  let p = 0;
  while (p < n && p < m && next[p] === prev[p]) p++;
  let s = 0;
  while (s < n - p && s < m - p && next[n - 1 - s] === prev[m - 1 - s]) s++;
  return { p, s };
}

/** Replaces list[at, at + remove) with items without spreading them as arguments. */
function splice<T>(list: T[], at: number, remove: number, items: T[]): T[] {
  if (items.length < 4096) {
    list.splice(at, remove, ...items);
    return list;
  }
  return list.slice(0, at).concat(items, list.slice(at + remove));
}

/** Wraps of each source line at one width, updated by the lines that changed. */
export class LineWraps {
  private width = -1;
  private src: TextLines | undefined;
  private ver = -1;
  private keys: (string | undefined)[] = [];
  private wraps: (OffsetLine[] | undefined)[] = [];
  /** Visual rows of all lines. */
  total = 0;

  /** The wrap of every line of `text` at `width` (offsets relative to each line's start). */
  update(text: TextLines, width: number): readonly OffsetLine[][] {
    if (width !== this.width) {
      this.width = width;
      this.src = undefined;
      this.keys = [];
      this.wraps = [];
      this.total = 0;
    }
    const changes = this.src === text ? text.changesSince(this.ver) : undefined;
    if (changes !== undefined) {
      // The same lines object edited in place: replay its splices, then wrap the new lines.
      for (const c of changes) this.replace(c.line, c.removed, c.added);
    } else {
      const { p, s } = changedLines(this.keys as string[], text.all());
      this.replace(p, this.keys.length - p - s, text.lineCount - p - s);
    }
    this.fill(text);
    this.src = text;
    this.ver = text.version;
    return this.wraps as OffsetLine[][];
  }

  // Lines [holeLo, holeHi) may hold holes (unwrapped lines) until fill.
  private holeLo = 0;
  private holeHi = 0;

  /** Forgets lines [at, at + removed) and leaves `added` holes for fill. */
  private replace(at: number, removed: number, added: number): void {
    for (let i = at; i < at + removed; i++) this.total -= this.wraps[i]?.length ?? 0;
    const holes = new Array<undefined>(added).fill(undefined);
    this.wraps = splice(this.wraps, at, removed, holes);
    this.keys = splice(this.keys, at, removed, holes);
    // Carry the earlier holes through this splice, then take in the new ones.
    const d = added - removed;
    const map = (x: number, inside: number) => (x < at ? x : x >= at + removed ? x + d : inside);
    const lo = this.holeLo < this.holeHi ? Math.min(map(this.holeLo, at), at) : at;
    const hi = this.holeLo < this.holeHi ? Math.max(map(this.holeHi, at + added), at + added) : at + added;
    this.holeLo = lo;
    this.holeHi = hi;
  }

  /** Wraps the holes replace left. */
  private fill(text: TextLines): void {
    const lines = text.all();
    for (let i = this.holeLo; i < Math.min(this.holeHi, lines.length); i++) {
      if (this.wraps[i] !== undefined) continue;
      const w = wrapWithOffsets(lines[i]!, this.width);
      this.wraps[i] = w;
      this.keys[i] = lines[i];
      this.total += w.length;
    }
    this.holeLo = this.holeHi = 0;
  }
}

/** Lays the text out at `width` with the cursor's position; a cursor past the right edge opens a row. */
export function layoutComposer(wrapsOf: LineWraps, text: TextLines, cursor: number, width: number): ComposerLayout {
  const wraps = wrapsOf.update(text, width);
  const { line, col: cpCol } = text.locate(cursor);
  const own = wraps[line]!;
  let r = own.length - 1;
  for (let i = 0; i < own.length; i++) {
    const l = own[i]!;
    // A soft break's end offset is also the next row's start: the cursor belongs to the next row.
    if (cpCol >= l.start && (cpCol < l.end || (cpCol === l.end && l.hard))) { r = i; break; }
  }
  const vis = own[r]!;
  let col = textWidth(Array.from(vis.text).slice(0, Math.max(0, cpCol - vis.start)).join(""));
  const opens = col >= width;
  if (opens) col = 0;
  // Only a cursor past the end of the last row adds a row: measuring needs no sum of rows.
  const rows = wrapsOf.total + (opens && line === wraps.length - 1 && r === own.length - 1 ? 1 : 0);
  let row: number | undefined;
  return {
    wraps, col, rows,
    get row(): number {
      if (row === undefined) {
        row = r + (opens ? 1 : 0);
        for (let i = 0; i < line; i++) row += wraps[i]!.length;
      }
      return row;
    },
  };
}

/** The text of visual rows [top, top + height) of a layout. */
export function visibleRows(lay: ComposerLayout, top: number, height: number): string[] {
  const out: string[] = [];
  const { wraps } = lay;
  let i = 0;
  let first = 0; // the visual row where line i starts
  while (i < wraps.length - 1 && first + wraps[i]!.length <= top) first += wraps[i++]!.length;
  for (; i < wraps.length && out.length < height; i++) {
    for (let k = Math.max(0, top - first); k < wraps[i]!.length && out.length < height; k++) out.push(wraps[i]![k]!.text);
    first += wraps[i]!.length;
  }
  return out;
}
