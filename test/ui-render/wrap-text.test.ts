import { describe, expect, it } from "vitest";
import { wrapSpans, wrapText, wrapWithOffsets } from "../../ui/wrap-text.js";

describe("wrapText", () => {
  it("breaks at spaces and drops the space at the break", () => {
    expect(wrapText("hello world again", 11)).toEqual(["hello world", "again"]);
  });
  it("keeps hard newlines and empty lines", () => {
    expect(wrapText("a\n\nb", 5)).toEqual(["a", "", "b"]);
  });
  it("hard-breaks words longer than the width", () => {
    expect(wrapText("abcdefghij xy", 4)).toEqual(["abcd", "efgh", "ij", "xy"]);
  });
  it("keeps the indentation of a hard line", () => {
    expect(wrapText("  indented text", 10)).toEqual(["  indented", "text"]);
  });
  it("never splits a wide CJK character across lines", () => {
    expect(wrapText("日本語のテキスト", 5)).toEqual(["日本", "語の", "テキ", "スト"]);
  });
  it("counts emoji as two cells", () => {
    expect(wrapText("👍👍👍 ok", 4)).toEqual(["👍👍", "👍", "ok"]);
  });
  it("keeps combining marks with their base character", () => {
    expect(wrapText("e\u0301e\u0301e\u0301e\u0301", 3)).toEqual(["e\u0301e\u0301e\u0301", "e\u0301"]);
  });
  it("expands tabs to four spaces", () => {
    expect(wrapText("\tx", 10)).toEqual(["    x"]);
  });
});

describe("wrapSpans", () => {
  it("keeps each span's style across a break and merges same-style neighbours", () => {
    const bold = { bold: true };
    expect(wrapSpans([{ text: "plain " }, { text: "bold words", style: bold }, { text: " end" }], 10)).toEqual([
      [{ text: "plain " }, { text: "bold", style: bold }],
      [{ text: "words", style: bold }, { text: " end" }],
    ]);
  });
  it("treats a word that crosses spans as one word", () => {
    const em = { italic: true };
    expect(wrapSpans([{ text: "aa " }, { text: "bb", style: em }, { text: "cc" }], 5)).toEqual([
      [{ text: "aa" }],
      [{ text: "bb", style: em }, { text: "cc" }],
    ]);
  });
});

describe("wrapWithOffsets", () => {
  it("maps each visual line to its code-point range, whitespace hanging at the break", () => {
    expect(wrapWithOffsets("hello world", 5)).toEqual([
      { text: "hello ", start: 0, end: 6, width: 6, hard: false },
      { text: "world", start: 6, end: 11, width: 5, hard: true },
    ]);
  });
  it("counts code points across newlines and surrogate pairs", () => {
    expect(wrapWithOffsets("👍a\nb", 10)).toEqual([
      { text: "👍a", start: 0, end: 2, width: 3, hard: true },
      { text: "b", start: 3, end: 4, width: 1, hard: true },
    ]);
  });
  it("hard-breaks a long word", () => {
    expect(wrapWithOffsets("abcdefg", 3).map((l) => [l.text, l.start, l.end])).toEqual([
      ["abc", 0, 3], ["def", 3, 6], ["g", 6, 7],
    ]);
  });
});
