// Text that grows at its end wraps to exactly what a fresh wrap gives, at every step, while only
// the last line is wrapped again.
import { describe, expect, it } from "vitest";
import { wrapGrowing, type GrowMemo, type Trailing } from "../../ui/wrap-growing.js";
import { wrapSpans, wrapSpansIncremental, type WrapMemo } from "../../ui/wrap-text.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const STYLE = Object.freeze({ fg: "thinkingText", italic: true });
const PIECES = ["word ", "longerword ", "\n", "\n\n", "  indented ", "\t", "語の文字", "👍🏽", "e\u0301", "x".repeat(30), "日本語".repeat(9), " ", "end."];

function fresh(text: string, width: number, trailing: Trailing) {
  const t = trailing === "all" ? text.replace(/\n+$/, "") : trailing === "one" && text.endsWith("\n") ? text.slice(0, -1) : text;
  return wrapSpans([{ text: t, style: STYLE }], width);
}

describe("wrapGrowing", () => {
  for (const trailing of ["keep", "one", "all"] as const) {
    for (const seed of [1, 7, 42]) {
      it(`gives wrapSpans's rows at every step (${trailing} trailing newlines, seed ${seed})`, () => {
        const rand = rng(seed);
        let doc = "";
        for (let k = 0; k < 80; k++) doc += PIECES[Math.floor(rand() * PIECES.length)];
        let memo: GrowMemo | undefined;
        for (let at = 1; at <= doc.length; at += 1 + Math.floor(rand() * 3)) {
          const text = doc.slice(0, at);
          if (trailing !== "keep" && text.replace(/\n+$/, "") === "") continue;
          const out = wrapGrowing(text, 13, STYLE, trailing, memo);
          expect({ at, lines: out.lines }).toEqual({ at, lines: fresh(text, 13, trailing) });
          memo = out.memo;
        }
      });
    }
  }

  it("keeps the rows of complete lines as the same objects", () => {
    const first = wrapGrowing("one line\nanother line\nthe last", 10, STYLE, "all");
    const next = wrapGrowing("one line\nanother line\nthe last one", 10, STYLE, "all", first.memo);
    expect(next.lines.slice(0, 3).every((l, i) => l === first.lines[i])).toBe(true);
    expect(next.memo.completeLines).toBe(2);
  });
});

describe("wrapSpansIncremental on a line without spaces", () => {
  it("resumes inside a word wider than the line, giving wrapSpans's rows", () => {
    let memo: WrapMemo | undefined;
    let text = "";
    for (let k = 0; k < 300; k++) {
      text += k % 7 === 0 ? "語" : "abc";
      const out = wrapSpansIncremental([{ text }], 10, memo);
      expect(out.lines).toEqual(wrapSpans([{ text }], 10));
      if (memo !== undefined && out.lines.length > 3) expect(out.lines[0]).toBe(memo.lines[0]);
      memo = out.memo;
    }
  });
});
