// The transcript's row index (a Fenwick tree of block rows kept current from the buffer's block
// log) shows exactly what the walk up from the newest block shows, at any scroll, through random
// appends, streams, edits, splices, deletions and rollbacks.
import { describe, expect, it } from "vitest";
import { BufferStore } from "../../engine/kernel/buffer-store.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";
import { Fenwick } from "../../ui/renderers/fenwick.js";
import { TranscriptRenderer } from "../../ui/renderers/transcript-renderer.js";
import { input } from "./render-fixtures.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("Fenwick", () => {
  it("gives prefix sums and countAtMost as a plain array does, through sets and pushes", () => {
    const rand = rng(7);
    const plain: number[] = [];
    let f = Fenwick.from([]);
    for (let k = 0; k < 400; k++) {
      const r = rand();
      if (r < 0.4 || plain.length === 0) { const w = Math.floor(rand() * 5); plain.push(w); f.push(w); }
      else if (r < 0.9) { const i = Math.floor(rand() * plain.length); const w = Math.floor(rand() * 5); plain[i] = w; f.set(i, w); }
      else f = Fenwick.from(plain);
      const k2 = Math.floor(rand() * (plain.length + 1));
      expect(f.prefix(k2)).toBe(plain.slice(0, k2).reduce((a, b) => a + b, 0));
      const x = Math.floor(rand() * 40) - 2;
      let most = 0;
      for (let j = 0, s = 0; j < plain.length && (s += plain[j]!) <= x; j++) most = j + 1;
      expect(x < 0 ? 0 : f.countAtMost(x)).toBe(x < 0 ? 0 : most);
    }
  });
});

const TEXTS = ["hi", "a longer message that wraps over a few rows at this width", "", "line\nline\nline", "```ts\nconst a = 1;\n```", "  ", "- one\n- two"];

describe("the transcript row index", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`draws what the walk from the newest block draws, at every step and scroll (seed ${seed})`, () => {
      const rand = rng(seed);
      const tx = new TransactionManager();
      const buffers = new BufferStore(tx, () => 0);
      const live = new TranscriptRenderer();
      const pick = () => TEXTS[Math.floor(rand() * TEXTS.length)]!;
      const kind = () => (rand() < 0.15 ? "thinking" : "message");
      const role = () => (rand() < 0.5 ? "user" : "assistant");
      for (let k = 0; k < 30; k++) buffers.appendBlock("transcript", { kind: kind(), role: role(), text: pick() });
      for (let step = 0; step < 250; step++) {
        const blocks = buffers.get("transcript")!.blocks;
        const n = blocks.length;
        const at = Math.floor(rand() * (n + 1));
        const r = rand();
        const rollback = rand() < 0.05;
        if (rollback) tx.begin();
        if (r < 0.25) buffers.appendBlock("transcript", { kind: kind(), role: role(), text: pick() });
        else if (r < 0.5 && n > 0) buffers.appendToBlock("transcript", blocks[Math.min(at, n - 1)]!.id, rand() < 0.5 ? " more words" : "\nnew line");
        else if (r < 0.6 && n > 0) buffers.updateBlock("transcript", blocks[Math.min(at, n - 1)]!.id, { text: pick() });
        else if (r < 0.7) buffers.setBlocks("transcript", at, Math.min(n, at + Math.floor(rand() * 3)), Array.from({ length: Math.floor(rand() * 3) }, () => ({ role: role(), text: pick() })));
        else if (r < 0.75 && n > 1) buffers.deleteBlocks("transcript", at, Math.min(n, at + 1));
        else if (r < 0.77) buffers.setBlocks("transcript", 0, -1, Array.from({ length: 90 }, () => ({ role: role(), text: pick() })));
        if (rollback) tx.rollback();
        const scroll = rand() < 0.3 ? 0 : Math.floor(rand() * 120);
        const vars = { show_thinking: rand() < 0.7 };
        const record = buffers.get("transcript")!;
        const viaIndex = input({ role: "transcript", width: 24, height: 9, scroll, vars });
        const out = live.render({ ...viaIndex, buffer: record });
        // The same blocks in a record without a block log: the walk.
        const walker = new TranscriptRenderer();
        const walked = walker.render(input({ role: "transcript", width: 24, height: 9, scroll, vars, blocks: record.blocks }));
        expect({ step, lines: out.lines }).toEqual({ step, lines: walked.lines });
        expect(live.lastMaxScroll).toBe(walker.lastMaxScroll);
      }
    });
  }

  it("renders only the blocks in view when paging up a long transcript", () => {
    const buffers = new BufferStore(new TransactionManager(), () => 0);
    for (let k = 0; k < 3000; k++) buffers.appendBlock("transcript", { role: k % 2 ? "user" : "assistant", text: `message ${k}` });
    const r = new TranscriptRenderer();
    const view = (scroll: number) => r.render({ ...input({ role: "transcript", width: 30, height: 10, scroll }), buffer: buffers.get("transcript")! });
    view(0);
    for (let s = 10; s <= 2000; s += 10) view(s);
    const before = r.blockRenders;
    expect(view(2000).lines[9]).toEqual(view(2000).lines[9]);
    // Scrolling back down re-renders nothing; one more page up renders the few blocks coming into view.
    view(1990);
    expect(r.blockRenders).toBe(before);
    view(2010);
    expect(r.blockRenders - before).toBeLessThanOrEqual(6);
  });
});
