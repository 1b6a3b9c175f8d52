import { liveYogaNodeCount } from "../../layout/yoga-tree.js";
import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
// layout.md's split-pane example.
import { SPLIT_PANE_EXAMPLE as split } from "../layout/layout-helpers.js";

function rect(rt: Runtime, name: string) {
  const b = rt.windows.get(name)!.box;
  return { x: b.x, y: b.y, width: b.width, height: b.height, visible: b.visible };
}

describe("Runtime layout", () => {
  it("places the stock windows at the initial size before any event", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    expect(rt.windows.list()).toEqual(["composer", "status", "thinking", "tools", "transcript"]);
    expect(rect(rt, "status")).toEqual({ x: 0, y: 29, width: 100, height: 1, visible: true });
    expect(rt.buffers.list()).toEqual(["composer", "status", "thinking", "tools", "transcript"]);
  });

  it("creates the windows a layout names, with buffers of the same name", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    rt.layoutSet(split);
    expect(rt.windows.get("notes")).toMatchObject({ role: "notes", buffer: "notes", renderer: "default" });
    expect(rt.buffers.has("notes")).toBe(true);
    expect(rect(rt, "notes")).toEqual({ x: 70, y: 0, width: 30, height: 24, visible: true });
    expect(rect(rt, "transcript")).toEqual({ x: 0, y: 0, width: 70, height: 24, visible: true });
    expect(rect(rt, "composer")).toEqual({ x: 0, y: 24, width: 100, height: 5, visible: true });
  });

  it("takes an unchanged table as a no-op: no commit, no relayout, the same Yoga tree", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    rt.layoutSet(split);
    const commits: unknown[] = [];
    rt.onDirty((t) => commits.push(t));
    const live = liveYogaNodeCount();
    rt.guard("ext", "same layout", () => rt.layoutSet(structuredClone(split)));
    expect([commits, liveYogaNodeCount(), rt.layout.dirty]).toEqual([[], live, false]);
    rt.guard("ext", "changed layout", () => rt.layoutSet({ ...split, direction: "row" }));
    expect(commits).toHaveLength(1);
  });

  it("hides windows the layout no longer shows", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 40, height: 10 });
    rt.layoutSet({ children: [{ window: "transcript", grow: 1 }] });
    expect(rect(rt, "composer")).toEqual({ x: 0, y: 0, width: 0, height: 0, visible: false });
    expect(rect(rt, "transcript")).toEqual({ x: 0, y: 0, width: 40, height: 10, visible: true });
  });

  it("leaves the previous layout in force when a table is invalid", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    rt.layoutSet(split);
    expect(() => rt.layoutSet({ children: [{ window: "a", width: "wide" }] })).toThrow(/root\.children\[1\]\.width/);
    expect(rect(rt, "notes")).toEqual({ x: 70, y: 0, width: 30, height: 24, visible: true });
  });

  it("rolls back the layout of a handler that fails after setting it", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    const before = rt.layout.table;
    rt.events.on("startup", () => {
      rt.layoutSet(split);
      throw new Error("boom");
    }, { owner: "bad" });
    rt.emit("startup");
    expect(rt.layout.table).toEqual(before);
    expect(rt.windows.has("notes")).toBe(false);
    expect(rt.buffers.has("notes")).toBe(false);
    expect(rect(rt, "composer").visible).toBe(true);
    expect(rt.errors.map((e) => e.message)).toEqual(["boom"]);
  });

  it("moves every window on resize and emits resize", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    rt.layoutSet(split);
    const seen: unknown[] = [];
    rt.events.on("resize", (ev) => { seen.push(ev.data); });
    rt.resize(50, 20);
    expect(rect(rt, "status")).toEqual({ x: 0, y: 19, width: 50, height: 1, visible: true });
    expect(rect(rt, "notes")).toEqual({ x: 30, y: 0, width: 20, height: 14, visible: true });
    expect(seen).toEqual([{ width: 50, height: 20 }]);
  });

  it("reports windows dirty when their own record or their buffer changed", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    rt.windows.create("mirror", { buffer: "composer" });
    const seen: Array<{ buffers: string[]; windows: string[] }> = [];
    rt.onDirty((t) => seen.push({ buffers: [...t.buffers], windows: [...t.windows].sort() }));
    rt.guard("host", "test", () => rt.buffers.insert("composer", 0, "hi"));
    rt.guard("host", "test", () => rt.windows.set("status", { scroll: 1 }));
    expect(seen).toEqual([
      { buffers: ["composer"], windows: ["composer", "mirror"] },
      { buffers: [], windows: ["status"] },
    ]);
  });
});

describe("Runtime stock panes and focus", () => {
  it("opens the tools pane when its buffer gets text and collapses it when cleared, whoever wrote it", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    expect([rect(rt, "tools").visible, rect(rt, "thinking").visible]).toEqual([false, false]);
    rt.guard("ext", "test", () => rt.buffers.setText("tools", "$ ls"));
    rt.updateLayout();
    // No renderer measures here: the pane is its border, above the composer's 3 rows.
    expect(rect(rt, "tools")).toEqual({ x: 0, y: 24, width: 100, height: 2, visible: true });
    rt.guard("ext", "test", () => rt.buffers.setText("tools", ""));
    rt.updateLayout();
    expect(rect(rt, "tools").visible).toBe(false);
  });

  it("undoes a failing handler's focus change", () => {
    const rt = new Runtime({ clock: new FakeClock() });
    rt.events.on("x", () => { rt.focus = "transcript"; throw new Error("no"); });
    rt.emit("x");
    expect(rt.focus).toBe("composer");
    rt.guard("host", "test", () => { rt.focus = "transcript"; });
    expect(rt.focusInfo()).toEqual({ kind: "window", window: "transcript", buffer: "transcript", role: "transcript", exclusive: false, panel_kind: "" });
  });
});

describe("the stock layout got, edited and set", () => {
  it("keeps every pane: a sidebar added beside it, the tools pane still opens with output", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    const got = rt.layout.plain();
    rt.layoutSet({ direction: "row", children: [{ ...got, grow: 1 }, { window: "side", width: 20, border: "single" }] });
    expect(rect(rt, "tools").visible).toBe(false);
    rt.guard("ext", "test", () => rt.buffers.setText("tools", "$ ls"));
    rt.updateLayout();
    expect([rect(rt, "tools"), rect(rt, "side"), rect(rt, "status")]).toEqual([
      { x: 0, y: 24, width: 80, height: 2, visible: true },
      { x: 80, y: 0, width: 20, height: 30, visible: true },
      { x: 0, y: 29, width: 80, height: 1, visible: true },
    ]);
  });

  it("a failing handler's layout.set is undone, the panes still follow their buffers", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    rt.events.on("startup", () => { rt.layoutSet(split); throw new Error("boom"); }, { owner: "bad" });
    rt.emit("startup");
    expect(rt.layout.treeOrder()).toEqual(["transcript", "thinking", "tools", "composer", "status"]);
    rt.guard("ext", "test", () => rt.buffers.setText("tools", "out"));
    rt.updateLayout();
    expect(rect(rt, "tools").visible).toBe(true);
  });
});

describe("a layout naming a stock window with a typo", () => {
  it("is an error naming the node and the window meant; nothing changes; a window made on purpose is fine", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 100, height: 30 });
    const before = rt.layout.plain();
    const typo = { children: [{ window: "transcript", grow: 1 }, { window: "composer", height: 3 }, { window: "stauts", height: 1 }] };
    expect(() => rt.layoutSet(typo)).toThrow(
      `layout: root.children[3].window: no window "stauts" (did you mean the stock window "status"? win.create makes a new window of that name)`);
    expect(() => rt.layoutSet({ windows: { transcirpt: { x: 0, y: 0, width: 10, height: 10 } } })).toThrow(
      `layout: windows.transcirpt: no window "transcirpt" (did you mean the stock window "transcript"?`);
    expect([rt.layout.plain(), rt.windows.has("stauts")]).toEqual([before, false]);
    rt.layoutSet({ children: [{ window: "transcript", grow: 1 }, { window: "notes", height: 3 }] });
    expect(rt.windows.has("notes")).toBe(true);
    rt.windows.create("stauts", { role: "status", buffer: "status" });
    rt.layoutSet(typo);
    expect(rt.windows.get("stauts")!.box.visible).toBe(true);
  });
});
