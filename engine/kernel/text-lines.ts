// A buffer's text held as an array of lines, so an edit costs the size of the lines it touches,
// not of the text: a key in a 1 MB composer rebuilds one short string. Offsets are 0-based code
// points over the whole text (a newline is one). The joined string is built on demand and cached.
import { cpLength, cpSlice } from "./code-points.js";

/** One in-place change as lines: lines [line, line + removed) became [line, line + added);
 *  `replaced` when text was both removed and inserted (not typing, not deleting). */
export type LineSplice = { line: number; removed: number; added: number; replaced: boolean };

/** Splices remembered for changesSince: more than this many since a reader's last look is a rebuild. */
const LOG_SIZE = 256;

/** Text as lines with code-point offsets; splice is the one way to change it in place. */
export class TextLines {
  private ver = 0;
  private log: LineSplice[] = [];
  private rows: string[];
  private cps: number[];
  private size: number;
  private flat: string | undefined;
  // The start of the line last located: edits and cursor moves are local, so most lookups walk
  // from here a line or two instead of summing every line before them.
  private hintLine = 0;
  private hintStart = 0;

  constructor(text = "") {
    this.rows = text.split("\n");
    this.cps = this.rows.map(cpLength);
    this.size = this.cps.reduce((a, b) => a + b, this.rows.length - 1);
    this.flat = text;
  }

  /** Bumped by every splice: with changesSince, a reader can update by what changed. */
  get version(): number {
    return this.ver;
  }

  /** The splices made since version v, oldest first; undefined when v is too old to tell. */
  changesSince(v: number): readonly LineSplice[] | undefined {
    const n = this.ver - v;
    if (n < 0 || n > this.log.length) return undefined;
    return this.log.slice(this.log.length - n);
  }

  /** Length in code points. */
  get length(): number {
    return this.size;
  }

  /** Number of lines (1 for empty text). */
  get lineCount(): number {
    return this.rows.length;
  }

  /** Line i without its newline ("" out of range). */
  line(i: number): string {
    return this.rows[i] ?? "";
  }

  /** The lines themselves (the live array: copy it to keep a version). */
  all(): readonly string[] {
    return this.rows;
  }

  /** Code points in line i. */
  lineLength(i: number): number {
    return this.cps[i] ?? 0;
  }

  /** The whole text (joined once per change). */
  toString(): string {
    if (this.flat === undefined) this.flat = this.rows.join("\n");
    return this.flat;
  }

  /** The offset of the first code point of line i (clamped to the lines). */
  lineStart(i: number): number {
    const target = Math.max(0, Math.min(i, this.rows.length - 1));
    let line = this.hintLine;
    let start = this.hintStart;
    while (line > target) start -= this.cps[--line]! + 1;
    while (line < target) start += this.cps[line++]! + 1;
    this.hintLine = line;
    this.hintStart = start;
    return start;
  }

  /** The line holding offset cp (clamped to [0, length]) and the column in it, in code points. */
  locate(cp: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(cp, this.size));
    let line = this.hintLine;
    let start = this.hintStart;
    while (line > 0 && at < start) start -= this.cps[--line]! + 1;
    while (line < this.rows.length - 1 && at > start + this.cps[line]!) start += this.cps[line++]! + 1;
    this.hintLine = line;
    this.hintStart = start;
    return { line, col: at - start };
  }

  /** The text of [start, end) (clamped), built from the lines it spans only. */
  slice(start: number, end: number): string {
    const a = this.locate(Math.min(start, end));
    const z = this.locate(Math.max(start, end));
    if (a.line === z.line) return cpSlice(this.rows[a.line]!, a.col, z.col);
    const parts = [cpSlice(this.rows[a.line]!, a.col)];
    for (let i = a.line + 1; i < z.line; i++) parts.push(this.rows[i]!);
    parts.push(cpSlice(this.rows[z.line]!, 0, z.col));
    return parts.join("\n");
  }

  /** Replaces [start, end) (clamped, ordered by the caller) with s; returns the removed text. */
  splice(start: number, end: number, s: string): string {
    const a = this.locate(start);
    const aStart = this.hintStart;
    const z = this.locate(end);
    const removed = this.slice(start, end);
    const head = cpSlice(this.rows[a.line]!, 0, a.col);
    const tail = cpSlice(this.rows[z.line]!, z.col);
    const added = s === "" ? [head + tail] : (head + s + tail).split("\n");
    this.rows = spliceList(this.rows, a.line, z.line - a.line + 1, added);
    this.cps = spliceList(this.cps, a.line, z.line - a.line + 1, added.map(cpLength));
    this.size += cpLength(s) - cpLength(removed);
    this.flat = undefined;
    this.ver++;
    this.log.push({ line: a.line, removed: z.line - a.line + 1, added: added.length, replaced: removed !== "" && s !== "" });
    if (this.log.length > LOG_SIZE * 2) this.log = this.log.slice(-LOG_SIZE);
    // Lines before the edited one did not move, so its start is still a valid hint.
    this.hintLine = a.line;
    this.hintStart = aStart;
    return removed;
  }
}

// Array.prototype.splice spreads its items as arguments, which overflows the stack for a paste of
// many thousands of lines; a big insertion builds a new array instead.
function spliceList<T>(list: T[], at: number, remove: number, items: T[]): T[] {
  if (items.length < 4096) {
    list.splice(at, remove, ...items);
    return list;
  }
  return list.slice(0, at).concat(items, list.slice(at + remove));
}
