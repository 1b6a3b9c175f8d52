// A block's append log hands a reader exactly the text appended since it last read, and nothing
// once the text changed any other way (the reader then reads the whole text).
import { describe, expect, it } from "vitest";
import { AppendLog, appendedSince, textSeen } from "../../engine/kernel/append-log.js";
import { BufferStore } from "../../engine/kernel/buffer-store.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function streaming(text = "") {
  const tx = new TransactionManager();
  const buffers = new BufferStore(tx, () => 1000);
  const blk = buffers.appendBlock("transcript", { kind: "message", role: "assistant", text, streaming: true });
  return { tx, buffers, blk };
}

describe("AppendLog", () => {
  it("reads from any offset since its start, across pieces, as the joined text", () => {
    const rand = rng(11);
    const log = new AppendLog(5);
    let text = "";
    while (text.length < 40_000) {
      const piece = "abcdefghij語👍🏽\n".slice(0, 1 + Math.floor(rand() * 13)).repeat(1 + Math.floor(rand() * 300));
      log.push(piece);
      text += piece;
    }
    for (let k = 0; k < 200; k++) {
      const at = 5 + Math.floor(rand() * (text.length + 1));
      expect(log.from(at)).toBe(text.slice(at - 5));
    }
    expect(log.from(4)).toBeUndefined();
    expect(log.from(log.length + 1)).toBeUndefined();
    expect(log.from(log.length)).toBe("");
  });
});

describe("appendedSince", () => {
  it("gives what appendToBlock added since the reader's last look, whatever the deltas", () => {
    const rand = rng(3);
    const { buffers, blk } = streaming("Intro\n");
    let seen = undefined as ReturnType<typeof textSeen>;
    let read = blk.text;
    for (let k = 0; k < 300; k++) {
      const n = Math.floor(rand() * 3);
      for (let j = 0; j < n; j++) buffers.appendToBlock("transcript", blk.id, "x語\n ".slice(0, 1 + Math.floor(rand() * 4)));
      const since = appendedSince(blk, seen);
      if (since === undefined) {
        read = blk.text;
        seen = textSeen(blk);
      } else {
        read += since.text;
        seen = since.seen;
      }
      expect(read).toBe(blk.text);
    }
  });

  it("gives nothing once the text was set, a commit rolled back, or the stream ended", () => {
    const { tx, buffers, blk } = streaming("a");
    buffers.appendToBlock("transcript", blk.id, "b");
    const seen = textSeen(blk);
    expect(seen).toEqual({ log: expect.anything(), length: 2 });
    buffers.appendToBlock("transcript", blk.id, "c");
    expect(appendedSince(blk, seen)?.text).toBe("c");

    buffers.updateBlock("transcript", blk.id, { text: "zzz" });
    expect(appendedSince(blk, seen)).toBeUndefined();

    buffers.appendToBlock("transcript", blk.id, "d");
    const before = textSeen(blk);
    tx.begin();
    buffers.appendToBlock("transcript", blk.id, "e");
    tx.rollback();
    expect(blk.text).toBe("zzzd");
    expect(appendedSince(blk, before)).toBeUndefined();

    buffers.appendToBlock("transcript", blk.id, "f");
    const last = textSeen(blk);
    buffers.updateBlock("transcript", blk.id, { streaming: false });
    expect(appendedSince(blk, last)).toBeUndefined();
  });

  it("keeps the log off copies of the block and out of its JSON", () => {
    const { buffers, blk } = streaming("a");
    buffers.appendToBlock("transcript", blk.id, "b");
    const copy = buffers.getBlocks("transcript")[0]!;
    expect(textSeen(copy)).toBeUndefined();
    expect(JSON.parse(JSON.stringify(blk))).toEqual({ ...copy, metadata: {} });
  });
});
