// The undo-log transaction every callback runs in. Mutations record a closure that reverses them;
// a rollback (whole or to a savepoint) runs those closures newest first. Commit only forgets the
// log and tells listeners what was touched, so the frame scheduler repaints just that. A touch
// outside any transaction is reported at once, as a commit of its own.

/** What a committed transaction touched. */
export type Touched = { buffers: Set<string>; windows: Set<string>; layout: boolean };

/** Undo-log transactions with nested savepoints. */
export class TransactionManager {
  private log: Array<() => void> = [];
  private open = false;
  private undoing = false;
  private touched: Touched = emptyTouched();
  private listeners: Array<(t: Touched) => void> = [];
  private finalizers = new Set<() => void>();

  /** True while a transaction is open. */
  get active(): boolean {
    return this.open;
  }

  /** Opens a transaction; nesting is done with savepoints, so a second begin is a bug. */
  begin(): void {
    if (this.open) throw new Error("transaction.begin: a transaction is already open: expected savepoint()");
    this.open = true;
    this.log = [];
    this.touched = emptyTouched();
  }

  /** Keeps every recorded change and notifies commit listeners with the touched sets. */
  commit(): void {
    if (!this.open) throw new Error("transaction.commit: no open transaction");
    const touched = this.touched;
    const finalizers = this.finalizers;
    this.open = false;
    this.log = [];
    this.touched = emptyTouched();
    this.finalizers = new Set();
    for (const f of finalizers) f();
    if (touched.buffers.size === 0 && touched.windows.size === 0 && !touched.layout) return;
    this.notify(touched);
  }

  /** Undoes every recorded change and closes the transaction; listeners are not called. */
  rollback(): void {
    if (!this.open) throw new Error("transaction.rollback: no open transaction");
    this.undoTo(0);
    this.open = false;
    this.touched = emptyTouched();
  }

  /** A mark to roll back to: changes recorded after it can be undone alone. */
  savepoint(): number {
    if (!this.open) throw new Error("transaction.savepoint: no open transaction");
    return this.log.length;
  }

  /** Undoes the changes recorded since savepoint sp; the transaction stays open. */
  rollbackTo(sp: number): void {
    if (!this.open) throw new Error("transaction.rollbackTo: no open transaction");
    this.undoTo(sp);
  }

  /** Records how to reverse a change just made; a no-op outside a transaction. */
  record(undo: () => void): void {
    // An undo closure may call a journaling mutator; what it records must not re-enter the log.
    if (this.open && !this.undoing) this.log.push(undo);
  }

  /** Runs fn when the transaction commits (at once outside one); dropped if the change that
   *  registered it is rolled back. For releasing what an undo would have needed (Yoga trees). */
  afterCommit(fn: () => void): void {
    if (!this.open || this.undoing) {
      if (!this.undoing) fn();
      return;
    }
    this.finalizers.add(fn);
    this.log.push(() => this.finalizers.delete(fn));
  }

  /** Marks a buffer as changed by this transaction. */
  touchBuffer(name: string): void {
    if (this.open) this.touched.buffers.add(name);
    else this.notify({ buffers: new Set([name]), windows: new Set(), layout: false });
  }

  /** Marks a window as changed by this transaction. */
  touchWindow(name: string): void {
    if (this.open) this.touched.windows.add(name);
    else this.notify({ buffers: new Set(), windows: new Set([name]), layout: false });
  }

  /** Marks the layout as changed by this transaction. */
  touchLayout(): void {
    if (this.open) this.touched.layout = true;
    else this.notify({ buffers: new Set(), windows: new Set(), layout: true });
  }

  /** Calls listener after every commit that touched something. */
  onCommit(listener: (t: Touched) => void): void {
    this.listeners.push(listener);
  }

  // A change made outside any transaction (host code that forgot to guard) is its own commit:
  // it cannot be rolled back, but it must still reach the screen.
  private notify(t: Touched): void {
    for (const l of this.listeners) l(t);
  }

  private undoTo(sp: number): void {
    // Rolled-back changes stay in the touched sets: repainting an unchanged window is harmless.
    this.undoing = true;
    try {
      while (this.log.length > sp) this.log.pop()!();
    } finally {
      this.undoing = false;
    }
  }
}

function emptyTouched(): Touched {
  return { buffers: new Set(), windows: new Set(), layout: false };
}
