// The transcript's rendered block lines, bounded by an estimate of their bytes (not by a block
// count: one 5,000-line code block weighs what 2,000 short messages do). Least recently used first
// out; a block scrolled back into view is rendered again.
import type { StyledLine } from "../wrap-text.js";

type Entry = { rev: number; width: number; flags: string; lines: StyledLine[]; bytes: number };

/** Default budget of the cache: the lines of many screens of any history. */
export const LINE_CACHE_BYTES = 24 * 1024 * 1024;

// An estimate of the heap a block's lines hold, in O(1) (a streaming block is stored on every
// delta): per line an array, a few span objects and at most `width` UTF-16 characters.
const weigh = (lines: readonly StyledLine[], width: number): number => 64 + lines.length * (128 + 2 * width);

/** Block lines per key, valid for one (rev, width, flags); evicted least recently used first. */
export class BlockLineCache {
  private readonly map = new Map<string, Entry>();
  /** Estimated bytes held now. */
  bytes = 0;

  constructor(readonly budget: number = LINE_CACHE_BYTES) {}

  /** The cached lines when rev, width and flags match (the entry becomes most recently used). */
  get(key: string, rev: number, width: number, flags: string): StyledLine[] | undefined {
    const hit = this.map.get(key);
    if (hit === undefined || hit.rev !== rev || hit.width !== width || hit.flags !== flags) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.lines;
  }

  /** Stores lines, then evicts the least recently used entries past the budget (never this one). */
  set(key: string, rev: number, width: number, flags: string, lines: StyledLine[]): void {
    this.delete(key);
    const bytes = weigh(lines, width);
    this.map.set(key, { rev, width, flags, lines, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.map) {
      if (this.bytes <= this.budget || k === key) break;
      this.map.delete(k);
      this.bytes -= e.bytes;
    }
  }

  /** Drops one entry. */
  delete(key: string): void {
    const e = this.map.get(key);
    if (e === undefined) return;
    this.map.delete(key);
    this.bytes -= e.bytes;
  }

  /** Entries held. */
  get size(): number {
    return this.map.size;
  }
}
