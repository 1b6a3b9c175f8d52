// Stands in for the chat loop between the first frame and the moment the loop is open: the
// interactive chat paints before it imports the agent (SQLite, the session), so a prompt typed in
// those few milliseconds is kept here and handed over in order instead of being lost.
import type { ChatController } from "../engine/chat/chat-controller.js";
import type { Runtime } from "../engine/kernel/runtime.js";

type Call = { kind: "submit" | "follow-up"; text: string };

/** A ChatController that queues submissions until `handOver` passes them to the real one. */
export class PendingController implements ChatController {
  private readonly calls: Call[] = [];

  /** Kept until the loop is open. */
  submit(text: string): void {
    this.calls.push({ kind: "submit", text });
  }

  /** Nothing runs yet (working is false), so this is a submission. */
  steer(text: string): void {
    this.submit(text);
  }

  /** Kept as a follow-up. */
  queueFollowUp(text: string): void {
    this.calls.push({ kind: "follow-up", text });
  }

  /** Takes back the newest queued follow-up. */
  dequeueFollowUp(): string | undefined {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      if (this.calls[i]!.kind === "follow-up") return this.calls.splice(i, 1)[0]!.text;
    }
    return undefined;
  }

  /** Nothing is running. */
  interrupt(): void {}

  get working(): boolean {
    return false;
  }

  /** Replays what was queued on `ctrl`, oldest first, each in its own guarded transaction. */
  handOver(rt: Runtime, ctrl: ChatController): void {
    for (const c of this.calls.splice(0)) {
      rt.guard("host", "submit", () => (c.kind === "submit" ? ctrl.submit(c.text) : ctrl.queueFollowUp(c.text)));
    }
  }
}
