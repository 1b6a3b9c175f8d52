import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { fastWidth, graphemes, graphemeWidth, textWidth } from "../../ui/text-measure.js";

const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const reference = (t: string) => [...seg.segment(t)].reduce((w, s) => w + Math.min(2, stringWidth(s.segment)), 0);

describe("the code-point width table", () => {
  it("agrees with string-width on every BMP code point it covers", () => {
    const wrong: string[] = [];
    let covered = 0;
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const f = fastWidth(c);
      if (f < 0) continue;
      covered++;
      const ch = String.fromCharCode(c);
      if (f !== Math.min(2, stringWidth(ch))) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(covered).toBeGreaterThan(34_000);
  });

  it("covers box drawing, Latin-1, punctuation and CJK, and leaves emoji and marks to string-width", () => {
    expect(["─", "╭", "é", "…", "—", "→", "語", "가", "Ａ"].map((c) => fastWidth(c.charCodeAt(0)))).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2]);
    expect(["\u00ad", "\u0301", "\u200d", "\ufe0f", "\u25fd", "\u202e", "\n"].map((c) => fastWidth(c.charCodeAt(0)))).toEqual([-1, -1, -1, -1, -1, -1, -1]);
  });
});

describe("measuring text with the table", () => {
  const samples = [
    "╭─ message ───╮", "café naïve", "Ωμέγα Кириллица", "«quotes» — “dashes” …", "語a가Ａ",
    "e\u0301 combining", "─\ufe0f", "👍🏽 ok", "↔\ufe0f", "a\u200db", "soft\u00adhyphen", "◽ box", "\u202eRTL",
  ];
  it("gives the same widths as string-width over grapheme clusters", () => {
    expect(samples.map(textWidth)).toEqual(samples.map(reference));
  });
  it("gives the same graphemes as Intl.Segmenter", () => {
    for (const s of samples) expect(graphemes(s)).toEqual([...seg.segment(s)].map((x) => x.segment));
  });
  it("measures single graphemes like string-width", () => {
    for (const g of ["─", "é", "語", "\u00ad", "👍🏽", "e\u0301"]) expect(graphemeWidth(g)).toBe(Math.min(2, stringWidth(g)));
  });
});
