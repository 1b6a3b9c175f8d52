// Highlights over a printable-ASCII row drawn without cells give exactly the spans the cell way gives.
import { describe, expect, it } from "vitest";
import type { Style } from "../../engine/kernel/style.js";
import { fromCells, toCells } from "../../ui/mark-cells.js";
import { hlAsciiRow, hlCells, type RangedHl } from "../../ui/mark-hl-row.js";
import type { StyledLine } from "../../ui/wrap-text.js";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STYLES: (Style | undefined)[] = [undefined, { fg: "accent" }, { bold: true }];
const HLS: Style[] = [{ underline: true }, { fg: "warning", underline: true }, { bg: "selectedBg" }];

describe("highlights on a printable-ASCII row", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`match the cell way over random rows, columns and ranges (seed ${seed})`, () => {
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      for (let round = 0; round < 300; round++) {
        // A row of styled spans (a pad, text, a marker) and the source column of each character:
        // growing, with -1 where the row shows something not from the source.
        const row: StyledLine = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => {
          const text = Array.from({ length: Math.floor(rand() * 12) }, () => pick(["a", "b", " ", "-", "x"])).join("");
          const style = pick(STYLES);
          return style === undefined ? { text } : { text, style };
        });
        let col = Math.floor(rand() * 5);
        const src = Array.from(row.map((s) => s.text).join(""), () => (rand() < 0.15 ? -1 : col++ + (rand() < 0.1 ? 1 : 0)));
        const ranges: RangedHl[] = Array.from({ length: Math.floor(rand() * 4) }, () => {
          const from = Math.floor(rand() * (col + 3));
          return { hl: pick(HLS), from, to: rand() < 0.2 ? Infinity : from + 1 + Math.floor(rand() * 8) };
        });
        const cells = toCells(row, src);
        const expected = hlCells(cells, ranges) ? fromCells(cells) : row;
        const got = hlAsciiRow(row, src, ranges);
        expect(got, `round ${round}`).toEqual(expected);
        if (expected === row) expect(got).toBe(row);
      }
    });
  }

  it("leave a row with a wide or combining character to the cell way", () => {
    expect(hlAsciiRow([{ text: "a語" }], [0, 1], [{ hl: { bold: true }, from: 0, to: 1 }])).toBeNull();
    expect(hlAsciiRow([{ text: "e\u0301" }], [0, 1], [])).toBeNull();
  });
});
