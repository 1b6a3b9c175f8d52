import { describe, expect, it } from "vitest";
import { TransactionManager, type Touched } from "../../engine/kernel/transaction.js";

function counter(tx: TransactionManager) {
  const state = { n: 0 };
  const add = (k: number) => {
    const prev = state.n;
    state.n += k;
    tx.record(() => { state.n = prev; });
  };
  return { state, add };
}

describe("TransactionManager", () => {
  it("keeps changes on commit and reports what was touched", () => {
    const tx = new TransactionManager();
    const seen: Touched[] = [];
    tx.onCommit((t) => seen.push(t));
    const { state, add } = counter(tx);
    tx.begin();
    add(2);
    tx.touchBuffer("composer");
    tx.touchWindow("status");
    tx.touchLayout();
    tx.commit();
    expect(state.n).toBe(2);
    expect(seen).toEqual([{ buffers: new Set(["composer"]), windows: new Set(["status"]), layout: true }]);
  });

  it("undoes every change on rollback and notifies nobody", () => {
    const tx = new TransactionManager();
    let commits = 0;
    tx.onCommit(() => commits++);
    const { state, add } = counter(tx);
    tx.begin();
    add(1);
    add(10);
    tx.touchBuffer("b");
    tx.rollback();
    expect(state.n).toBe(0);
    expect(commits).toBe(0);
    expect(tx.active).toBe(false);
  });

  it("rolls back to nested savepoints, newest first", () => {
    const tx = new TransactionManager();
    const { state, add } = counter(tx);
    tx.begin();
    add(1);
    const outer = tx.savepoint();
    add(10);
    const inner = tx.savepoint();
    add(100);
    tx.rollbackTo(inner);
    expect(state.n).toBe(11);
    add(1000);
    tx.rollbackTo(outer);
    expect(state.n).toBe(1);
    tx.commit();
    expect(state.n).toBe(1);
  });

  it("ignores record() outside a transaction", () => {
    const tx = new TransactionManager();
    let undone = false;
    tx.record(() => { undone = true; });
    tx.begin();
    tx.rollback();
    expect(undone).toBe(false);
  });

  it("does not notify for a commit that touched nothing", () => {
    const tx = new TransactionManager();
    let commits = 0;
    tx.onCommit(() => commits++);
    tx.begin();
    tx.commit();
    expect(commits).toBe(0);
  });

  it("refuses a second begin", () => {
    const tx = new TransactionManager();
    tx.begin();
    expect(() => tx.begin()).toThrow("transaction.begin: a transaction is already open: expected savepoint()");
  });
});

describe("TransactionManager outside a transaction", () => {
  it("reports a touch at once, as its own commit", () => {
    const tx = new TransactionManager();
    const seen: Touched[] = [];
    tx.onCommit((t) => seen.push(t));
    tx.touchBuffer("transcript");
    expect(seen).toEqual([{ buffers: new Set(["transcript"]), windows: new Set(), layout: false }]);
  });
});

describe("TransactionManager undo closures", () => {
  it("ignores what an undo closure records while rolling back", () => {
    const tx = new TransactionManager();
    let focus = "composer";
    const setFocus = (v: string) => {
      const prev = focus;
      focus = v;
      tx.record(() => setFocus(prev));
    };
    tx.begin();
    setFocus("side");
    setFocus("other");
    tx.rollback();
    expect(focus).toBe("composer");
  });
});

describe("TransactionManager afterCommit", () => {
  it("runs on commit and is dropped with a rolled-back savepoint", () => {
    const tx = new TransactionManager();
    const log: string[] = [];
    tx.begin();
    tx.afterCommit(() => log.push("kept"));
    const sp = tx.savepoint();
    tx.afterCommit(() => log.push("dropped"));
    tx.rollbackTo(sp);
    expect(log).toEqual([]);
    tx.commit();
    expect(log).toEqual(["kept"]);
  });
});
