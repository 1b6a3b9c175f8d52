// The original's layout forms: absolute window geometry and get-edit-set of layout.windows.
import { expect, it } from "vitest";
import { lcRuntime } from "./harness.js";
it("win.create with x, y, width, height places a window there; layout.get, edit .windows, layout.set adds and removes windows", () => {
  const { run } = lcRuntime();
  expect(run(`lc.win.create("side", { buffer = "side", x = 60, y = 0, width = 20, height = 10 })
    local w = lc.win.get("side")
    local l = lc.layout.get() l.windows.status = nil l.windows.box = { x = 1, y = 1, width = 5, height = 2 } lc.layout.set(l)
    return w.x, w.width, lc.win.get("box").width, lc.win.get("status").visible, lc.win.get("transcript").visible`)).toEqual([60, 20, 5, false, true]);
});
