import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";

/** The stock layout (composer sized "content") with a measure of one row per line of text. */
function chat(): { rt: Runtime; asked: string[] } {
  const rt = new Runtime({ clock: new FakeClock(), width: 60, height: 20 });
  const asked: string[] = [];
  rt.setMeasure((window, axis) => {
    asked.push(`${window} ${axis}`);
    return axis === "height" ? rt.buffers.getText(window).split("\n").length : 0;
  });
  rt.updateLayout();
  return { rt, asked };
}

const type = (rt: Runtime, text: string) => rt.inTransaction(() => rt.buffers.setText("composer", text));
const composerHeight = (rt: Runtime) => rt.windows.get("composer")!.box.height;

describe("relayout after a content-sized window's buffer changes", () => {
  it("a key that keeps the composer's measured height leaves the layout clean", () => {
    const { rt } = chat();
    type(rt, "h");
    type(rt, "hi");
    expect(rt.layout.dirty).toBe(false);
  });

  it("an edit that changes the measured height marks the layout dirty, and the next layout grows the box", () => {
    const { rt } = chat();
    // One line of text plus the rounded border, raised to min_height 3.
    expect(composerHeight(rt)).toBe(3);
    type(rt, "one\ntwo\nthree");
    expect(rt.layout.dirty).toBe(true);
    rt.updateLayout();
    expect(composerHeight(rt)).toBe(5);
  });

  it("an overlay sized by content (the approval panel) relayouts when its text changes, like a window of the tree", () => {
    const { rt } = chat();
    rt.inTransaction(() => rt.setOverlay("panel", { window: "panel", left: 0, bottom: 1, width: "100%", height: "content", border: "rounded", z: 50 }));
    rt.updateLayout();
    const height = () => rt.windows.get("panel")!.box.height;
    expect(height()).toBe(3);
    rt.inTransaction(() => rt.buffers.setText("panel", "command: echo hi\n\n› allow once (y)"));
    expect(rt.layout.dirty).toBe(true);
    rt.updateLayout();
    expect(height()).toBe(5);
  });

  it("the check re-asks the measure the last layout's questions, for the edited window only", () => {
    const { rt, asked } = chat();
    asked.length = 0;
    type(rt, "x");
    expect(asked).toEqual(["composer height"]);
  });

  it("an edit of a window that is not content-sized asks nothing", () => {
    const { rt, asked } = chat();
    asked.length = 0;
    rt.inTransaction(() => rt.buffers.setText("transcript", "a\nb\nc"));
    expect(asked).toEqual([]);
    expect(rt.layout.dirty).toBe(false);
  });

  it("a measure that throws on the new content marks the layout dirty (the next layout reports the error)", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 60, height: 20 });
    rt.setMeasure((window) => {
      if (rt.buffers.getText(window) === "boom") throw new Error("measure broke");
      return 1;
    });
    rt.updateLayout();
    type(rt, "boom");
    expect(rt.layout.dirty).toBe(true);
  });
});
