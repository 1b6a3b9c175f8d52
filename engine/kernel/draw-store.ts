// Extension draw operations, per window. They stay until the window is cleared (lua-api.md
// "Deliberate differences"), so a handler that draws once keeps its overlay on every frame; those
// a `render` handler queued last one frame, as in the original.
import type { DrawOp } from "./draw-op.js";
import type { TransactionManager } from "./transaction.js";

/** Past this many operations a window drops its oldest: an extension that draws every frame
 *  without clearing must not grow memory and paint time without bound. */
export const MAX_OPS_PER_WINDOW = 4096;

/** Queued draw operations per window; journaled like every other kernel state. */
export class DrawStore {
  private readonly byWindow = new Map<string, DrawOp[]>();

  constructor(private readonly tx: TransactionManager) {}

  /** Queues op for its window; a `clear_window` op first drops what the window had. */
  add(op: DrawOp): void {
    if (op.kind === "clear_window") this.clear(op.window);
    const list = this.byWindow.get(op.window);
    if (!list || list.length >= MAX_OPS_PER_WINDOW) {
      this.replace(op.window, [...(list ?? []).slice(1), op]);
      return;
    }
    // Undo runs newest first, so at undo time the list is exactly as this push left it.
    const n = list.length;
    list.push(op);
    this.tx.record(() => {
      list.length = n;
    });
    this.tx.touchWindow(op.window);
  }

  /** Drops every operation of window. */
  clear(window: string): void {
    if (this.byWindow.has(window)) this.replace(window, undefined);
  }

  /** Drops the operations queued by the last frame's `render` handlers (each frame draws anew). */
  dropFrame(): void {
    for (const [window, list] of this.byWindow) {
      if (!list.some((op) => op.frame)) continue;
      const kept = list.filter((op) => !op.frame);
      this.replace(window, kept.length > 0 ? kept : undefined);
    }
  }

  /** Drops every operation owner queued, in every window (the extension is reloaded or disabled). */
  removeOwner(owner: string): void {
    for (const [window, list] of this.byWindow) {
      if (!list.some((op) => op.owner === owner)) continue;
      const kept = list.filter((op) => op.owner !== owner);
      this.replace(window, kept.length > 0 ? kept : undefined);
    }
  }

  /** The window's operations in the order they were queued. */
  ops(window: string): readonly DrawOp[] {
    return this.byWindow.get(window) ?? EMPTY;
  }

  /** Names of windows that have operations. */
  windows(): string[] {
    return [...this.byWindow.keys()];
  }

  private replace(window: string, list: DrawOp[] | undefined): void {
    const prev = this.byWindow.get(window);
    if (list) this.byWindow.set(window, list);
    else this.byWindow.delete(window);
    this.tx.record(() => {
      if (prev) this.byWindow.set(window, prev);
      else this.byWindow.delete(window);
    });
    this.tx.touchWindow(window);
  }
}

const EMPTY: readonly DrawOp[] = Object.freeze([]);
