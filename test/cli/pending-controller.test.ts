import { describe, expect, it } from "vitest";
import type { ChatController } from "../../engine/chat/chat-controller.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { PendingController } from "../../bin/pending-controller.js";

/** A controller that writes what it is given into the transcript, inside whatever transaction is open. */
function recorder(rt: Runtime): ChatController {
  const note = (text: string) => rt.buffers.appendBlock("transcript", { kind: "message", role: "user", text });
  return {
    submit: (t) => note(`submit ${t}`), steer: (t) => note(`steer ${t}`), queueFollowUp: (t) => note(`follow-up ${t}`),
    dequeueFollowUp: () => undefined, interrupt: () => {}, working: false,
  };
}

const transcript = (rt: Runtime) => rt.buffers.get("transcript")!.blocks.map((b) => b.text);

describe("PendingController (the chat loop still loading)", () => {
  it("keeps submissions and follow-ups and hands them over in order", () => {
    const rt = new Runtime({ clock: new FakeClock() });
    const pending = new PendingController();
    pending.submit("first");
    pending.queueFollowUp("later");
    pending.steer("second");
    expect(transcript(rt)).toEqual([]);
    pending.handOver(rt, recorder(rt));
    expect(transcript(rt)).toEqual(["submit first", "follow-up later", "submit second"]);
  });

  it("is never working, and dequeueFollowUp takes back the newest follow-up", () => {
    const pending = new PendingController();
    pending.queueFollowUp("a");
    pending.submit("b");
    pending.queueFollowUp("c");
    expect(pending.working).toBe(false);
    expect(pending.dequeueFollowUp()).toBe("c");
    expect(pending.dequeueFollowUp()).toBe("a");
    expect(pending.dequeueFollowUp()).toBe(undefined);
  });

  it("hands over once: a second handOver replays nothing", () => {
    const rt = new Runtime({ clock: new FakeClock() });
    const pending = new PendingController();
    pending.submit("once");
    pending.handOver(rt, recorder(rt));
    pending.handOver(rt, recorder(rt));
    expect(transcript(rt)).toEqual(["submit once"]);
  });
});
