// `tick`: at most one per frame, only while a timer or a job is live; a timer that changes
// nothing still wakes the app for a frame.
import { describe, expect, it } from "vitest";
import { AppPainter } from "../../ui/app-painter.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { createTheme } from "../../ui/theme.js";
import { lcRuntime } from "./harness.js";

function painted() {
  const h = lcRuntime({ width: 40, height: 10 });
  installStockChat(h.rt);
  const painter = new AppPainter(h.rt, createTheme({ noColor: true }));
  const paint = () => painter.paint(new CellGrid(40, 10));
  h.run(`ticks = 0 lc.on("tick", function(ev) ticks = ticks + 1 end)`);
  const ticks = () => h.run(`return ticks`)[0];
  return { ...h, paint, ticks };
}

describe("tick", () => {
  it("is not emitted while idle, however many frames are painted", () => {
    const { paint, ticks } = painted();
    paint();
    paint();
    expect(ticks()).toBe(0);
  });

  it("is emitted once per frame while a timer is live, and no more once it is stopped", () => {
    const { paint, ticks, run } = painted();
    run(`id = lc.timer.interval(1000, function() end)`);
    paint();
    paint();
    paint();
    expect(ticks()).toBe(3);
    run(`lc.timer.stop(id)`);
    paint();
    expect(ticks()).toBe(3);
  });

  it("is emitted while a job runs, and carries the render data", () => {
    const { paint, run } = painted();
    run(`lc.on("tick", function(ev) seen = ev.data.width .. "x" .. ev.data.height .. " " .. ev.data.model_label end)
         job = lc.job.start({"sleep", "30"}, {})`);
    paint();
    expect(run(`lc.job.stop(job) return seen`)).toEqual(["40x10 "]);
  });

  it("a timer that changes nothing wakes the app: the runtime calls its wake listeners after it ran", () => {
    const { rt, run, clock } = painted();
    let wakes = 0;
    rt.onWake(() => wakes++);
    run(`lc.timer.interval(1000, function() end)`);
    clock.advance(3000);
    expect(wakes).toBe(3);
  });
});
