import { describe, expect, it } from "vitest";
import { Screen } from "../../ui/screen.js";
import { SYNC_BEGIN, SYNC_END } from "../../ui/ansi-encode.js";
import { cellStyle, feed, headlessTerminal, mismatches, screenLines } from "./xterm-oracle.js";

function inner(bytes: string): string {
  expect(bytes.startsWith(SYNC_BEGIN) && bytes.endsWith(SYNC_END)).toBe(true);
  return bytes.slice(SYNC_BEGIN.length, -SYNC_END.length);
}

describe("Screen.flush replayed into a headless terminal", () => {
  it("paints a first frame with text and colours", async () => {
    const s = new Screen(12, 3);
    const t = headlessTerminal(12, 3);
    const accent = s.styles.intern({ fg: 0x5fafff, bold: true });
    const sel = s.styles.intern({ bg: 0x303030, italic: true });
    s.back.writeText(0, 0, "hello", accent);
    s.back.writeText(2, 1, "world", sel);
    s.back.fill({ x: 0, y: 2, width: 12, height: 1 }, "-", 0);
    await feed(t, s.flush());
    expect(screenLines(t)).toEqual(["hello       ", "  world     ", "------------"]);
    expect(cellStyle(t, 0, 0)).toEqual({ fg: 0x5fafff, bg: null, bold: true, italic: false, underline: false, reverse: false, dim: false });
    expect(cellStyle(t, 2, 1)).toEqual({ fg: null, bg: 0x303030, bold: false, italic: true, underline: false, reverse: false, dim: false });
    expect(mismatches(t, s.back)).toEqual([]);
  });

  it("keeps the terminal equal to the grid through a sequence of edits", async () => {
    const s = new Screen(16, 4);
    const t = headlessTerminal(16, 4);
    const red = s.styles.intern({ fg: 0xff0000 });
    const rev = s.styles.intern({ reverse: true, underline: true });
    const dim = s.styles.intern({ dim: true, bold: true });
    s.back.writeText(0, 0, "first line here!");
    await feed(t, s.flush());
    s.back.writeText(6, 0, "LINE", red);
    s.back.writeText(0, 3, "status", rev);
    await feed(t, s.flush({ row: 3, col: 6 }));
    s.back.fill({ x: 0, y: 0, width: 16, height: 1 }, " ", 0);
    s.back.writeText(3, 2, "dimmed", dim);
    s.back.writeText(5, 2, "X", red);
    await feed(t, s.flush({ row: 2, col: 0 }));
    expect(screenLines(t)).toEqual(["                ", "                ", "   diXmed       ", "status          "]);
    expect(mismatches(t, s.back)).toEqual([]);
    expect([t.buffer.active.cursorY, t.buffer.active.cursorX]).toEqual([2, 0]);
  });

  it("repaints without artefacts after shrinking and growing", async () => {
    const s = new Screen(10, 4);
    const t = headlessTerminal(10, 4);
    const blue = s.styles.intern({ bg: 0x0000ff });
    for (let y = 0; y < 4; y++) s.back.writeText(0, y, `row${y}-abcdef`, blue);
    await feed(t, s.flush());
    t.resize(6, 2);
    s.resize(6, 2);
    s.back.writeText(0, 0, "small");
    await feed(t, s.flush());
    expect(screenLines(t)).toEqual(["small ", "      "]);
    expect(mismatches(t, s.back)).toEqual([]);
    t.resize(12, 5);
    s.resize(12, 5);
    s.back.writeText(0, 4, "big again");
    await feed(t, s.flush());
    expect(screenLines(t)).toEqual(["            ", "            ", "            ", "            ", "big again   "]);
    expect(mismatches(t, s.back)).toEqual([]);
  });

  it("draws CJK and emoji and overwrites half of a wide character", async () => {
    const s = new Screen(10, 2);
    const t = headlessTerminal(10, 2);
    s.back.writeText(0, 0, "a語😀b中文");
    s.back.writeText(0, 1, "語語語語語");
    await feed(t, s.flush());
    expect(screenLines(t)).toEqual(["a語😀b中文", "語語語語語"]);
    s.back.writeText(2, 0, "x");
    s.back.writeText(3, 1, "yz");
    await feed(t, s.flush());
    expect(screenLines(t)).toEqual(["a x😀b中文", "語 yz 語語"]);
    expect(mismatches(t, s.back)).toEqual([]);
  });

  it("draws overlapping writes as the last writer left them", async () => {
    const s = new Screen(12, 2);
    const t = headlessTerminal(12, 2);
    const a = s.styles.intern({ fg: 0x00ff00 });
    const b = s.styles.intern({ fg: 0xffffff, bg: 0x800000 });
    await feed(t, s.flush());
    s.back.writeText(0, 0, "background words", a);
    s.back.writeText(3, 0, "[popup]", b, { x: 2, y: 0, width: 6, height: 2 });
    s.back.writeText(1, 1, "中中中中", a);
    s.back.writeText(2, 1, "|", b);
    await feed(t, s.flush());
    expect(screenLines(t)).toEqual(["bac[popund w", "  |中中中   "]);
    expect(mismatches(t, s.back)).toEqual([]);
  });

  it("keeps the emulator in step after an emoji whose width terminals disagree on", async () => {
    const s = new Screen(8, 1);
    const t = headlessTerminal(8, 1);
    s.back.writeText(0, 0, "❤️ab");
    await feed(t, s.flush());
    // We measure ❤️ as two cells, xterm.js as one: the cursor is re-placed after it, so "a" and
    // "b" still land in the cells the grid has them in.
    expect(screenLines(t)).toEqual(["❤️ ab    "]);
  });
});

describe("Screen.flush write sizes", () => {
  it("writes 0 bytes for an unchanged frame", () => {
    const s = new Screen(20, 5);
    s.back.writeText(0, 0, "hello");
    s.flush({ row: 0, col: 5 });
    expect(s.flush({ row: 0, col: 5 })).toBe("");
    s.back.writeText(0, 0, "hello");
    expect(s.flush({ row: 0, col: 5 })).toBe("");
  });

  it("writes a small update for one changed character, with no clear", () => {
    const s = new Screen(80, 24);
    const st = s.styles.intern({ fg: 0xaaaaaa });
    for (let y = 0; y < 24; y++) s.back.writeText(0, y, "x".repeat(80), st);
    s.flush({ row: 23, col: 0 });
    s.back.writeText(40, 12, "y", st);
    const body = inner(s.flush({ row: 23, col: 0 }));
    expect(body.length).toBeLessThan(40);
    expect(body).not.toContain("\x1b[2J");
    expect(body).toContain("y");
    expect(body).toContain("\x1b[13;41H");
  });

  it("moves only the cursor when only the cursor moved", () => {
    const s = new Screen(10, 2);
    s.flush({ row: 0, col: 0 });
    expect(inner(s.flush({ row: 1, col: 3 }))).toBe("\x1b[2;4H");
  });

  it("hides the cursor when none is given, once", () => {
    const s = new Screen(10, 2);
    s.flush({ row: 0, col: 0 });
    expect(inner(s.flush(null))).toBe("\x1b[?25l");
    expect(s.flush(null)).toBe("");
  });

  it("places and shows the cursor after the cells", async () => {
    const s = new Screen(10, 2);
    const t = headlessTerminal(10, 2);
    s.back.writeText(0, 0, "abc");
    const bytes = s.flush({ row: 1, col: 4 });
    expect(bytes.endsWith("\x1b[2;5H\x1b[?25h" + SYNC_END)).toBe(true);
    await feed(t, bytes);
    expect([t.buffer.active.cursorY, t.buffer.active.cursorX]).toEqual([1, 4]);
  });

  it("repaints everything after invalidate", () => {
    const s = new Screen(10, 2);
    s.back.writeText(0, 0, "abc");
    s.flush();
    s.invalidate();
    const body = inner(s.flush());
    expect(body).toContain("\x1b[2J");
    expect(body).toContain("abc");
  });

  it("fullFrame gives the bytes of the frame on an empty screen without changing state", async () => {
    const s = new Screen(10, 2);
    const t = headlessTerminal(10, 2);
    s.back.writeText(1, 1, "語 ok", s.styles.intern({ italic: true }));
    s.flush();
    const full = s.fullFrame({ row: 0, col: 0 });
    expect(full).toContain("\x1b[2J");
    await feed(t, full);
    expect(mismatches(t, s.back)).toEqual([]);
    expect(s.flush()).toBe("");
  });
});

describe("Screen.flush cursor hiding", () => {
  it("hides the cursor while several runs are drawn and shows it at the end", () => {
    const s = new Screen(20, 3);
    s.flush({ row: 0, col: 0 });
    s.back.writeText(1, 0, "a");
    s.back.writeText(1, 2, "b");
    expect(inner(s.flush({ row: 0, col: 0 }))).toBe("\x1b[?25l\x1b[1;2Ha\x1b[3;2Hb\x1b[H\x1b[?25h");
  });

  it("writes a plain one-character change as a jump, the character and the jump back", () => {
    const s = new Screen(20, 3);
    s.back.writeText(0, 1, "hello");
    s.flush({ row: 2, col: 0 });
    s.back.writeText(1, 1, "a");
    expect(inner(s.flush({ row: 2, col: 0 }))).toBe("\x1b[2;2Ha\x1b[3H");
  });
});

describe("Screen.flush and the terminal's cursor", () => {
  it("writes a character typed at the cursor with no cursor move, inside synchronized output", async () => {
    const s = new Screen(12, 2);
    const t = headlessTerminal(12, 2);
    s.back.writeText(0, 1, "> ab");
    await feed(t, s.flush({ row: 1, col: 4 }));
    s.back.writeText(4, 1, "c");
    const bytes = s.flush({ row: 1, col: 5 });
    // The cursor is already there: the frame is the character alone, wrapped like every frame.
    expect(bytes).toBe("\x1b[?2026hc\x1b[?2026l");
    await feed(t, bytes);
    expect(screenLines(t)).toEqual(["            ", "> abc       "]);
    expect([t.buffer.active.cursorY, t.buffer.active.cursorX]).toEqual([1, 5]);
  });

  it("moves back to the cursor after writing elsewhere", async () => {
    const s = new Screen(12, 2);
    const t = headlessTerminal(12, 2);
    s.back.writeText(0, 1, "> ab");
    await feed(t, s.flush({ row: 1, col: 4 }));
    s.back.writeText(0, 0, "x");
    const bytes = s.flush({ row: 1, col: 4 });
    expect(bytes).toBe(SYNC_BEGIN + "\x1b[Hx\x1b[2;5H" + SYNC_END);
    await feed(t, bytes);
    expect([t.buffer.active.cursorY, t.buffer.active.cursorX]).toEqual([1, 4]);
  });
});
