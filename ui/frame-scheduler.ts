import { systemClock, type Clock } from "../engine/kernel/scheduler.js";

export type FrameSchedulerOptions = {
  /** Time source and timer; tests inject FakeClock. */
  clock?: Clock;
  /** Frame-rate cap (default 60): frames start at least 1000/fps ms apart. */
  fps?: number;
};

/**
 * Coalesces frame requests: any number of `request()` calls before the frame runs produce one
 * frame, on a later tick (never inside the caller), and frames start at least 1000/fps ms apart.
 * With no request pending no timer is armed, so an idle screen costs nothing.
 */
export class FrameScheduler {
  private readonly clock: Clock;
  private readonly interval: number;
  private timer: unknown = null;
  private last = -Infinity;
  private running = false;
  private again = false;
  private stopped = false;
  /** Frames rendered so far. */
  frames = 0;

  constructor(private readonly render: () => void, opts: FrameSchedulerOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.interval = 1000 / Math.max(1, opts.fps ?? 60);
  }

  /** Asks for a frame; cheap and idempotent until the frame runs. */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      // A request from inside the frame (a renderer changed state) gets the next frame.
      this.again = true;
      return;
    }
    if (this.timer !== null) return;
    const wait = Math.max(0, this.last + this.interval - this.clock.now());
    this.timer = this.clock.setTimer(() => this.run(), wait);
  }

  /** True while a frame is requested and not yet rendered. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /** Renders a pending frame right away (before exit, or after a resize that must not wait). */
  flushNow(): void {
    if (this.timer === null) return;
    this.clock.clearTimer(this.timer);
    this.run();
  }

  /** Cancels any pending frame and ignores later requests. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    if (this.stopped) return;
    this.last = this.clock.now();
    this.running = true;
    this.again = false;
    try {
      this.frames++;
      this.render();
    } finally {
      this.running = false;
    }
    if (this.again) this.request();
  }
}
