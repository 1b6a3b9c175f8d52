import { describe, expect, it } from "vitest";
import { DrawStore, MAX_OPS_PER_WINDOW } from "../../engine/kernel/draw-store.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";
import { WindowStore } from "../../engine/kernel/window-store.js";

describe("WindowStore", () => {
  it("creates a window bound to the buffer of its name, hidden until placed", () => {
    const w = new WindowStore(new TransactionManager());
    expect(w.create("notes")).toMatchObject({ name: "notes", role: "notes", buffer: "notes", renderer: "default",
      box: { x: 0, y: 0, width: 0, height: 0, visible: false } });
  });

  it("finds the first match in tree order, then by sorted name", () => {
    const w = new WindowStore(new TransactionManager());
    w.create("b", { role: "pane" });
    w.create("a", { role: "pane" });
    w.create("c", { role: "pane" });
    expect(w.find({ role: "pane" }, ["c", "b"])).toBe("c");
    expect(w.find({ role: "pane" }, [])).toBe("a");
    expect(w.find({ role: "pane", buffer: "b" }, [])).toBe("b");
    expect(w.find({ role: "none" }, ["a"])).toBeUndefined();
  });

  it("undoes create, set and delete on rollback", () => {
    const tx = new TransactionManager();
    const w = new WindowStore(tx);
    w.create("a");
    tx.begin();
    w.set("a", { renderer: "extension", cursorRow: 3 });
    w.setVar("a", "k", 1);
    w.create("b");
    w.delete("a");
    tx.rollback();
    expect(w.list()).toEqual(["a"]);
    expect(w.get("a")).toMatchObject({ renderer: "default", cursorRow: 0, vars: {} });
  });

  it("touches only windows that changed", () => {
    const tx = new TransactionManager();
    const w = new WindowStore(tx);
    w.create("a");
    w.create("b");
    const seen: string[][] = [];
    tx.onCommit((t) => seen.push([...t.windows]));
    tx.begin();
    w.set("a", { role: "a" });
    w.set("b", { scroll: 2 });
    tx.commit();
    expect(seen).toEqual([["b"]]);
  });
});

describe("DrawStore", () => {
  it("keeps operations until the window is cleared", () => {
    const d = new DrawStore(new TransactionManager());
    d.add({ kind: "text", window: "w", row: 0, col: 0, text: "a" });
    d.add({ kind: "text", window: "w", row: 1, col: 0, text: "b" });
    expect(d.ops("w").map((o) => (o.kind === "text" ? o.text : o.kind))).toEqual(["a", "b"]);
    d.add({ kind: "clear_window", window: "w" });
    d.add({ kind: "text", window: "w", row: 0, col: 0, text: "c" });
    expect(d.ops("w").map((o) => (o.kind === "text" ? o.text : o.kind))).toEqual(["clear_window", "c"]);
    d.clear("w");
    expect(d.ops("w")).toEqual([]);
  });

  it("rolls back operations queued in a failed transaction", () => {
    const tx = new TransactionManager();
    const d = new DrawStore(tx);
    d.add({ kind: "text", window: "w", row: 0, col: 0, text: "kept" });
    tx.begin();
    d.add({ kind: "text", window: "w", row: 1, col: 0, text: "dropped" });
    d.clear("w");
    d.add({ kind: "cursor", window: "w", row: 0, col: 0 });
    tx.rollback();
    expect(d.ops("w")).toEqual([{ kind: "text", window: "w", row: 0, col: 0, text: "kept" }]);
  });

  it("drops the oldest operation past the per-window cap", () => {
    const d = new DrawStore(new TransactionManager());
    for (let i = 0; i <= MAX_OPS_PER_WINDOW; i++) d.add({ kind: "text", window: "w", row: i, col: 0, text: "x" });
    expect(d.ops("w").length).toBe(MAX_OPS_PER_WINDOW);
    expect(d.ops("w")[0]).toMatchObject({ row: 1 });
  });
});
