// The rows of a buffer's blocks at one width and flags as a Fenwick tree, kept current from the
// buffer's block log: a frame applies the changes since the last one (usually the streaming
// block's, re-measured) and finds the first visible block in O(log n), whatever the depth. Blocks
// are measured lazily from the bottom up: [measured, n) are known, those above weigh nothing
// until a frame scrolls far enough to need them.
import type { Block } from "../../engine/kernel/block.js";
import type { BlockLog } from "../../engine/kernel/block-log.js";
import { Fenwick } from "./fenwick.js";

/** A visible block: its position, the rows under its last line, its rows, and whether a block with rows is above it. */
export type Shown = { i: number; below: number; n: number; above: boolean };

// Blocks spliced into the measured part at once: more than this and the part above them is
// measured again lazily instead.
const EAGER = 64;

/** Row counts of one buffer's blocks at a width and flags, by position, with O(log n) lookups. */
export class RowIndex {
  private log: BlockLog | undefined;
  private version = 0;
  private counts: number[] = [];
  // Weights: a block's rows plus its separator row (blocks without rows weigh 0).
  private tree = new Fenwick();
  private measured = 0;
  // Counts by id and rev: a block measured once is not rendered again when the index rebuilds.
  private readonly byId = new Map<string, { rev: number; n: number }>();

  constructor(private readonly measure: (b: Block) => number) {}

  private rowsOf(b: Block): number {
    const known = this.byId.get(b.id);
    if (known !== undefined && known.rev === b.rev) return known.n;
    const n = this.measure(b);
    if (this.byId.size > 2 * this.counts.length + 1024) this.byId.clear();
    this.byId.set(b.id, { rev: b.rev, n });
    return n;
  }

  private put(i: number, b: Block): void {
    const n = this.rowsOf(b);
    this.counts[i] = n;
    this.tree.set(i, n > 0 ? n + 1 : 0);
  }

  /** Applies the block changes since the last sync (a full lazy rebuild when they cannot be told). */
  sync(blocks: readonly Block[], log: BlockLog): void {
    const changes = this.log === log ? log.changesSince(this.version) : undefined;
    this.log = log;
    this.version = log.version;
    if (changes === undefined) return this.restart(blocks.length);
    // Positions move as the changes replay: the blocks to measure are collected and measured at
    // their positions now, once every change is applied.
    const touched = new Set<Block>();
    for (const c of changes) {
      if (c.kind === "reset") return this.restart(blocks.length);
      if (c.kind === "change") { touched.add(c.block); continue; }
      const added = c.blocks.length;
      for (const b of c.blocks) touched.add(b);
      if (c.at === this.counts.length && c.removed === 0 && added <= EAGER) {
        // Blocks appended at the end (the usual case): O(log n) each.
        for (let k = 0; k < added; k++) { this.counts.push(0); this.tree.push(0); }
        continue;
      }
      this.counts.splice(c.at, c.removed, ...new Array<number>(added).fill(0));
      let lazy = false;
      if (c.at + c.removed <= this.measured) this.measured += added - c.removed;
      else if (c.at < this.measured) this.measured = c.at + added;
      // Many inserted into the measured part: everything above them is measured again lazily.
      else if (added > EAGER) { this.measured = c.at + added; lazy = true; }
      if (lazy) for (let i = 0; i < this.measured; i++) this.counts[i] = 0;
      this.tree = Fenwick.from(this.counts.map((n, i) => (i >= this.measured && n > 0 ? n + 1 : 0)));
    }
    for (const b of touched) {
      const i = b.index;
      if (i >= this.measured && blocks[i] === b) this.put(i, b);
    }
  }

  // Nothing known: the blocks are measured from the bottom as frames need them.
  private restart(n: number): void {
    this.counts = new Array<number>(n).fill(0);
    this.tree = Fenwick.from(this.counts);
    this.measured = n;
  }

  /** Rows from block `from` to the end, separators included (0 without rows). */
  private rowsFrom(from: number): number {
    return Math.max(0, this.tree.prefix(this.counts.length) - this.tree.prefix(from) - 1);
  }

  /**
   * The blocks showing rows [scroll, scroll + height) counted from the bottom, top first, with
   * the total rows and whether the top was reached (as a walk up from the newest block that stops
   * once its rows cover the view would see them); `scroll` is clamped when the top is reached.
   */
  view(blocks: readonly Block[], scroll: number, height: number): { shown: Shown[]; scroll: number; reachedTop: boolean; rows: number } {
    // Measure upwards until the rows from the lowest measured block cover the view.
    while (this.measured > 0 && this.rowsFrom(this.measured) < height + scroll) this.put(--this.measured, blocks[this.measured]!);
    const reachedTop = this.counts.length <= 1 || this.rowsFrom(1) < height + scroll;
    const rows = this.rowsFrom(0);
    if (reachedTop) scroll = Math.min(scroll, Math.max(0, rows - height));
    const top = scroll + height;
    const total = this.tree.prefix(this.counts.length);
    const shown: Shown[] = [];
    // The first block whose rows start below the top of the view: below(i) = total - prefix(i + 1).
    let i = Math.max(this.measured, this.tree.countAtMost(total - top));
    let below = total - this.tree.prefix(i + 1);
    let above = this.tree.prefix(i) > 0 || this.measured > 0;
    for (const first = i; i < this.counts.length; i++) {
      const n = this.counts[i]!;
      if (i > first) below -= n > 0 ? n + 1 : 0;
      if (n === 0) continue;
      if (below + n < scroll) break;
      shown.push({ i, below, n, above });
      above = true;
    }
    return { shown, scroll, reachedTop, rows };
  }
}
