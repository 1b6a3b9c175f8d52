// Rendering from what a stream appended (the block's append log) gives exactly what a fresh render
// of the whole text gives, at every step, and the big kinds of block (an open code fence, a long
// inert line, thinking text, tool output) never read the whole text while they grow.
import { describe, expect, it } from "vitest";
import { BufferStore } from "../../engine/kernel/buffer-store.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";
import { renderMarkdown } from "../../ui/markdown.js";
import { renderMarkdownStreaming, type MarkdownMemo } from "../../ui/markdown-stream.js";
import { ToolsRenderer } from "../../ui/renderers/panel-renderers.js";
import { TranscriptRenderer } from "../../ui/renderers/transcript-renderer.js";
import { wrapGrowing, type GrowMemo } from "../../ui/wrap-growing.js";
import { wrapAppendLast, wrapSpans, wrapSpansIncremental } from "../../ui/wrap-text.js";
import { input } from "./render-fixtures.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const CODE = ["const a = 1;", "  if (x) { y(`t ${z}`); }", "/* open", "close */", "\treturn 'q'; // c", "", "```", "~~~", "语言 👍🏽"];
const RUNS = ["abcdefgh", "語の文字を", "👍🏽", "e\u0301", "0123", " ", "*", "\n", "\r\n", "`", "www"];

// Open code, code with closing fences, inert prose, prose with markup and carriage returns.
type Kind = "code" | "fences" | "prose" | "mixed";

// A document that opens a fence and streams code, or streams a long paragraph of inert runs
// (prose), or of runs with markup, newlines and carriage returns (mixed).
function doc(rand: () => number, kind: Kind): string {
  const code = kind === "code" || kind === "fences";
  let d = code ? "Here:\n\n```ts\n" : "Start";
  for (let k = 0; k < (code ? 50 : 120); k++) {
    if (code) d += CODE[Math.floor(rand() * (kind === "code" ? 6 : CODE.length))] + (rand() < 0.9 ? "\n" : "");
    else d += RUNS[Math.floor(rand() * (kind === "prose" ? 6 : RUNS.length))];
  }
  return d;
}

describe("renderMarkdownStreaming from appended text", () => {
  for (const kind of ["code", "fences", "prose", "mixed"] as const) {
    for (const seed of [2, 17]) {
      it(`gives renderMarkdown's lines at every step, reading the whole text rarely (${kind}, seed ${seed})`, () => {
        const rand = rng(seed);
        const d = doc(rand, kind);
        let memo: MarkdownMemo | undefined;
        let at = 0, wholes = 0, steps = 0;
        while (at < d.length) {
          const next = Math.min(d.length, at + 1 + Math.floor(rand() * 5));
          const text = d.slice(0, next);
          // Past the first rows, only a closed fence or markup may need the whole text.
          const out = renderMarkdownStreaming(memo === undefined ? text : { appended: d.slice(at, next), whole: () => (at > 60 && wholes++, text) }, 23, memo);
          expect({ at: next, lines: out.lines }).toEqual({ at: next, lines: renderMarkdown(text, 23) });
          memo = out.memo;
          at = next;
          steps++;
        }
        if (kind === "code" || kind === "prose") expect(wholes).toBe(0);
      });
    }
  }

  it("renders a fence growing line by line without reading the whole text", () => {
    let text = "```ts\n";
    let out = renderMarkdownStreaming(text, 40);
    for (let k = 0; k < 50; k++) {
      const delta = `let v${k} = ${k};\n`;
      text += delta;
      out = renderMarkdownStreaming({ appended: delta, whole: () => { throw new Error("read whole"); } }, 40, out.memo);
    }
    expect(out.lines).toEqual(renderMarkdown(text, 40));
    expect(out.memo.fence?.codeCount).toBe(50);
  });
});

describe("wrapping appended text", () => {
  it("wrapAppendLast gives wrapSpans's rows for a line growing by any pieces", () => {
    const rand = rng(5);
    let text = "start";
    let memo = wrapSpansIncremental([{ text }], 9).memo;
    let fast = 0;
    for (let k = 0; k < 300; k++) {
      const delta = ["ab", " ", "語の", "👍🏽", "\t", "xxxxxxxxxxxx", "  "][Math.floor(rand() * 7)]!;
      text += delta;
      const out = wrapAppendLast(memo, delta) ?? wrapSpansIncremental([{ text }], 9, memo);
      if (out.memo.spans[0]!.text !== text) throw new Error("span text");
      expect({ k, lines: out.lines }).toEqual({ k, lines: wrapSpans([{ text }], 9) });
      if (wrapAppendLast(memo, "") !== undefined) fast++;
      memo = out.memo;
    }
    expect(fast).toBeGreaterThan(250);
  });

  it("wrapGrowing from appended text gives wrapSpans's rows at every step", () => {
    const rand = rng(9);
    const style = Object.freeze({ italic: true });
    let text = "";
    let memo: GrowMemo | undefined;
    for (let k = 0; k < 300; k++) {
      const delta = ["word ", "語の文字", "\n", "\n\n", "x".repeat(25), " ", "👍🏽"][Math.floor(rand() * 7)]!;
      text += delta;
      const out = wrapGrowing(memo === undefined ? text : { appended: delta, whole: () => text }, 11, style, "keep", memo);
      expect({ k, lines: out.lines }).toEqual({ k, lines: wrapSpans([{ text, style }], 11) });
      memo = out.memo;
    }
  });
});

function store() {
  return new BufferStore(new TransactionManager(), () => 0);
}

describe("streaming through the buffer store", () => {
  for (const seed of [1, 6]) {
    it(`draws the transcript as a fresh renderer does while blocks stream (seed ${seed})`, () => {
      const rand = rng(seed);
      const buffers = store();
      buffers.appendBlock("transcript", { kind: "message", role: "user", text: "write it" });
      const thinking = buffers.appendBlock("transcript", { kind: "thinking", role: "assistant", text: "", streaming: true });
      const answer = buffers.appendBlock("transcript", { kind: "message", role: "assistant", text: "", streaming: true });
      const code = doc(rng(seed + 100), "code");
      const prose = doc(rng(seed + 200), "prose");
      const live = new TranscriptRenderer();
      let a = 0, p = 0;
      const view = () => input({ role: "transcript", width: 30, height: 12, blocks: buffers.get("transcript")!.blocks, vars: { show_thinking: true } });
      while (a < code.length || p < prose.length) {
        if (rand() < 0.5 && p < prose.length) buffers.appendToBlock("transcript", thinking.id, prose.slice(p, (p += 1 + Math.floor(rand() * 6))));
        else if (a < code.length) buffers.appendToBlock("transcript", answer.id, code.slice(a, (a += 1 + Math.floor(rand() * 6))));
        if (rand() < 0.02) buffers.updateBlock("transcript", answer.id, { text: code.slice(0, a) });
        const v = view();
        expect(live.render(v).lines).toEqual(new TranscriptRenderer().render(v).lines);
      }
      buffers.updateBlock("transcript", answer.id, { streaming: false });
      const v = view();
      expect(live.render(v).lines).toEqual(new TranscriptRenderer().render(v).lines);
    });
  }

  it("draws tool output appended to the tools buffer as a fresh renderer does", () => {
    const rand = rng(4);
    const buffers = store();
    const live = new ToolsRenderer();
    for (let k = 0; k < 200; k++) {
      buffers.append("tools", ["line of output\n", "partial ", "語の文字\n", "\n", "x".repeat(40)][Math.floor(rand() * 5)]!);
      if (k === 120) buffers.setText("tools", "restarted\n");
      const b = buffers.get("tools")!;
      const v = { ...input({ role: "tools", width: 17, height: 6 }), buffer: b };
      expect(live.render(v).lines).toEqual(new ToolsRenderer().render(v).lines);
      expect(live.measure(v, 17)).toBe(new ToolsRenderer().measure(v, 17));
    }
  });
});
