import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../ui/markdown.js";
import { renderMarkdownStreaming, type MarkdownMemo } from "../../ui/markdown-stream.js";

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

  // Prose with every character that can start or end inline markup, streamed a few characters at
  // a time: the settled start of the trailing paragraph must never change what the rest renders as.
  const PIECES = ["word ", "more words ", "*em* ", "**strong** ", "_u_ ", "a_b_c ", "`code` ", "``", "[link](http://x.io) ", "[ref] ",
    "www.example.com ", "http://a.b/c ", "mail@x.io ", "&amp; ", "&#42; ", "\\* ", "<b>x</b> ", "~~del~~ ", "it's \"q\" ", "(x) ",
    "1. ", "- ", "# ", "  \n", "\n", "\n\n", "===\n", "|a|b|\n", "*", "_", "`", " ", "end. ", "日本 ", "👍 "];
  const PROSE = ["some plain words ", "see `co de` here ", "two  spaces,  here "];
  for (const seed of [3, 5, 8, 13, 21, 34, 55, 89, 3019]) {
    it(`gives renderMarkdown's lines while streaming random prose with inline markup (seed ${seed})`, () => {
      const rand = rng(seed);
      // Half the pieces prose (plain, or with a code span), so paragraphs grow long enough to settle.
      const prose = PROSE[seed % 3];
      let doc = "Start ";
      for (let k = 0; k < 70; k++) doc += rand() < 0.5 ? prose : PIECES[Math.floor(rand() * PIECES.length)];
      let memo: MarkdownMemo | undefined;
      let at = 0, split = 0, oneLine = 0;
      while (at < doc.length) {
        at = Math.min(doc.length, at + 1 + Math.floor(rand() * 3));
        const text = doc.slice(0, at);
        const out = renderMarkdownStreaming(text, 17, memo);
        expect({ at, lines: out.lines }).toEqual({ at, lines: renderMarkdown(text, 17) });
        if ((out.memo.settled?.text ?? "") !== "") split++;
        if (out.memo.line !== undefined) oneLine++;
        memo = out.memo;
      }
      // The settled-start path and the one-line paragraph path each ran for a good share of the steps.
      expect(split).toBeGreaterThan(20);
      expect(oneLine).toBeGreaterThan(10);
    });
  }

  // Long runs without spaces (letters, CJK, emoji, combining marks) grow as one inert rest that
  // is never lexed again, until a character that can be markup arrives.
  const RUNS = ["abcdefgh", "語の文字を", "👍🏽", "e\u0301", "ñ̃", "0123", " ", "@x.io", "*", ".", "www", "_", ":", "`c`", "\n"];
  for (const seed of [4, 9, 16]) {
    it(`gives renderMarkdown's lines while streaming long runs without spaces (seed ${seed})`, () => {
      const rand = rng(seed);
      let doc = seed === 9 ? "語" : "Start";
      for (let k = 0; k < 120; k++) doc += rand() < 0.8 ? RUNS[Math.floor(rand() * 6)] : RUNS[Math.floor(rand() * RUNS.length)];
      let memo: MarkdownMemo | undefined;
      let inert = 0;
      for (let at = 1; at <= doc.length; at += 1 + Math.floor(rand() * 3)) {
        const text = doc.slice(0, at);
        const out = renderMarkdownStreaming(text, 11, memo);
        expect({ at, lines: out.lines }).toEqual({ at, lines: renderMarkdown(text, 11) });
        if (out.memo.settled?.inertTo === text.length) inert++;
        memo = out.memo;
      }
      expect(inert).toBeGreaterThan(10);
    });
  }

  it("lexes only the unsettled end of a growing prose paragraph", () => {
    const out = renderMarkdownStreaming("Intro.\n\nPlain words, then **bold** and more", 30);
    expect(out.memo.settled?.text).toBe("Plain words, then ");
    const next = renderMarkdownStreaming("Intro.\n\nPlain words, then **bold** and more text", 30, out.memo);
    expect(next.memo.settled?.text).toBe("Plain words, then ");
    expect(next.lines).toEqual(renderMarkdown("Intro.\n\nPlain words, then **bold** and more text", 30));
  });

  it("does not settle trailing spaces, which a newline would turn into a line break", () => {
    const out = renderMarkdownStreaming("Words here   ", 30);
    expect(out.memo.settled?.text).toBe("Words ");
    const next = renderMarkdownStreaming("Words here   \n next", 30, out.memo);
    expect(next.lines).toEqual([[{ text: "Words here", style: {} }], [{ text: "next", style: {} }]]);
    expect(next.lines).toEqual(renderMarkdown("Words here   \n next", 30));
  });

  it("settles a paragraph past closed code spans", () => {
    const text = "Run `npm run bench` and `node x.mjs` to see";
    const out = renderMarkdownStreaming(text, 30);
    expect(out.memo.settled?.text).toBe("Run `npm run bench` and `node x.mjs` to ");
    expect(out.lines).toEqual(renderMarkdown(text, 30));
    const next = renderMarkdownStreaming(text + " it `", 30, out.memo);
    expect(next.lines).toEqual(renderMarkdown(text + " it `", 30));
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
