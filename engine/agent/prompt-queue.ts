// What the user typed while a run runs: steering messages (enter), which join the run at its next
// turn, and follow-ups (alt+enter), which run after it as prompts of their own. Every change a
// user can see is reported through `changed` (the status line counts both queues).

/** A queued prompt; `submitted`: `prompt_submit` already ran for it (the composer's submit). */
export type QueuedPrompt = { text: string; submitted: boolean };

/** Guards one chat's steering and follow-up queues. */
export class PromptQueue {
  private readonly steering: QueuedPrompt[] = [];
  private readonly followUps: QueuedPrompt[] = [];

  constructor(private readonly changed: () => void) {}

  /** Steering messages waiting for the next turn. */
  get steeringCount(): number {
    return this.steering.length;
  }

  /** Follow-ups waiting for the run to end. */
  get followUpCount(): number {
    return this.followUps.length;
  }

  /** Queues a steering message. */
  steer(text: string, submitted = false): void {
    this.steering.push({ text, submitted });
    this.changed();
  }

  /** Queues a follow-up. */
  followUp(text: string, submitted = false): void {
    this.followUps.push({ text, submitted });
    this.changed();
  }

  /** Takes back the newest follow-up. */
  dequeue(): string | undefined {
    const p = this.followUps.pop();
    if (p !== undefined) this.changed();
    return p?.text;
  }

  /** The queued follow-ups, oldest first. */
  queued(): readonly string[] {
    return this.followUps.map((p) => p.text);
  }

  /** The oldest follow-up, taken off the queue. */
  nextFollowUp(): QueuedPrompt | undefined {
    const p = this.followUps.shift();
    if (p !== undefined) this.changed();
    return p;
  }

  /** The steering messages, taken off the queue (the caller sends them). */
  takeSteering(): string[] {
    const taken = this.steering.splice(0);
    if (taken.length > 0) this.changed();
    return taken.map((p) => p.text);
  }

  /** A run ended: steering that came too late for it is not lost, it runs next as a follow-up. */
  steeringToFollowUps(): void {
    this.followUps.unshift(...this.steering.splice(0));
  }
}
