// Screen.flush scrolls the terminal when a band of rows moved as a whole (a transcript that grew
// by a row), instead of rewriting every moved row; the emulator must still show exactly the grid.
import { describe, expect, it } from "vitest";
import { SYNC_BEGIN, SYNC_END } from "../../ui/ansi-encode.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { applyRowShift, findRowShift } from "../../ui/frame-diff.js";
import { Screen } from "../../ui/screen.js";
import { feed, headlessTerminal, mismatches, screenLines } from "./xterm-oracle.js";

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LINES = ["alpha beta 語", "gamma delta", "epsilon zeta", "eta theta iota", "kappa lambda", "mu nu xi 😀",
  "omicron pi", "rho sigma", "tau upsilon", "phi chi psi", "omega", "the end"];

// LINES[first..first+rows) in rows [0, rows) of the screen, then a composer on the next row.
function fill(s: Screen, first: number, rows: number): void {
  for (let y = 0; y < rows; y++) {
    s.back.fill({ x: 0, y, width: s.width, height: 1 }, " ");
    s.back.writeText(0, y, LINES[first + y]!, (first + y) % 2 === 0 ? 0 : s.styles.intern({ fg: 0x88aaff, bold: true }));
  }
  s.back.fill({ x: 0, y: rows, width: s.width, height: 1 }, " ");
  s.back.writeText(0, rows, "> composer", s.styles.intern({ bg: 0x202020 }));
}

describe("Screen.flush with rows that moved", () => {
  it("scrolls a band up by one row and writes only the new row", async () => {
    const s = new Screen(16, 6);
    const t = headlessTerminal(16, 6);
    fill(s, 0, 5);
    await feed(t, s.flush());
    fill(s, 1, 5);
    const bytes = s.flush();
    // Region rows 1-5 (1-based), scroll up one, reset the region, then the new last line.
    expect(bytes).toBe(SYNC_BEGIN + "\x1b[1;5r\x1b[S\x1b[r\x1b[5H\x1b[1;38;2;136;170;255mmu nu xi 😀\x1b[0m" + SYNC_END);
    await feed(t, bytes);
    expect(screenLines(t)).toEqual(["gamma delta     ", "epsilon zeta    ", "eta theta iota  ", "kappa lambda    ", "mu nu xi 😀     ", "> composer      "]);
    expect(mismatches(t, s.back)).toEqual([]);
  });

  it("scrolls a band down when the view moves back through history", async () => {
    const s = new Screen(16, 6);
    const t = headlessTerminal(16, 6);
    fill(s, 6, 5);
    await feed(t, s.flush());
    fill(s, 4, 5);
    const bytes = s.flush();
    expect(bytes).toContain("\x1b[1;5r\x1b[2T\x1b[r");
    await feed(t, bytes);
    expect(mismatches(t, s.back)).toEqual([]);
  });

  it("does not scroll when rewriting the moved rows is cheaper", () => {
    const front = new CellGrid(8, 4), back = new CellGrid(8, 4);
    front.writeText(0, 0, "a"); front.writeText(0, 1, "b"); front.writeText(0, 2, "c");
    back.writeText(0, 0, "b"); back.writeText(0, 1, "c"); back.writeText(0, 2, "d");
    expect(findRowShift(front, back)).toBeNull();
  });

  it("finds the band that saves the most changed cells, leaving out unchanged rows above it", () => {
    const front = new CellGrid(12, 8), back = new CellGrid(12, 8);
    // Row 0 stays; rows 1-6 move up one (front row 7 is blank, so back row 6 blank matches too).
    front.writeText(0, 0, "title");
    back.writeText(0, 0, "title");
    for (let y = 1; y < 7; y++) front.writeText(0, y, "abcdefg"[y]!.repeat(10));
    for (let y = 1; y < 6; y++) back.writeText(0, y, "abcdefg"[y + 1]!.repeat(10));
    expect(findRowShift(front, back)).toEqual({ top: 1, bottom: 8, by: 1 });
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`keeps the emulator equal to the grid over random scrolls and edits (seed ${seed})`, async () => {
      const rnd = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const w = 20, h = 10;
      const s = new Screen(w, h);
      const t = headlessTerminal(w, h);
      const styles = [0, s.styles.intern({ fg: 0xff8800 }), s.styles.intern({ bg: 0x202040, bold: true }),
        s.styles.intern({ italic: true, underline: true }), s.styles.intern({ reverse: true })];
      const pieces = ["text", "語中", "😀", "e\u0301", "│─┐", "   ", "ab cd ef gh ij kl"];
      const line = () => `${pick(pieces)} ${pick(pieces)} ${pick(pieces)} ${pick(pieces)}`;
      for (let y = 0; y < h; y++) s.back.writeText(0, y, line(), pick(styles));
      await feed(t, s.flush());
      let scrolled = 0;
      for (let frame = 0; frame < 40; frame++) {
        if (rnd() < 0.6) {
          // Move a band of the back grid as a transcript or a scrolled view would.
          const top = Math.floor(rnd() * (h - 2));
          const bottom = top + 2 + Math.floor(rnd() * (h - top - 1));
          const n = 1 + Math.floor(rnd() * Math.min(3, bottom - top - 1));
          applyRowShift(s.back, { top, bottom, by: rnd() < 0.7 ? n : -n });
          const fresh = rnd() < 0.5 ? bottom - 1 : top;
          s.back.writeText(Math.floor(rnd() * 4), fresh, line(), pick(styles));
        }
        for (let e = Math.floor(rnd() * 3); e > 0; e--) {
          s.back.writeText(Math.floor(rnd() * w), Math.floor(rnd() * h), pick(pieces), pick(styles));
        }
        const cursor = rnd() < 0.5 ? null : { row: Math.floor(rnd() * h), col: Math.floor(rnd() * w) };
        const bytes = s.flush(cursor);
        if (bytes.includes("r\x1b[")) scrolled++;
        await feed(t, bytes);
        expect(mismatches(t, s.back), `frame ${frame}`).toEqual([]);
        if (cursor) expect([t.buffer.active.cursorY, t.buffer.active.cursorX]).toEqual([cursor.row, cursor.col]);
      }
      expect(scrolled).toBeGreaterThan(3);
    });
  }
});
