import { describe, expect, it } from "vitest";
import { TextLines } from "../../engine/kernel/text-lines.js";
import { layoutComposer, LineWraps, visibleRows } from "../../ui/composer-layout.js";

// A small deterministic generator, so the edit sequence is the same every run.
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe("composer layout kept per line", () => {
  it("re-wraps only what edits changed and ends where a fresh wrap of the text ends", () => {
    const rnd = lcg(7);
    const pieces = ["word ", "é", "\n", "longerwordthatwraps", " ", "😀", "x"];
    const text = new TextLines("start here\nsecond line");
    const kept = new LineWraps();
    for (let step = 0; step < 120; step++) {
      const at = Math.floor(rnd() * (text.length + 1));
      if (rnd() < 0.3) text.splice(at, Math.min(text.length, at + Math.floor(rnd() * 4)), "");
      else text.splice(at, at, pieces[Math.floor(rnd() * pieces.length)]!);
      // Several edits between two layouts, as when keys arrive faster than frames.
      if (step % 3 !== 0) continue;
      const cursor = Math.floor(rnd() * (text.length + 1));
      const got = layoutComposer(kept, text, cursor, 9);
      const fresh = layoutComposer(new LineWraps(), new TextLines(text.toString()), cursor, 9);
      expect({ row: got.row, col: got.col, rows: got.rows, wraps: got.wraps }).toEqual({ row: fresh.row, col: fresh.col, rows: fresh.rows, wraps: fresh.wraps });
    }
  });

  it("wraps an unchanged line once however many frames show it", () => {
    const text = new TextLines("alpha beta gamma\ndelta");
    const kept = new LineWraps();
    const first = layoutComposer(kept, text, 0, 8).wraps[0];
    text.splice(23, 23, "!");
    const lay = layoutComposer(kept, text, 24, 8);
    expect(lay.wraps[0]).toBe(first);
    expect(visibleRows(lay, 1, 3)).toEqual(["beta ", "gamma", "delta!"]);
  });
});
