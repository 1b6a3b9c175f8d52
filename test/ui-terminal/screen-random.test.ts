import { describe, expect, it } from "vitest";
import { Screen } from "../../ui/screen.js";
import { feed, headlessTerminal, mismatches } from "./xterm-oracle.js";

// A small deterministic PRNG so a failure replays identically.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ["a", "bc", "xyz ", "語", "中文", "😀", "e\u0301", "   ", "│─┐", "日本語テキスト", "—…", "🚀x"];

describe("Screen.flush against headless xterm over random edit sequences", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`keeps the emulator equal to the grid (seed ${seed})`, async () => {
      const rnd = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      let w = 24, h = 8;
      const s = new Screen(w, h);
      const t = headlessTerminal(w, h);
      const styles = [0,
        s.styles.intern({ fg: 0xff8800 }), s.styles.intern({ bg: 0x202040, bold: true }),
        s.styles.intern({ italic: true, underline: true }), s.styles.intern({ reverse: true, dim: true }),
        s.styles.intern({ fg: 0x00ff00, bg: 0x000000, bold: true, dim: true })];
      for (let frame = 0; frame < 40; frame++) {
        if (rnd() < 0.05) {
          w = 10 + Math.floor(rnd() * 30);
          h = 3 + Math.floor(rnd() * 10);
          t.resize(w, h);
          s.resize(w, h);
        }
        const edits = Math.floor(rnd() * 6);
        for (let e = 0; e < edits; e++) {
          const x = Math.floor(rnd() * (w + 4)) - 2;
          const y = Math.floor(rnd() * h);
          const r = rnd();
          if (r < 0.7) {
            const clip = rnd() < 0.4 ? { x: Math.floor(rnd() * w), y: 0, width: Math.floor(rnd() * w), height: h } : undefined;
            s.back.writeText(x, y, pick(PIECES) + pick(PIECES), pick(styles), clip);
          } else if (r < 0.9) {
            s.back.fill({ x, y, width: Math.floor(rnd() * 8), height: Math.floor(rnd() * 3) + 1 }, pick([" ", ".", "#"]), pick(styles));
          } else {
            s.back.clear(pick(styles));
          }
        }
        const cursor = rnd() < 0.5 ? null : { row: Math.floor(rnd() * h), col: Math.floor(rnd() * w) };
        await feed(t, s.flush(cursor));
        expect(mismatches(t, s.back), `frame ${frame}`).toEqual([]);
        if (cursor) expect([t.buffer.active.cursorY, t.buffer.active.cursorX]).toEqual([cursor.row, cursor.col]);
      }
    });
  }
});
