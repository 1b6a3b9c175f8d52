import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";

// The layout measures only width/height "content" (layout.md); a basis "content" is Yoga's auto.
describe("a window with basis \"content\"", () => {
  it("is not measured, so an edit of its buffer leaves the layout clean", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 40, height: 10 });
    const asked: string[] = [];
    rt.setMeasure((window, axis) => { asked.push(`${window} ${axis}`); return rt.buffers.getText(window).split("\n").length; });
    rt.layoutSet({ direction: "column", children: [{ window: "notes", basis: "content" }, { window: "transcript", grow: 1 }] });
    rt.updateLayout();
    expect(asked).toEqual([]);
    rt.inTransaction(() => rt.buffers.setText("notes", "a\nb\nc"));
    expect(rt.layout.dirty).toBe(false);
    expect(asked).toEqual([]);
  });
});
