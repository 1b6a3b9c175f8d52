// Timers (`librecode.timer.defer/interval/stop`) on an injectable clock. Due timers run through
// the `run` callback the Runtime supplies, which wraps each in a transaction; a key dispatch also
// calls runDue() first, so timers due by a key run before its keymaps.

/** Time and one-shot wake-ups; tests inject FakeClock. */
export type Clock = { now(): number; setTimer(fn: () => void, ms: number): unknown; clearTimer(h: unknown): void };

/** The real clock. Its wake-ups do not keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const h = setTimeout(fn, ms);
    h.unref?.();
    return h;
  },
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A clock that only moves when told to; advance() fires wake-ups in time order. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Array<{ id: number; at: number; fn: () => void }> = [];

  constructor(start = 0) {
    this.t = start;
  }

  /** The current fake time in ms. */
  now(): number {
    return this.t;
  }

  /** Schedules fn at now + ms. */
  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  /** Cancels a wake-up. */
  clearTimer(h: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== h);
  }

  /**
   * Moves time forward by ms, firing each due wake-up at its own time, earliest first. Fires at
   * most maxFires wake-ups; returns false when it stopped there with some still due (a timer that
   * keeps re-arming itself at 0 ms would otherwise never let time pass).
   */
  advance(ms: number, maxFires = Infinity): boolean {
    const end = this.t + ms;
    for (let fired = 0; ; fired++) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      if (fired >= maxFires) {
        this.t = Math.max(this.t, next.at);
        return false;
      }
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
    return true;
  }

  /** Moves time forward without firing wake-ups, as when the event loop is busy. */
  jump(ms: number): void {
    this.t += ms;
  }

  /** Number of pending wake-ups. */
  pending(): number {
    return this.timers.length;
  }
}

/** A live timer. interval is 0 for a one-shot. */
export type TimerEntry = { id: number; owner: string; due: number; interval: number; fn: () => void };

/** Timers by id; one clock wake-up is armed for the earliest. */
export class Scheduler {
  private readonly timers = new Map<number, TimerEntry>();
  private seq = 0;
  private handle: unknown = undefined;
  private running = false;

  constructor(private readonly clock: Clock, private readonly run: (t: TimerEntry) => void) {}

  /** Runs fn once after ms; returns the timer id. */
  defer(ms: number, fn: () => void, owner = "host"): number {
    return this.add(ms, 0, fn, owner);
  }

  /** Runs fn every ms (at least 1); returns the timer id. */
  interval(ms: number, fn: () => void, owner = "host"): number {
    return this.add(ms, Math.max(1, ms), fn, owner);
  }

  /** Stops a timer; false when it was not live. */
  stop(id: number): boolean {
    const had = this.timers.delete(id);
    if (had) this.arm();
    return had;
  }

  /** Stops every timer of owner (a disabled extension). */
  stopOwner(owner: string): void {
    for (const [id, t] of this.timers) if (t.owner === owner) this.timers.delete(id);
    this.arm();
  }

  /** Runs every timer due now, earliest first (ties: creation order). */
  runDue(): void {
    if (this.running) return;
    this.running = true;
    try {
      const now = this.clock.now();
      const due = [...this.timers.values()].filter((t) => t.due <= now).sort((a, b) => a.due - b.due || a.id - b.id);
      for (const t of due) {
        if (!this.timers.has(t.id)) continue; // stopped by an earlier timer
        if (t.interval > 0) {
          // A late interval fires once, not once per missed period.
          t.due = Math.max(t.due + t.interval, now + 1);
        } else {
          this.timers.delete(t.id);
        }
        this.run(t);
      }
    } finally {
      this.running = false;
      this.arm();
    }
  }

  /** How many timers are live. */
  get size(): number {
    return this.timers.size;
  }

  /** Live timers, of owner when given, in creation order. */
  live(owner?: string): TimerEntry[] {
    const all = [...this.timers.values()];
    return owner === undefined ? all : all.filter((t) => t.owner === owner);
  }

  private add(ms: number, interval: number, fn: () => void, owner: string): number {
    const id = ++this.seq;
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    this.timers.set(id, { id, owner, due: this.clock.now() + delay, interval, fn });
    this.arm();
    return id;
  }

  private arm(): void {
    if (this.handle !== undefined) this.clock.clearTimer(this.handle);
    this.handle = undefined;
    if (this.running || this.timers.size === 0) return;
    let next = Infinity;
    for (const t of this.timers.values()) next = Math.min(next, t.due);
    this.handle = this.clock.setTimer(() => {
      this.handle = undefined;
      this.runDue();
    }, Math.max(0, next - this.clock.now()));
  }
}
