import { StringDecoder } from "node:string_decoder";
import { systemClock, type Clock } from "../engine/kernel/scheduler.js";
import { KeyDecoder, type InputEvent } from "./key-decoder.js";
import { wheelFromArrowBurst } from "./alternate-scroll.js";
import { takeEarlyInput } from "./terminal-early-input.js";
import { installRestoreGuard, type GuardedProcess } from "./terminal-guard.js";
import { KITTY_PUSH, KITTY_QUERY, MODIFY_OTHER_KEYS_ON, enterSequence, restoreSequence } from "./terminal-modes.js";

/** The input side the Terminal reads (process.stdin or a test stream). */
export type TerminalInput = NodeJS.EventEmitter & {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  resume?(): unknown;
  pause?(): unknown;
};

/** The output side the Terminal writes (process.stdout or a test stream). */
export type TerminalOutput = NodeJS.EventEmitter & {
  write(s: string): unknown;
  columns?: number;
  rows?: number;
};

export type TerminalOptions = {
  input?: TerminalInput;
  output?: TerminalOutput;
  /** Full mouse reporting (clicks, drags, wheel). Off: the wheel scrolls via alternate scroll mode. */
  mouse?: boolean;
  /** Probe for and use the kitty keyboard protocol (default true). */
  kittyKeyboard?: boolean;
  /** How long a lone ESC waits for the rest of a sequence before it is the escape key (ms). */
  escapeTimeoutMs?: number;
  /** Give up on a terminal that never answers the keyboard probe after this long (ms). */
  probeTimeoutMs?: number;
  clock?: Clock;
  /** Hook exit, signals and uncaught errors to restore the terminal (default true). */
  guard?: boolean;
  process?: GuardedProcess;
};

type Size = { width: number; height: number };

/**
 * Owns the real terminal while librecode runs: alternate screen, raw mode and the input modes on
 * `enter()`, decoded input events, resize notifications, and a `restore()` that puts everything
 * back. Restoring is idempotent and is also hooked to exit, signals and uncaught errors.
 */
export class Terminal {
  private readonly input: TerminalInput;
  private readonly output: TerminalOutput;
  private readonly clock: Clock;
  private readonly decoder = new KeyDecoder();
  private readonly utf8 = new StringDecoder("utf8");
  private readonly inputListeners = new Set<(ev: InputEvent) => void>();
  private readonly resizeListeners = new Set<(size: Size) => void>();
  private readonly resumeListeners = new Set<() => void>();
  private entered = false;
  private rawSet = false;
  private kittyPushed = false;
  private modifyOtherKeys = false;
  private probing = false;
  private escTimer: unknown = null;
  private probeTimer: unknown = null;
  private unguard: (() => void) | null = null;

  constructor(private readonly opts: TerminalOptions = {}) {
    this.input = opts.input ?? process.stdin;
    this.output = opts.output ?? process.stdout;
    this.clock = opts.clock ?? systemClock;
  }

  /** True once the kitty keyboard protocol is on (the terminal answered the probe). */
  get kittyKeyboard(): boolean {
    return this.kittyPushed;
  }

  /**
   * Takes over the terminal: alternate screen, raw mode, hidden cursor, paste/focus/scroll modes;
   * then the input held since start-up on this stream is decoded to the input listeners.
   */
  enter(): void {
    if (this.entered) return;
    this.entered = true;
    if (this.opts.guard !== false) this.unguard = installRestoreGuard(() => this.restore(), this.opts.process);
    if (this.input.isTTY && this.input.setRawMode) {
      this.input.setRawMode(true);
      this.rawSet = true;
    }
    this.input.on("data", this.onData);
    this.input.resume?.();
    this.output.on("resize", this.onOutputResize);
    this.output.write(enterSequence(this.opts.mouse === true));
    if (this.opts.kittyKeyboard !== false) {
      this.probing = true;
      this.output.write(KITTY_QUERY);
      this.probeTimer = this.clock.setTimer(() => {
        this.probeTimer = null;
        this.probing = false;
      }, this.opts.probeTimeoutMs ?? 1000);
    }
    // Keys typed during start-up (holdEarlyInput) are decoded now, like any typed later.
    for (const chunk of takeEarlyInput(this.input)) this.receive(chunk);
  }

  /** Writes bytes to the terminal (a frame from Screen.flush, typically). */
  write(s: string): void {
    if (s !== "") this.output.write(s);
  }

  /** The terminal size in cells (80x24 when the output is not a terminal). */
  size(): Size {
    return { width: this.output.columns || 80, height: this.output.rows || 24 };
  }

  /** Calls fn with the new size whenever the terminal is resized; returns an unsubscribe. */
  onResize(fn: (size: Size) => void): () => void {
    this.resizeListeners.add(fn);
    return () => this.resizeListeners.delete(fn);
  }

  /** Calls fn for every decoded input event (keys, paste, focus, mouse); returns an unsubscribe. */
  onInput(fn: (ev: InputEvent) => void): () => void {
    this.inputListeners.add(fn);
    return () => this.inputListeners.delete(fn);
  }

  /** Calls fn after a suspended process is continued and owns the terminal again; returns an unsubscribe. */
  onResume(fn: () => void): () => void {
    this.resumeListeners.add(fn);
    return () => this.resumeListeners.delete(fn);
  }

  /**
   * Job control (ctrl+z): restores the terminal and stops the process with SIGTSTP; when the
   * shell continues it (SIGCONT) the terminal is entered again and onResume listeners run, which
   * should invalidate the screen, since the shell drew over it meanwhile.
   */
  suspend(): void {
    if (!this.entered) return;
    this.restore();
    // A signal listener does not keep Node's event loop alive, and restore() paused stdin: an idle
    // app would exit as soon as it is continued, before SIGCONT is handled. Hold the loop open.
    const hold = setInterval(() => {}, 1 << 30);
    process.once("SIGCONT", () => {
      clearInterval(hold);
      this.enter();
      for (const fn of this.resumeListeners) fn();
    });
    process.kill(process.pid, "SIGTSTP");
  }

  /** Gives the terminal back as it was: modes off, cursor shown, main screen, raw mode off. */
  restore(): void {
    if (!this.entered) return;
    this.entered = false;
    this.clearTimers();
    this.input.off("data", this.onData);
    this.output.off("resize", this.onOutputResize);
    try {
      this.output.write(restoreSequence(this.opts.mouse === true, this.kittyPushed, this.modifyOtherKeys));
    } finally {
      this.kittyPushed = false;
      this.modifyOtherKeys = false;
      if (this.rawSet) {
        this.rawSet = false;
        try { this.input.setRawMode?.(false); } catch { /* the tty may already be gone (SIGHUP) */ }
      }
      this.input.pause?.();
      this.unguard?.();
      this.unguard = null;
    }
  }

  /** Feeds raw input as if it came from the terminal (used by onData; public for replaying input). */
  receive(chunk: string | Buffer): void {
    const text = typeof chunk === "string" ? chunk : this.utf8.write(chunk);
    if (this.escTimer !== null) {
      this.clock.clearTimer(this.escTimer);
      this.escTimer = null;
    }
    const events = this.decoder.feed(text);
    this.dispatch(this.opts.mouse === true ? events : wheelFromArrowBurst(events));
    if (this.decoder.hasPending) {
      this.escTimer = this.clock.setTimer(() => {
        this.escTimer = null;
        this.dispatch(this.decoder.flushPending());
      }, this.opts.escapeTimeoutMs ?? 30);
    }
  }

  private readonly onData = (chunk: string | Buffer): void => this.receive(chunk);

  private readonly onOutputResize = (): void => {
    const size = this.size();
    for (const fn of this.resizeListeners) fn(size);
  };

  private dispatch(events: InputEvent[]): void {
    for (const ev of events) {
      if (ev.type === "kitty-flags") {
        if (this.probing && this.entered && !this.kittyPushed) {
          this.output.write(KITTY_PUSH);
          this.kittyPushed = true;
        }
        continue;
      }
      if (ev.type === "device-attributes") {
        // DA1 answers after the kitty query would have: no kitty answer by now means no support,
        // so ask for modifyOtherKeys instead (shift+enter still inserts a newline where it exists).
        if (this.probing && this.entered && !this.kittyPushed && !this.modifyOtherKeys) {
          this.output.write(MODIFY_OTHER_KEYS_ON);
          this.modifyOtherKeys = true;
        }
        this.probing = false;
        if (this.probeTimer !== null) this.clock.clearTimer(this.probeTimer);
        this.probeTimer = null;
        continue;
      }
      for (const fn of this.inputListeners) fn(ev);
    }
  }

  private clearTimers(): void {
    if (this.escTimer !== null) this.clock.clearTimer(this.escTimer);
    if (this.probeTimer !== null) this.clock.clearTimer(this.probeTimer);
    this.escTimer = null;
    this.probeTimer = null;
    this.probing = false;
  }
}
