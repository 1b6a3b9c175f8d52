// What a stream appended to a block's text, kept as pieces so a renderer reads only the new end.
// A block's text is one string that grows by `+`; reading it after an append makes V8 copy it
// whole, and past 128 KiB that copy is allocated in the large-object space (about a millisecond
// each time). A renderer that remembers where it stopped (`TextSeen`) asks for what came after.
import type { Block } from "./block.js";

/** Where a reader of a block's text stopped: the log it read and the text length (UTF-16) it had read. */
export type TextSeen = { readonly log: AppendLog; readonly length: number };

// Appends coalesce into pieces of about this many UTF-16 units, so reading from an offset costs
// at most one piece plus what follows it.
const PIECE = 8192;

/** The pieces appended to one block's text since the log started (`base`: its length then). */
export class AppendLog {
  private readonly pieces: string[] = [];
  private readonly starts: number[] = [];
  /** The text's length now (UTF-16 units). */
  length: number;

  constructor(readonly base: number) {
    this.length = base;
  }

  /** Records text appended at the end. */
  push(s: string): void {
    if (s === "") return;
    const k = this.pieces.length - 1;
    if (k >= 0 && this.pieces[k]!.length < PIECE) this.pieces[k] += s;
    else {
      this.pieces.push(s);
      this.starts.push(this.length);
    }
    this.length += s.length;
  }

  /** The text from offset `at` to the end; undefined when `at` is before the log's start or past the end. */
  from(at: number): string | undefined {
    if (at < this.base || at > this.length) return undefined;
    if (at === this.length) return "";
    // The last piece starting at or before `at` (binary search: the pieces are in text order).
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const first = this.pieces[lo]!.slice(at - this.starts[lo]!);
    return lo === this.pieces.length - 1 ? first : first + this.pieces.slice(lo + 1).join("");
  }
}

// The log rides on the block object as a hidden property: copies (`{ ...b }`), JSON and Lua never
// see it, and a block replaced by another object simply has none.
const LOG = Symbol("appendLog");
type Logged = Block & { [LOG]?: AppendLog };

/** Records `text` appended to `b` (whose text was `prev` before): the store's append path. */
export function logAppend(b: Block, prev: string, text: string): void {
  const own = b as Logged;
  let log = own[LOG];
  if (log === undefined || log.length !== prev.length) {
    log = new AppendLog(prev.length);
    Object.defineProperty(own, LOG, { value: log, writable: true, enumerable: false, configurable: true });
  }
  log.push(text);
}

/** Forgets the log of `b`: its text changed other than by appending (readers then read it whole). */
export function dropAppendLog(b: Block): void {
  const own = b as Logged;
  if (own[LOG] !== undefined) own[LOG] = undefined;
}

/** Where a reader that has just read `b.text` whole stands (undefined: the block has no log). */
export function textSeen(b: Block): TextSeen | undefined {
  const log = (b as Logged)[LOG];
  return log === undefined ? undefined : { log, length: log.length };
}

/**
 * The text appended to `b` since `seen`, and where the reader stands after reading it; undefined
 * when the text changed otherwise since (or `seen` is unknown): then read `b.text` whole.
 */
export function appendedSince(b: Block, seen: TextSeen | undefined): { text: string; seen: TextSeen } | undefined {
  const log = (b as Logged)[LOG];
  if (seen === undefined || log === undefined || seen.log !== log || seen.length > log.length) return undefined;
  const text = log.from(seen.length);
  return text === undefined ? undefined : { text, seen: { log, length: log.length } };
}
