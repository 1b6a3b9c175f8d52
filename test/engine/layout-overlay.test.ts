import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";

function rect(rt: Runtime, name: string) {
  const b = rt.windows.get(name)!.box;
  return { x: b.x, y: b.y, width: b.width, height: b.height, visible: b.visible };
}

const PANEL = { window: "panel", left: 0, bottom: 1, width: "100%", height: 4, z: 5 };

describe("host overlays (Runtime.setOverlay)", () => {
  it("goes in the flow before its window in the stock layout, and the neighbours make room", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 40, height: 20 });
    rt.setOverlay("panel", PANEL, "composer");
    expect(rect(rt, "transcript")).toEqual({ x: 0, y: 0, width: 40, height: 12, visible: true });
    expect(rect(rt, "panel")).toEqual({ x: 0, y: 12, width: 40, height: 4, visible: true });
    expect(rect(rt, "composer")).toEqual({ x: 0, y: 16, width: 40, height: 3, visible: true });
  });

  it("is laid over a custom layout that lacks the window it goes before, and survives layout.set", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 40, height: 20 });
    rt.layoutSet({ direction: "row", children: [{ window: "transcript", grow: 1 }, { window: "status", width: 10 }] });
    rt.setOverlay("panel", PANEL, "composer");
    expect(rect(rt, "panel")).toEqual({ x: 0, y: 15, width: 40, height: 4, visible: true });
    expect(rect(rt, "transcript")).toEqual({ x: 0, y: 0, width: 30, height: 20, visible: true });
    rt.layoutSet({ window: "transcript" });
    expect(rect(rt, "panel")).toEqual({ x: 0, y: 15, width: 40, height: 4, visible: true });
    expect(rt.layout.plain()).toEqual({ window: "transcript" });
  });

  it("leaves a layout that places the window itself alone, and hides it when removed", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 40, height: 20 });
    rt.layoutSet({ children: [{ window: "transcript", grow: 1 }, { window: "panel", height: 2 }] });
    rt.setOverlay("panel", PANEL, "composer");
    expect(rect(rt, "panel")).toEqual({ x: 0, y: 18, width: 40, height: 2, visible: true });
    rt.layoutSet({ window: "transcript" });
    rt.setOverlay("panel", undefined);
    expect(rect(rt, "panel")).toEqual({ x: 0, y: 0, width: 0, height: 0, visible: false });
  });

  it("is undone with the handler that set it, and a bad node changes nothing", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 40, height: 20 });
    rt.guard("ext", "fails", () => {
      rt.setOverlay("panel", PANEL, "composer");
      throw new Error("boom");
    });
    expect(rt.layout.overlays.size).toBe(0);
    expect(rect(rt, "transcript").height).toBe(16);
    expect(() => rt.setOverlay("panel", { window: "panel", height: "tall" })).toThrow(
      'layout: overlays.panel.height: expected a size (cells, "N%", "auto" or "content"), got "tall"',
    );
    expect(rt.layout.overlays.size).toBe(0);
  });
});
