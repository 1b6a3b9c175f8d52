// Scrollback by position: the transcript renderer's rows at any scroll equal the plain stacking of
// every block's lines, while a frame renders only the blocks it shows, whatever the depth.
import { DEFAULT_TOOL_LINES } from "../../ui/renderers/tool-block.js";
import { describe, expect, it } from "vitest";
import type { Block } from "../../engine/kernel/block.js";
import { BlockLineCache } from "../../ui/renderers/block-line-cache.js";
import { renderBlock } from "../../ui/renderers/transcript-blocks.js";
import { TranscriptRenderer } from "../../ui/renderers/transcript-renderer.js";
import type { StyledLine } from "../../ui/wrap-text.js";
import { block, input, texts } from "./render-fixtures.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

// The reference: every block rendered, stacked with one empty row between non-empty ones,
// bottom-anchored, `scroll` rows up from the bottom (clamped at the top).
function reference(blocks: Block[], width: number, height: number, scroll: number, vars: Record<string, unknown>): StyledLine[] {
  const flags = { showThinking: vars.show_thinking !== false, expandTools: false, toolLines: DEFAULT_TOOL_LINES };
  const all: StyledLine[] = [];
  for (const b of blocks) {
    const lines = renderBlock(b, width, flags);
    if (lines.length === 0) continue;
    if (all.length > 0) all.push([]);
    all.push(...lines);
  }
  const s = Math.min(scroll, Math.max(0, all.length - height));
  const end = all.length - s;
  const rows = all.slice(Math.max(0, end - height), end);
  while (rows.length < height) rows.unshift([]);
  return rows;
}

const WORDS = ["alpha", "beta", "gamma **bold**", "delta\n\n- item\n- item", "`code`", "語の文字", "x"];

function randomBlock(rand: () => number, id: string): Block {
  const kind = rand() < 0.15 ? "thinking" : "message";
  const role = rand() < 0.4 ? "user" : "assistant";
  let text = "";
  const n = Math.floor(rand() * 12);
  for (let k = 0; k < n; k++) text += WORDS[Math.floor(rand() * WORDS.length)] + " ";
  return block(id, { kind, role: kind === "thinking" ? "assistant" : role, text });
}

describe("transcript scrollback by position", () => {
  for (const seed of [1, 2, 3, 5, 8]) {
    it(`shows exactly the stacked rows at every scroll while blocks change (seed ${seed})`, () => {
      const rand = rng(seed);
      const r = new TranscriptRenderer();
      let blocks: Block[] = Array.from({ length: 60 }, (_, i) => randomBlock(rand, `b${i}`));
      let next = 60;
      const vars = { show_thinking: seed % 2 === 0 };
      for (let step = 0; step < 120; step++) {
        const op = rand();
        if (op < 0.2) blocks.push(randomBlock(rand, `b${next++}`));
        else if (op < 0.4 && blocks.length > 0) {
          const i = Math.floor(rand() * blocks.length);
          const old = blocks[i]!;
          // Changed in place (the kernel's way) or replaced by a new object.
          const text = old.text + " more words " + WORDS[Math.floor(rand() * WORDS.length)];
          if (rand() < 0.5) { old.text = text; old.rev += 1000; } else blocks[i] = { ...old, text, rev: old.rev + 1000 };
        } else if (op < 0.45) {
          const i = Math.floor(rand() * blocks.length);
          blocks = [...blocks.slice(0, i), randomBlock(rand, `b${next++}`), ...blocks.slice(i + 1 + Math.floor(rand() * 2))];
        }
        const width = rand() < 0.9 ? 24 : 17;
        const height = 6 + Math.floor(rand() * 6);
        const scroll = Math.floor(rand() * rand() * 400);
        const out = r.render(input({ role: "transcript", width, height, blocks, scroll, vars }));
        expect({ step, scroll, lines: out.lines }).toEqual({ step, scroll, lines: reference(blocks, width, height, scroll, vars) });
      }
    });
  }

  it("pages up 2,000 blocks deep rendering each block once, and a frame there renders nothing", () => {
    const blocks = Array.from({ length: 10_000 }, (_, i) => block(`b${i}`, { role: "assistant", text: `message ${i}` }));
    const r = new TranscriptRenderer();
    let scroll = 0;
    for (; scroll <= 3990; scroll += 19) r.render(input({ role: "transcript", width: 30, height: 20, blocks, scroll }));
    // The deepest view (scroll 3990) needs rows up to 4010 from the bottom: k one-row blocks and
    // their separators are 2k - 1 rows, so 2,006 blocks, each rendered once.
    expect(r.blockRenders).toBe(2006);
    const out = r.render(input({ role: "transcript", width: 30, height: 20, blocks, scroll: 3990 }));
    expect(r.blockRenders).toBe(2006);
    expect(texts(out.lines).slice(-3)).toEqual(["message 8003", "", "message 8004"]);
  });

  it("streams into the newest block while scrolled deep, rendering only that block", () => {
    const blocks = Array.from({ length: 3000 }, (_, i) => block(`b${i}`, { role: "assistant", text: `message ${i}` }));
    const r = new TranscriptRenderer();
    r.render(input({ role: "transcript", width: 30, height: 20, blocks, scroll: 4000 }));
    const before = r.blockRenders;
    const last = blocks[blocks.length - 1]!;
    last.text += " and more";
    last.rev += 1;
    const out = r.render(input({ role: "transcript", width: 30, height: 20, blocks, scroll: 4000 }));
    expect(r.blockRenders - before).toBe(1);
    expect(texts(out.lines).slice(-1)).toEqual(["message 999"]);
  });
});

describe("BlockLineCache", () => {
  it("evicts the least recently used lines past its byte budget, never the one just stored", () => {
    const line: StyledLine = [{ text: "x" }];
    const c = new BlockLineCache(3 * (64 + 10 * (128 + 2 * 10)));
    for (const k of ["a", "b", "c"]) c.set(k, 1, 10, "", Array(10).fill(line));
    expect(c.size).toBe(3);
    c.get("a", 1, 10, "");
    c.set("d", 1, 10, "", Array(10).fill(line));
    expect([c.get("a", 1, 10, "") !== undefined, c.get("b", 1, 10, ""), c.get("d", 1, 10, "") !== undefined]).toEqual([true, undefined, true]);
    c.set("huge", 1, 10, "", Array(1000).fill(line));
    expect(c.size).toBe(1);
  });
});
