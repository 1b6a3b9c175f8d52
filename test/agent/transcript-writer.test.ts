import { describe, expect, it } from "vitest";
import { TranscriptWriter } from "../../engine/agent/transcript-writer.js";
import { Runtime } from "../../engine/kernel/runtime.js";

function setup() {
  const rt = new Runtime();
  const commits: string[][] = [];
  rt.onDirty((t) => void commits.push([...t.buffers]));
  const queued: Array<() => void> = [];
  const writer = new TranscriptWriter(rt, (fn) => void queued.push(fn));
  return { rt, commits, queued, writer };
}

describe("TranscriptWriter", () => {
  it("coalesces a burst of deltas into one commit at the next flush", () => {
    const { rt, commits, queued, writer } = setup();
    const id = writer.open("message", "assistant", { format: "markdown" });
    commits.length = 0;
    for (let i = 0; i < 100; i++) writer.stream(id, `${i % 10}`);
    expect(commits).toEqual([]);
    expect(queued).toHaveLength(1);
    queued.shift()!();
    expect(commits).toEqual([["transcript"]]);
    expect(rt.buffers.getBlocks("transcript")[0]!.text).toBe("0123456789".repeat(10));
  });

  it("writes pending text before a block closes, and clears streaming", () => {
    const { rt, writer } = setup();
    const id = writer.open("message", "assistant");
    writer.stream(id, "Hel");
    writer.stream(id, "lo");
    writer.close(id, { interrupted: true });
    expect(rt.buffers.getBlocks("transcript").map((b) => [b.text, b.streaming, b.metadata])).toEqual([["Hello", false, { interrupted: true }]]);
  });

  it("streams side buffers (the thinking pane) in the same commit as the transcript", () => {
    const { rt, commits, queued, writer } = setup();
    const id = writer.open("thinking", "assistant");
    commits.length = 0;
    writer.stream(id, "hmm ");
    writer.streamToBuffer("thinking", "hmm ");
    queued.shift()!();
    expect(commits).toEqual([["transcript", "thinking"]]);
    expect(rt.buffers.getText("thinking")).toBe("hmm ");
  });
});
