// The fast paths of wrap-text must give exactly the lines of the general ones: wrapSpansIncremental
// those of wrapSpans whatever changed since the last call (reusing the settled lines of a paragraph
// that only grew at its end), the ASCII wrapWithOffsets those of the grapheme path.
import { describe, expect, it } from "vitest";
import type { Span, Style } from "../../engine/kernel/style.js";
import { hasPrefix, wrapSpans, wrapSpansIncremental, wrapWithOffsets, type WrapMemo } from "../../ui/wrap-text.js";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BOLD: Style = Object.freeze({ bold: true });
const CODE: Style = Object.freeze({ fg: "mdCode" });
const PIECES = ["a", "word", " ", "  ", "\t", "\n", "語", "👍", "e\u0301", "supercalifragilistic", ".", "x y", "   lead"];

describe("wrapSpansIncremental", () => {
  it("reuses the lines before the last one when a paragraph grows by a word", () => {
    const first = wrapSpansIncremental([{ text: "one two three four five six" }], 10);
    expect(first.lines.map((l) => l.map((s) => s.text).join(""))).toEqual(["one two", "three four", "five six"]);
    const next = wrapSpansIncremental([{ text: "one two three four five six seven" }], 10, first.memo);
    expect(next.lines.map((l) => l.map((s) => s.text).join(""))).toEqual(["one two", "three four", "five six", "seven"]);
    expect(next.lines[0]).toBe(first.lines[0]);
    expect(next.lines[1]).toBe(first.lines[1]);
  });

  it("rewraps an earlier line when the word starting the last line grows past the width", () => {
    const first = wrapSpansIncremental([{ text: "aaa bbb cccccccc" }], 10);
    expect(first.lines.map((l) => l.map((s) => s.text).join(""))).toEqual(["aaa bbb", "cccccccc"]);
    const next = wrapSpansIncremental([{ text: "aaa bbb ccccccccccc" }], 10, first.memo);
    expect(next.lines).toEqual(wrapSpans([{ text: "aaa bbb ccccccccccc" }], 10));
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`equals wrapSpans over random growth and edits (seed ${seed})`, () => {
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      let spans: Span[] = [];
      let memo: WrapMemo | undefined;
      const width = 3 + Math.floor(rand() * 14);
      for (let step = 0; step < 150; step++) {
        const r = rand();
        const last = spans[spans.length - 1];
        if (r < 0.6 && last !== undefined) {
          // Append to the last span (a stream's delta).
          spans = [...spans.slice(0, -1), { ...last, text: last.text + pick(PIECES) }];
        } else if (r < 0.85 || spans.length === 0) {
          const style = pick([undefined, BOLD, CODE]);
          spans = [...spans, style === undefined ? { text: pick(PIECES) } : { text: pick(PIECES), style }];
        } else if (r < 0.95) {
          // An earlier span restyled (a closing `*` turned plain text bold).
          const i = Math.floor(rand() * spans.length);
          spans = spans.map((s, k) => (k === i ? { text: s.text, style: s.style === BOLD ? undefined : BOLD } : s));
        } else {
          spans = spans.slice(0, Math.floor(rand() * spans.length));
        }
        const out = wrapSpansIncremental(spans, width, memo);
        expect({ step, lines: out.lines }).toEqual({ step, lines: wrapSpans(spans, width) });
        memo = out.memo;
      }
    });
  }
});

describe("wrapWithOffsets on printable ASCII", () => {
  for (const seed of [11, 12, 13, 14]) {
    it(`gives the lines the general (grapheme) path gives (seed ${seed})`, () => {
      const rand = rng(seed);
      const parts = ["a", "bb", "word", " ", "   ", "\t", "\n", "longerwordthanwidth", "x."];
      for (let n = 0; n < 60; n++) {
        let text = "";
        for (let k = Math.floor(rand() * 30); k > 0; k--) text += parts[Math.floor(rand() * parts.length)];
        const width = 1 + Math.floor(rand() * 12);
        // A non-ASCII line after it sends the whole text down the general path.
        const general = wrapWithOffsets(text + "\né", width).slice(0, -1);
        expect({ text, width, lines: wrapWithOffsets(text, width) }).toEqual({ text, width, lines: general });
      }
    });
  }
});

describe("hasPrefix", () => {
  it("is String.prototype.startsWith for a prefix of any length", () => {
    let grown = "";
    for (let i = 0; i < 50; i++) grown += "ab";
    expect([hasPrefix(grown, "abab"), hasPrefix(grown, grown), hasPrefix(grown, ""), hasPrefix("ab", "abc"), hasPrefix(grown, "ba")])
      .toEqual([true, true, true, false, false]);
  });
});
