// The chain of runs: a prompt, then each follow-up queued while it ran; a prompt submitted while
// the chain runs waits for it. `working` is true from the first prompt until the chain ends.

import type { RunResult } from "./agent-events.js";
import type { QueuedPrompt } from "./prompt-queue.js";

/** What the chain runs: one prompt, the next follow-up, and who hears `working` change. */
export type RunSteps = {
  run(prompt: QueuedPrompt): Promise<RunResult>;
  nextFollowUp(): QueuedPrompt | undefined;
  workingChanged(working: boolean): void;
};

/** Guards the running chain and the working flag. */
export class RunChain {
  private running: Promise<RunResult> | undefined;
  private busy = false;

  constructor(private readonly steps: RunSteps) {}

  /** True while a prompt or its follow-ups run. */
  get working(): boolean {
    return this.busy;
  }

  /** Runs `text` after whatever runs now, then the follow-ups; resolves with the last run's result.
   *  `submitted`: prompt_submit already ran for it. */
  start(text: string, submitted = false): Promise<RunResult> {
    const prev = this.running ?? Promise.resolve(undefined);
    this.setBusy(true);
    const p = prev.then(() => this.chain({ text, submitted }));
    this.running = p;
    void p.finally(() => {
      if (this.running === p) this.running = undefined;
    });
    return p;
  }

  /** Resolves when the current run and its follow-ups are done. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  // The prompt, then each follow-up queued while it ran (none after an interrupt).
  private async chain(first: QueuedPrompt): Promise<RunResult> {
    let result = await this.steps.run(first);
    let next: QueuedPrompt | undefined;
    while (result.stopReason !== "aborted" && (next = this.steps.nextFollowUp()) !== undefined) result = await this.steps.run(next);
    this.setBusy(false);
    return result;
  }

  private setBusy(v: boolean): void {
    if (this.busy === v) return;
    this.busy = v;
    this.steps.workingChanged(v);
  }
}
