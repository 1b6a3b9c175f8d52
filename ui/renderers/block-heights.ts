// Row counts of a buffer's blocks at one width and flags, by position. A frame asks for the rows
// of each block below the view; a block whose object and rev are the ones measured costs two
// comparisons, so paging up at any depth never renders what is below the view again.
import type { Block } from "../../engine/kernel/block.js";

/** The measured row counts of one buffer's blocks at a width and flags. */
export class BlockHeights {
  private readonly refs: (Block | undefined)[] = [];
  private readonly revs: number[] = [];
  private readonly counts: number[] = [];
  // By id as well: blocks spliced in before keep their measurement though their position moved.
  private readonly byId = new Map<string, { rev: number; n: number }>();

  constructor(readonly buffer: string, readonly width: number, readonly flags: string) {}

  /** Rows of block `b` at position `i`, measured with `measure` only when it changed. */
  rows(i: number, b: Block, measure: () => number): number {
    if (this.refs[i] === b && this.revs[i] === b.rev) return this.counts[i]!;
    const known = this.byId.get(b.id);
    const n = known !== undefined && known.rev === b.rev ? known.n : measure();
    this.refs[i] = b;
    this.revs[i] = b.rev;
    this.counts[i] = n;
    if (this.byId.size > 2 * this.refs.length + 1024) this.byId.clear(); // ids of deleted blocks
    this.byId.set(b.id, { rev: b.rev, n });
    return n;
  }
}
