import { describe, expect, it } from "vitest";
import { LayoutState } from "../../engine/kernel/layout-state.js";
import { LayoutError } from "../../layout/layout-table.js";
import { stockChatLayout } from "../../layout/stock-chat-layout.js";
import { liveYogaNodeCount, YogaTree } from "../../layout/yoga-tree.js";
import { parseLayoutTable } from "../../layout/layout-table.js";

const split = { direction: "row", children: [{ window: "left", grow: 1 }, { window: "right", grow: 1 }] };

describe("LayoutState", () => {
  it("starts with the stock chat layout", () => {
    const state = new LayoutState();
    expect(state.table).toEqual(stockChatLayout());
    expect(state.treeOrder()).toEqual(["transcript", "thinking", "tools", "composer", "status"]);
    state.dispose();
  });

  it("can start with a given table", () => {
    const state = new LayoutState(split);
    expect(state.treeOrder()).toEqual(["left", "right"]);
    state.dispose();
  });

  it("set replaces the table and compute returns the new boxes", () => {
    const state = new LayoutState();
    state.set(split);
    expect(state.table).toEqual(split);
    const all = state.compute(10, 2);
    expect([...all].map(([n, b]) => `${n} x=${b.x} w=${b.width}`)).toEqual(["left x=0 w=5", "right x=5 w=5"]);
    state.dispose();
  });

  it("a rejected set throws a LayoutError and leaves the previous table in force", () => {
    const state = new LayoutState(split);
    const bad = { children: [{ window: "left", grow: 1 }, { window: "x", width: "wide" }] };
    expect(() => state.set(bad)).toThrow(LayoutError);
    expect(() => state.set(bad)).toThrow(`layout: root.children[2].width: expected a size (cells, "N%", "auto" or "content"), got "wide"`);
    expect(state.table).toEqual(split);
    expect(state.treeOrder()).toEqual(["left", "right"]);
    expect(state.compute(10, 2).get("right")?.x).toBe(5);
    state.dispose();
  });

  it("a rejected set creates no Yoga nodes", () => {
    const state = new LayoutState(split);
    const before = liveYogaNodeCount();
    expect(() => state.set({ children: [{ window: "a" }, { window: "a" }] })).toThrow(LayoutError);
    expect(liveYogaNodeCount()).toBe(before);
    state.dispose();
  });

  it("replacing a tree frees the old one", () => {
    const before = liveYogaNodeCount();
    const state = new LayoutState(split); // 3 nodes
    expect(liveYogaNodeCount()).toBe(before + 3);
    state.set({ children: [{ window: "a" }, { window: "b" }, { children: [{ window: "c" }] }] }); // 5 nodes
    expect(liveYogaNodeCount()).toBe(before + 5);
    for (let i = 0; i < 50; i++) state.set(split);
    expect(liveYogaNodeCount()).toBe(before + 3);
    state.dispose();
    expect(liveYogaNodeCount()).toBe(before);
  });

  it("freeing a YogaTree twice is harmless and computing a freed tree is an error", () => {
    const before = liveYogaNodeCount();
    const tree = new YogaTree(parseLayoutTable(split));
    tree.free();
    tree.free();
    expect(liveYogaNodeCount()).toBe(before);
    expect(() => tree.calculate(10, 2)).toThrow("layout: the Yoga tree was already freed");
  });

  it("accepts its own table back (as a transaction undo does)", () => {
    const state = new LayoutState(split);
    const previous = state.table;
    state.set({ window: "only" });
    state.set(previous);
    expect(state.table).toEqual(split);
    expect(state.treeOrder()).toEqual(["left", "right"]);
    state.dispose();
  });

  it("accepts the flat form", () => {
    const state = new LayoutState();
    state.set({ windows: { a: { x: 2, y: 1, width: 3, height: 1 } } });
    expect(state.compute(10, 5).get("a")).toMatchObject({ x: 2, y: 1, width: 3, height: 1, visible: true });
    state.dispose();
  });

  it("plain() gives the table as set, defaults omitted, as a fresh object", () => {
    const state = new LayoutState({ root: { children: [{ window: "a", border: true }] } });
    const plain = state.plain();
    expect(plain).toEqual({ children: [{ window: "a", border: "rounded" }] });
    expect(plain).not.toBe(state.table);
    state.dispose();
  });

  it("is dirty after construction, set and markDirty, and clean after compute", () => {
    const state = new LayoutState(split);
    const seen: boolean[] = [state.dirty];
    state.compute(10, 2);
    seen.push(state.dirty);
    state.set({ ...split, direction: "column" });
    seen.push(state.dirty);
    state.compute(10, 2);
    state.markDirty();
    seen.push(state.dirty);
    expect(seen).toEqual([true, false, true, true]);
  });

  it("takes a table equal to the one in force as a no-op (false), clean and on the same tree", () => {
    const state = new LayoutState(split);
    state.compute(10, 2);
    const table = state.table;
    expect([state.set(structuredClone(split)), state.dirty, state.table === table]).toEqual([false, false, true]);
    expect(state.set({ ...split, gap: 1 })).toBe(true);
    state.dispose();
  });

  it("a rejected set does not mark the layout dirty", () => {
    const state = new LayoutState(split);
    state.compute(10, 2);
    expect(() => state.set({ direction: "up" })).toThrow(LayoutError);
    expect(state.dirty).toBe(false);
    state.dispose();
  });

  it("treeOrder returns a copy", () => {
    const state = new LayoutState(split);
    state.treeOrder().push("x");
    expect(state.treeOrder()).toEqual(["left", "right"]);
    state.dispose();
  });

  it("resizing reuses the tree and matches a fresh state", () => {
    const state = new LayoutState();
    const big = state.compute(100, 30);
    state.compute(40, 12);
    const fresh = new LayoutState();
    expect(state.compute(100, 30)).toEqual(big);
    expect(state.compute(40, 12)).toEqual(fresh.compute(40, 12));
    state.dispose();
    fresh.dispose();
  });
});

describe("hide_empty windows", () => {
  const panes = { children: [{ window: "main", grow: 1 }, { window: "log", height: 2, hide_empty: true }] };

  it("collapse while their buffer is empty, in the stock layout and in any layout set", () => {
    for (const state of [new LayoutState(), new LayoutState(panes)]) {
      const pane = state.treeOrder().includes("tools") ? "tools" : "log";
      expect(state.compute(80, 24, undefined, (w) => w === pane).get(pane)!.visible).toBe(false);
      expect(state.emptinessChanged(() => false)).toBe(true);
      expect(state.emptinessChanged((w) => w === pane)).toBe(false);
      expect(state.compute(80, 24, () => 1, () => false).get(pane)!.visible).toBe(true);
      state.dispose();
    }
  });

  it("is a window node key only", () => {
    expect(() => new LayoutState({ children: [{ hide_empty: true, children: [{ window: "a" }] }] })).toThrow(
      "layout: root.children[1].hide_empty: expected it on a window node only (a container has no buffer)");
    expect(() => new LayoutState({ children: [{ window: "a", hide_empty: "yes" }] })).toThrow(
      `layout: root.children[1].hide_empty: expected true or false, got "yes"`);
  });
});

describe("snapshots for transactions", () => {
  it("restore puts back the table after a set", () => {
    const state = new LayoutState();
    const snap = state.snapshot();
    state.set(split);
    state.restore(snap);
    expect(state.table).toEqual(stockChatLayout());
    expect(state.treeOrder()).toEqual(["transcript", "thinking", "tools", "composer", "status"]);
    state.dispose();
  });

  it("restore of the current table keeps the Yoga tree", () => {
    const before = liveYogaNodeCount();
    const state = new LayoutState(split);
    state.compute(10, 2);
    state.restore(state.snapshot());
    expect(state.dirty).toBe(false);
    expect(liveYogaNodeCount()).toBe(before + 3);
    state.dispose();
  });
});
