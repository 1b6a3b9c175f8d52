// Which blocks of a buffer changed, in order, so a reader that keeps something per block (the
// transcript's row index) updates only those instead of checking every block on every frame.
import type { Block } from "./block.js";

/**
 * One change to a buffer's blocks: `splice` (blocks [at, at + removed) became `blocks`), `change`
 * (`block` changed its fields; its `index` is where it is now), or `reset` (the list was replaced).
 */
export type BlockChange =
  | { kind: "splice"; at: number; removed: number; blocks: readonly Block[] }
  | { kind: "change"; block: Block }
  | { kind: "reset" };

/** Changes remembered for changesSince: a reader further behind rebuilds. */
const LOG_SIZE = 256;

/** A buffer's block changes with a version, like TextLines' splice log. */
export class BlockLog {
  private ver = 0;
  private log: BlockChange[] = [];

  /** Bumped by every change. */
  get version(): number {
    return this.ver;
  }

  /** Records a change. */
  record(c: BlockChange): void {
    this.ver++;
    this.log.push(c);
    if (this.log.length > LOG_SIZE * 2) this.log = this.log.slice(-LOG_SIZE);
  }

  /** The changes since version v, oldest first; undefined when v is too old to tell (rebuild). */
  changesSince(v: number): readonly BlockChange[] | undefined {
    const n = this.ver - v;
    if (n < 0 || n > this.log.length) return undefined;
    return this.log.slice(this.log.length - n);
  }
}
