// Quitting takes two presses: one stray ctrl+c must not end a session. The first press arms the
// quit and says so (where depends on the screen: the stock chat's composer title, bare mode's
// bottom row); the same key again within QUIT_WINDOW_MS runs `app.quit`; waiting or any other key
// forgets it. The stock chat and bare mode share this one implementation.
import type { Runtime } from "../kernel/runtime.js";

/** How long a first quit key waits for the second that quits. */
export const QUIT_WINDOW_MS = 2000;

/** Guards the armed quit key and the timer that forgets it. */
export class QuitPress {
  private armed: { key: string; timer: number } | undefined;

  /** `show(key)` is called when `key` arms the quit, `show(undefined)` when it is forgotten. */
  constructor(private readonly rt: Runtime, private readonly show: (key: string | undefined) => void) {}

  /** The key that armed the quit, or undefined. */
  get key(): string | undefined {
    return this.armed?.key;
  }

  /** A quit key: the second press of the same key in the window quits, else this one arms it. */
  press(key: string): void {
    if (this.armed?.key === key) {
      this.disarm();
      this.rt.actions.run("app.quit");
      return;
    }
    this.disarm();
    const timer = this.rt.scheduler.defer(QUIT_WINDOW_MS, () => this.rt.guard("host", "quit hint", () => this.disarm()));
    this.armed = { key, timer };
    this.show(key);
  }

  /** Any key that is not the armed one forgets the first press. */
  other(key: string): void {
    if (this.armed && this.armed.key !== key) this.disarm();
  }

  /** Forgets a first press (no-op when none is armed). */
  disarm(): void {
    if (!this.armed) return;
    this.rt.scheduler.stop(this.armed.timer);
    this.armed = undefined;
    this.show(undefined);
  }
}
