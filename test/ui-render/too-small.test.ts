import { describe, expect, it } from "vitest";
import { tooSmallLines } from "../../ui/renderers/too-small.js";
import { lineWidth } from "../../ui/renderers/window-renderer.js";
import { screen } from "./render-fixtures.js";

describe("too-small screen below 18 columns", () => {
  it("wraps the notice and the size hint to the width, centred", () => {
    expect(screen(tooSmallLines(10, 6), 10)).toEqual([
      "          ",
      " Terminal ",
      "too small ",
      "10x6, need",
      "   20x8   ",
    ]);
  });

  it("keeps the notice whole at 17 columns", () => {
    expect(screen(tooSmallLines(17, 7), 17)).toEqual([
      "                 ",
      "                 ",
      "  Terminal too   ",
      "      small      ",
      " 17x7, need 20x8 ",
    ]);
  });

  it("breaks words longer than the width by character, in the shorter wording when the long one does not fit", () => {
    expect(screen(tooSmallLines(4, 7), 4)).toEqual([
      "    ", "Too ", "smal", " l  ", "need", "20x8",
    ]);
  });

  it("shortens the wording on a tiny screen so the size needed is the last thing cut", () => {
    expect(screen(tooSmallLines(10, 3), 10)).toEqual(["Too small ", "need 20x8 "]);
    expect(screen(tooSmallLines(6, 2), 6)).toEqual([" need ", " 20x8 "]);
    expect(screen(tooSmallLines(1, 1), 1)).toEqual(["2"]);
  });

  it("fits every size below 20x8 down to 1x1", () => {
    for (let w = 1; w <= 20; w++) {
      for (let h = 1; h <= (w === 20 ? 7 : 8); h++) {
        const lines = tooSmallLines(w, h);
        expect(lines.length, `${w}x${h}`).toBeLessThanOrEqual(h);
        expect(lines.length, `${w}x${h}`).toBeGreaterThan(0);
        for (const l of lines) expect(lineWidth(l), `${w}x${h}`).toBeLessThanOrEqual(w);
      }
    }
  });
});
