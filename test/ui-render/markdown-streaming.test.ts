import { describe, expect, it } from "vitest";
import { renderMarkdown, renderMarkdownStreaming, type MarkdownMemo } from "../../ui/markdown.js";

const DOCS = [
  "# Title\n\nFirst paragraph with **bold** text that wraps a bit.\n\n- one\n- two\n\n- loose three\n\nAfter the list.\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nSetext\n===\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n\n> again\n\n    indented\n\n    code\n\nThe end.",
  "Para one.\n\n1. a\n2. b\n\n   continued\n\nPara *two*.\n\n---\n\n~~~py\ndef f():\n    pass\n~~~\n\n[link](http://x.io) and `code`\n",
  "1. a\n\n2. b\n\n10) c\n\n- d\n\n-e\n\n* f\n\n> q\n\n> r\n\nSo the list *ends* here and a long paragraph follows it, wrapping over several lines of the narrow width with **bold words** and _under_scores_ in it.",
  "- the diff is computed per frame\n- styles are interned\n\nThe renderer walks the visible rows of each window and paints them into the back grid, then diffs. Done.\nNext line\n===\n\nx",
];

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("renderMarkdownStreaming", () => {
  DOCS.forEach((doc, d) => {
    it(`gives renderMarkdown's lines at every step of a stream (doc ${d + 1})`, () => {
      const rand = rng(d + 7);
      let memo: MarkdownMemo | undefined;
      let at = 0;
      while (at < doc.length) {
        at = Math.min(doc.length, at + 1 + Math.floor(rand() * 9));
        const text = doc.slice(0, at);
        const out = renderMarkdownStreaming(text, 24, memo);
        expect({ at, lines: out.lines }).toEqual({ at, lines: renderMarkdown(text, 24) });
        memo = out.memo;
      }
    });
  });

  it("keeps settled blocks so a delta lexes only the tail", () => {
    const first = renderMarkdownStreaming("# A\n\npara one\n\npara two", 20);
    expect(first.memo.stable).toBe("# A\n\npara one\n\n");
    const next = renderMarkdownStreaming("# A\n\npara one\n\npara two grows", 20, first.memo);
    expect(next.memo.stableLines).toBe(first.memo.stableLines);
  });

  it("settles a list once a paragraph follows it, so a delta lexes only that paragraph", () => {
    const out = renderMarkdownStreaming("Intro:\n\n- a\n- b\n\nThe tail", 20);
    expect(out.memo.stable).toBe("Intro:\n\n- a\n- b\n\n");
  });

  it("keeps the lines of a growing trailing paragraph except the last", () => {
    const text = "Head.\n\nThe renderer walks the visible rows of each window and paints them";
    const first = renderMarkdownStreaming(text, 20);
    const next = renderMarkdownStreaming(text + " in", 20, first.memo);
    expect(next.lines).toEqual(renderMarkdown(text + " in", 20));
    const n = first.lines.length;
    // The blank separator row is rebuilt; every text line but the last is the same object.
    for (let i = 0; i < n - 1; i++) if (first.lines[i]!.length > 0) expect(next.lines[i]).toBe(first.lines[i]);
    expect(n).toBeGreaterThan(3);
  });

  it("starts over when the text was replaced rather than appended to", () => {
    const first = renderMarkdownStreaming("# A\n\npara\n\nmore", 20);
    expect(renderMarkdownStreaming("# B\n\nother", 20, first.memo).lines).toEqual(renderMarkdown("# B\n\nother", 20));
  });
});
