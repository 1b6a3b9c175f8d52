// Keys typed while librecode starts. Until the terminal is in raw mode the tty is cooked: it echoes
// what is typed and turns Enter (\r) into \n (ICRNL), which the composer reads as ctrl+j. The chat
// entry calls holdEarlyInput() before its heavy imports: raw mode at once, the bytes kept until
// Terminal.enter() takes them over and decodes them like any later key. Imports nothing heavy.
import { isatty } from "node:tty";
import { installRestoreGuard, type GuardedProcess } from "./terminal-guard.js";

/** The input side the hold reads: process.stdin or a test stream. */
export type EarlyInputStream = NodeJS.EventEmitter & {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  resume?(): unknown;
  pause?(): unknown;
};

export type HoldOptions = {
  input?: EarlyInputStream;
  /** Hold only when this is a terminal too (the chat refuses to start otherwise). */
  outputIsTTY?: boolean;
  /** Restore the mode on exit, signals and uncaught errors (default true). */
  guard?: boolean;
  process?: GuardedProcess;
};

/** Raw mode and the bytes read in it, from the chat entry until the Terminal takes over. */
class EarlyInput {
  private readonly chunks: Buffer[] = [];
  private first = true;
  private unguard: (() => void) | null = null;

  constructor(readonly input: EarlyInputStream, guard: boolean, proc?: GuardedProcess) {
    if (guard) this.unguard = installRestoreGuard(() => this.release(), proc);
    input.setRawMode!(true);
    input.on("data", this.onData);
    input.resume?.();
  }

  private readonly onData = (chunk: Buffer | string): void => {
    let bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    // The first read returns what was queued before raw mode, cooked: its \n were Enter (\r).
    // A \n typed after raw mode is ctrl+j, but not within the few ms before that first read.
    if (this.first) {
      this.first = false;
      bytes = Buffer.from(bytes.map((b) => (b === 0x0a ? 0x0d : b)));
    }
    this.chunks.push(bytes);
  };

  /** Stops holding and returns the bytes read so far; the tty stays raw for the new owner. */
  take(): Buffer[] {
    this.detach();
    return this.chunks.splice(0);
  }

  /** Stops holding and gives the tty its mode back (start-up failed or the process exits). */
  release(): void {
    this.detach();
    try { this.input.setRawMode!(false); } catch { /* the tty may already be gone (SIGHUP) */ }
    this.input.pause?.();
  }

  private detach(): void {
    this.input.off("data", this.onData);
    this.unguard?.();
    this.unguard = null;
  }
}

let held: EarlyInput | null = null;

/**
 * Puts the terminal into raw mode now and keeps what is typed until the Terminal takes it over.
 * Does nothing off a terminal or when already holding.
 */
export function holdEarlyInput(opts: HoldOptions = {}): void {
  if (held !== null) return;
  // isatty first: process.stdin is not touched (created) off a terminal.
  const input = opts.input ?? (isatty(0) ? process.stdin : null);
  const outputIsTTY = opts.outputIsTTY ?? isatty(1);
  if (!input?.isTTY || !input.setRawMode || !outputIsTTY) return;
  held = new EarlyInput(input, opts.guard !== false, opts.process);
}

/** The bytes held from `input` (empty when nothing is held from it); the tty stays raw. */
export function takeEarlyInput(input: EarlyInputStream): Buffer[] {
  if (held === null || held.input !== input) return [];
  const h = held;
  held = null;
  return h.take();
}

/** Ends a hold that no Terminal took over: the tty's own mode back, stdin paused. */
export function releaseEarlyInput(): void {
  const h = held;
  held = null;
  h?.release();
}
