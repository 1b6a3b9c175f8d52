import { describe, expect, it } from "vitest";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { FrameScheduler } from "../../ui/frame-scheduler.js";

function setup(fps = 60) {
  const clock = new FakeClock(1000);
  const at: number[] = [];
  const s = new FrameScheduler(() => at.push(clock.now()), { clock, fps });
  return { clock, at, s };
}

describe("FrameScheduler", () => {
  it("renders nothing and arms no timer while idle", () => {
    const { clock, at } = setup();
    clock.advance(5000);
    expect(at).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it("coalesces many requests in one tick into one frame, not inside the caller", () => {
    const { clock, at, s } = setup();
    s.request();
    s.request();
    s.request();
    expect(at).toEqual([]);
    clock.advance(0);
    expect(at).toEqual([1000]);
    expect(clock.pending()).toBe(0);
  });

  it("caps the frame rate: a request right after a frame waits for the interval", () => {
    const { clock, at, s } = setup(50);
    s.request();
    clock.advance(0);
    s.request();
    clock.advance(10);
    expect(at).toEqual([1000]);
    clock.advance(10);
    expect(at).toEqual([1000, 1020]);
  });

  it("renders at once when the last frame is older than the interval", () => {
    const { clock, at, s } = setup(50);
    s.request();
    clock.advance(100);
    s.request();
    clock.advance(0);
    expect(at).toEqual([1000, 1100]);
  });

  it("gives a request made during a frame the next frame", () => {
    const clock = new FakeClock(0);
    const at: number[] = [];
    let more = 2;
    const s: FrameScheduler = new FrameScheduler(() => {
      at.push(clock.now());
      if (more-- > 0) s.request();
    }, { clock, fps: 100 });
    s.request();
    clock.advance(100);
    expect(at).toEqual([0, 10, 20]);
    expect(clock.pending()).toBe(0);
  });

  it("flushNow renders a pending frame immediately and only then", () => {
    const { clock, at, s } = setup();
    s.flushNow();
    expect(at).toEqual([]);
    s.request();
    s.flushNow();
    expect(at).toEqual([1000]);
    expect(clock.pending()).toBe(0);
  });

  it("stop cancels the pending frame and ignores later requests", () => {
    const { clock, at, s } = setup();
    s.request();
    s.stop();
    s.request();
    clock.advance(1000);
    expect(at).toEqual([]);
    expect(s.frames).toBe(0);
  });
});
