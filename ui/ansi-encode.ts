import type { CellGrid } from "./cell-grid.js";
import type { DiffRun } from "./frame-diff.js";
import { PLAIN, type ResolvedStyle } from "./resolved-style.js";

export const SYNC_BEGIN = "\x1b[?2026h";
export const SYNC_END = "\x1b[?2026l";
export const HIDE_CURSOR = "\x1b[?25l";
export const SHOW_CURSOR = "\x1b[?25h";
export const SGR_RESET = "\x1b[0m";
/** Home the cursor and erase the display (in the default background: send SGR_RESET first). */
export const CLEAR_SCREEN = "\x1b[H\x1b[2J";
/** Erase from the cursor to the end of the line. */
export const ERASE_LINE_END = "\x1b[K";

/** CUP: moves the cursor to a 0-based row and column. */
export function cursorTo(row: number, col: number): string {
  if (row === 0 && col === 0) return "\x1b[H";
  return col === 0 ? `\x1b[${row + 1}H` : `\x1b[${row + 1};${col + 1}H`;
}

function colourCodes(base: 38 | 48, c: number): string {
  return `${base};2;${(c >> 16) & 0xff};${(c >> 8) & 0xff};${c & 0xff}`;
}

// The codes that turn `to` on from nothing.
function onCodes(to: ResolvedStyle): string[] {
  const codes: string[] = [];
  if (to.bold) codes.push("1");
  if (to.dim) codes.push("2");
  if (to.italic) codes.push("3");
  if (to.underline) codes.push("4");
  if (to.reverse) codes.push("7");
  if (to.fg !== null) codes.push(colourCodes(38, to.fg));
  if (to.bg !== null) codes.push(colourCodes(48, to.bg));
  return codes;
}

// The codes that go from `from` to `to` attribute by attribute, without a reset.
function deltaCodes(from: ResolvedStyle, to: ResolvedStyle): string[] {
  const codes: string[] = [];
  // Bold and dim share their "off" code (22), so dropping either re-adds the one that stays.
  if ((from.bold && !to.bold) || (from.dim && !to.dim)) {
    codes.push("22");
    if (to.bold) codes.push("1");
    if (to.dim) codes.push("2");
  } else {
    if (to.bold && !from.bold) codes.push("1");
    if (to.dim && !from.dim) codes.push("2");
  }
  if (from.italic !== to.italic) codes.push(to.italic ? "3" : "23");
  if (from.underline !== to.underline) codes.push(to.underline ? "4" : "24");
  if (from.reverse !== to.reverse) codes.push(to.reverse ? "7" : "27");
  if (from.fg !== to.fg) codes.push(to.fg === null ? "39" : colourCodes(38, to.fg));
  if (from.bg !== to.bg) codes.push(to.bg === null ? "49" : colourCodes(48, to.bg));
  return codes;
}

/**
 * The shortest SGR sequence that changes the terminal's pen from `from` to `to` ("" when equal):
 * either attribute-by-attribute deltas or a reset followed by what `to` needs.
 */
export function sgrDelta(from: ResolvedStyle, to: ResolvedStyle): string {
  const delta = deltaCodes(from, to);
  if (delta.length === 0) return "";
  const viaDelta = `\x1b[${delta.join(";")}m`;
  const on = onCodes(to);
  const viaReset = on.length === 0 ? SGR_RESET : `\x1b[0;${on.join(";")}m`;
  return viaReset.length < viaDelta.length ? viaReset : viaDelta;
}

// Wide graphemes every terminal agrees on (CJK, Hangul, fullwidth forms). Anything else that we
// measure as wide (emoji, symbols with VS16) may be one cell in some terminal, so the encoder
// re-places the cursor after it rather than trust it.
function trustedWide(g: string): boolean {
  const cp = g.codePointAt(0)!;
  if (g.length > (cp > 0xffff ? 2 : 1)) return false;
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

// Narrow graphemes terminals may still draw two cells wide: clusters (base + marks/selectors) and
// the symbol blocks where emoji presentation differs between terminals (☀ ✔ ⬆ ...).
function trustedNarrow(g: string): boolean {
  if (g.length > 1) return false;
  const c = g.charCodeAt(0);
  return c < 0x2600 || (c > 0x27bf && c < 0x2b00) || c > 0x2bff;
}

/**
 * Where the terminal's cursor and pen are while a frame is encoded (row -1: unknown), and how
 * many cursor moves the encoding has needed so far.
 */
export type EncodeState = { row: number; col: number; style: ResolvedStyle; moves: number };

/** A fresh state: cursor position unknown, pen in the default style, no moves yet. */
export function initialEncodeState(): EncodeState {
  return { row: -1, col: -1, style: PLAIN, moves: 0 };
}

// Shorter than this, trailing blanks are written as spaces rather than erased with EL.
const MIN_ERASE = 4;

/**
 * Encodes the cells of `runs` from `grid` into terminal bytes: a cursor move only where the next
 * run does not start where the cursor already is, SGR only where the style changes, and a plain
 * run of blanks reaching the end of a row as one erase-to-end-of-line. Updates `state`.
 */
export function encodeRuns(grid: CellGrid, runs: readonly DiffRun[], state: EncodeState): string {
  let out = "";
  const w = grid.width;
  for (const run of runs) {
    const row = run.y * w;
    // Blank plain cells from `blankFrom` to the row's end can be erased instead of written.
    let blankFrom = run.end === w ? w : -1;
    if (blankFrom === w) {
      while (blankFrom > run.x && grid.chars[row + blankFrom - 1] === " " && grid.styleIds[row + blankFrom - 1] === 0) blankFrom--;
      if (w - blankFrom < MIN_ERASE) blankFrom = -1;
    }
    const stop = blankFrom >= 0 ? blankFrom : run.end;
    for (let x = run.x; x < stop; x++) {
      const i = row + x;
      const cw = grid.widths[i]!;
      if (cw === 0) continue;
      if (state.row !== run.y || state.col !== x) {
        out += cursorTo(run.y, x);
        state.moves++;
        state.row = run.y;
        state.col = x;
      }
      const style = grid.styles.get(grid.styleIds[i]!);
      if (style !== state.style) {
        out += sgrDelta(state.style, style);
        state.style = style;
      }
      const g = grid.chars[i]!;
      out += g;
      state.col += cw;
      // Past the last column the cursor waits in a pending-wrap state, and after a grapheme whose
      // width terminals disagree on it may be a cell off: either way, re-place it before the next.
      if (state.col >= w || (cw === 2 ? !trustedWide(g) : !trustedNarrow(g))) state.row = -1;
    }
    if (blankFrom >= 0) {
      if (state.row !== run.y || state.col !== blankFrom) { out += cursorTo(run.y, blankFrom); state.moves++; }
      if (state.style !== PLAIN) out += sgrDelta(state.style, PLAIN);
      state.style = PLAIN;
      out += ERASE_LINE_END;
      state.row = run.y;
      state.col = blankFrom;
    }
  }
  return out;
}

/**
 * Scrolls terminal rows [top, bottom) by `by` rows (positive: up, SU; negative: down, SD) inside a
 * scroll region, then resets the region. The region change homes the cursor; the uncovered rows
 * are erased in the current background, so send this with the pen in the default style.
 */
export function scrollRows(top: number, bottom: number, by: number): string {
  const n = Math.abs(by);
  return `\x1b[${top + 1};${bottom}r\x1b[${n === 1 ? "" : n}${by > 0 ? "S" : "T"}\x1b[r`;
}
