import { describe, expect, it } from "vitest";
import { cursorTo, encodeRuns, initialEncodeState, sgrDelta } from "../../ui/ansi-encode.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { diffGrids } from "../../ui/frame-diff.js";
import { PLAIN, type ResolvedStyle } from "../../ui/resolved-style.js";

const st = (s: Partial<ResolvedStyle>): ResolvedStyle => ({ ...PLAIN, ...s });

describe("sgrDelta", () => {
  it("is empty between equal styles", () => {
    expect(sgrDelta(st({ bold: true }), st({ bold: true }))).toBe("");
  });

  it("sets a truecolor foreground and background", () => {
    expect(sgrDelta(PLAIN, st({ fg: 0x102030, bg: 0xffffff }))).toBe("\x1b[38;2;16;32;48;48;2;255;255;255m");
  });

  it("turns one attribute off without a reset", () => {
    expect(sgrDelta(st({ italic: true, fg: 0x102030 }), st({ fg: 0x102030 }))).toBe("\x1b[23m");
  });

  it("re-adds dim when bold goes off, since both share code 22", () => {
    expect(sgrDelta(st({ bold: true, dim: true, fg: 1 }), st({ dim: true, fg: 1 }))).toBe("\x1b[22;2m");
  });

  it("resets when that is shorter", () => {
    expect(sgrDelta(st({ bold: true, italic: true, fg: 0x102030 }), PLAIN)).toBe("\x1b[0m");
    expect(sgrDelta(st({ bold: true, italic: true, underline: true }), st({ reverse: true }))).toBe("\x1b[0;7m");
  });
});

describe("frame diff and encoding", () => {
  it("finds changed runs and merges ones separated by a small gap", () => {
    const a = new CellGrid(20, 2);
    const b = new CellGrid(20, 2, a.styles);
    b.writeText(1, 0, "x");
    b.writeText(4, 0, "y");
    b.writeText(15, 0, "z");
    b.writeText(0, 1, "w");
    expect(diffGrids(a, b)).toEqual([{ y: 0, x: 1, end: 5 }, { y: 0, x: 15, end: 16 }, { y: 1, x: 0, end: 1 }]);
  });

  it("widens a run to cover both halves of a wide character", () => {
    const a = new CellGrid(6, 1);
    const b = new CellGrid(6, 1, a.styles);
    a.writeText(2, 0, "語");
    b.writeText(2, 0, "中");
    expect(diffGrids(a, b)).toEqual([{ y: 0, x: 2, end: 4 }]);
  });

  it("moves the cursor only on jumps and erases a blank row tail with EL", () => {
    const a = new CellGrid(10, 2);
    a.writeText(0, 0, "aaaaaaaaaa");
    const b = new CellGrid(10, 2, a.styles);
    b.writeText(0, 0, "ab");
    b.writeText(0, 1, "cd");
    expect(encodeRuns(b, diffGrids(a, b), initialEncodeState())).toBe("\x1b[1;2Hb\x1b[K\x1b[2Hcd");
  });

  it("re-places the cursor after graphemes whose width terminals disagree on, not after CJK", () => {
    const a = new CellGrid(12, 1);
    const b = new CellGrid(12, 1, a.styles);
    b.writeText(0, 0, "語e\u0301x😀y✔z");
    expect(encodeRuns(b, diffGrids(a, b), initialEncodeState()))
      .toBe("\x1b[H語e\u0301\x1b[1;4Hx😀\x1b[1;7Hy✔\x1b[1;9Hz");
  });

  it("numbers CUP from 1", () => {
    expect([cursorTo(0, 0), cursorTo(4, 0), cursorTo(2, 7)]).toEqual(["\x1b[H", "\x1b[5H", "\x1b[3;8H"]);
  });
});
