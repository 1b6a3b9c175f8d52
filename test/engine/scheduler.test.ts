import { describe, expect, it } from "vitest";
import { FakeClock, Scheduler, type TimerEntry } from "../../engine/kernel/scheduler.js";

function setup() {
  const clock = new FakeClock(1000);
  const log: string[] = [];
  const s = new Scheduler(clock, (t: TimerEntry) => t.fn());
  return { clock, log, s };
}

describe("Scheduler with FakeClock", () => {
  it("runs a deferred timer once when its time comes", () => {
    const { clock, log, s } = setup();
    s.defer(50, () => log.push(`at ${clock.now()}`), "ext");
    clock.advance(49);
    expect(log).toEqual([]);
    clock.advance(1);
    clock.advance(100);
    expect(log).toEqual(["at 1050"]);
    expect(s.live()).toEqual([]);
  });

  it("repeats an interval until stopped", () => {
    const { clock, log, s } = setup();
    const id = s.interval(10, () => log.push(`tick ${clock.now()}`), "ext");
    clock.advance(35);
    expect(s.stop(id)).toBe(true);
    clock.advance(100);
    expect(log).toEqual(["tick 1010", "tick 1020", "tick 1030"]);
    expect(s.stop(id)).toBe(false);
  });

  it("runs due timers in due order, ties in creation order", () => {
    const { clock, log, s } = setup();
    s.defer(20, () => log.push("b"));
    s.defer(10, () => log.push("a1"));
    s.defer(10, () => log.push("a2"));
    clock.advance(30);
    expect(log).toEqual(["a1", "a2", "b"]);
  });

  it("lists live timers per owner and stops an owner's timers", () => {
    const { clock, log, s } = setup();
    s.defer(10, () => log.push("x"), "one");
    s.interval(10, () => log.push("y"), "two");
    expect(s.live("two").map((t) => t.interval)).toEqual([10]);
    s.stopOwner("two");
    clock.advance(10);
    expect(log).toEqual(["x"]);
  });

  it("runs due timers on runDue without waiting for the wake-up", () => {
    const clock = new FakeClock(0);
    const log: string[] = [];
    const s = new Scheduler(clock, (t) => t.fn());
    s.defer(0, () => log.push("now"));
    s.runDue();
    expect(log).toEqual(["now"]);
  });

  it("lets a timer stop a later one due at the same time", () => {
    const { clock, log, s } = setup();
    let second = 0;
    s.defer(5, () => { log.push("first"); s.stop(second); });
    second = s.defer(5, () => log.push("second"));
    clock.advance(5);
    expect(log).toEqual(["first"]);
  });
});
