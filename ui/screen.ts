import {
  CLEAR_SCREEN, HIDE_CURSOR, SGR_RESET, SHOW_CURSOR, SYNC_BEGIN, SYNC_END,
  cursorTo, encodeRuns, initialEncodeState, scrollRows, sgrDelta,
} from "./ansi-encode.js";
import { CellGrid, StyleTable, type CursorPos } from "./cell-grid.js";
import { PLAIN } from "./resolved-style.js";
import { applyRowShift, applyRuns, diffGrids, findRowShift, MIN_SHIFT_GAIN, type RowShift } from "./frame-diff.js";


/**
 * The two cell grids of the terminal: `back` is the frame being painted, `front` mirrors what the
 * terminal shows. `flush` turns their difference into one write and brings `front` up to date;
 * `back` keeps its content, so a frame may repaint only what changed.
 */
export class Screen {
  readonly styles: StyleTable;
  readonly front: CellGrid;
  readonly back: CellGrid;
  // The terminal's content is unknown (first frame, resize, invalidate): clear and paint all.
  private invalid = true;
  // After the first frame the cursor state is known; before, a hide is always sent.
  private cursorShown: boolean | null = null;
  private cursorAt: CursorPos | null = null;

  constructor(width: number, height: number, styles = new StyleTable()) {
    this.styles = styles;
    this.front = new CellGrid(width, height, styles);
    this.back = new CellGrid(width, height, styles);
  }

  /** Screen width in cells. */
  get width(): number {
    return this.back.width;
  }

  /** Screen height in cells. */
  get height(): number {
    return this.back.height;
  }

  /** Resizes both grids (blanking them) and forces the next flush to repaint everything. */
  resize(width: number, height: number): void {
    this.front.resize(width, height);
    this.back.resize(width, height);
    this.invalidate();
  }

  /** Forgets what the terminal shows, so the next flush clears it and paints the whole frame. */
  invalidate(): void {
    this.invalid = true;
    this.cursorShown = null;
    this.cursorAt = null;
  }

  /**
   * The bytes that bring the terminal from the last flushed frame to `back`, as one string in
   * synchronized output, with the cursor placed
   * (shown) or hidden; "" when nothing changed.
   */
  flush(cursor: CursorPos | null = null): string {
    const cur = this.clampCursor(cursor);
    let body: string;
    let jumps: number;
    // Where the encoder left the terminal's cursor, when it knows.
    let endAt: CursorPos | null = null;
    if (this.invalid) {
      body = this.paintFromEmpty();
      jumps = Infinity;
      this.front.copyFrom(this.back);
      this.invalid = false;
    } else {
      // Only rows written since the last flush can differ from what the terminal shows.
      let runs = diffGrids(this.front, this.back, undefined, this.back.dirtyRows);
      let changed = 0;
      for (const r of runs) changed += r.end - r.x;
      // Rows that moved as a block (a transcript that grew by a row) are scrolled by the terminal
      // rather than rewritten; the pen is in the default style here, so uncovered rows are blank.
      const shift: RowShift | null = changed >= MIN_SHIFT_GAIN ? findRowShift(this.front, this.back, this.back.dirtyRows) : null;
      let scroll = "";
      if (shift !== null) {
        scroll = scrollRows(shift.top, shift.bottom, shift.by);
        applyRowShift(this.front, shift);
        this.back.dirtyRows.fill(1, shift.top, shift.bottom);
        runs = diffGrids(this.front, this.back, undefined, this.back.dirtyRows);
      }
      const state = initialEncodeState();
      // The terminal's cursor is where the last frame put it (a scroll region change homes it):
      // a run starting there (the next character typed) needs no cursor move.
      if (shift === null && this.cursorAt !== null) { state.row = this.cursorAt.row; state.col = this.cursorAt.col; }
      body = scroll + encodeRuns(this.back, runs, state);
      if (state.style !== PLAIN) body += sgrDelta(state.style, PLAIN);
      if (runs.length > 0 && state.row >= 0) endAt = { row: state.row, col: state.col };
      jumps = shift !== null ? Infinity : runs.length;
      applyRuns(this.front, this.back, runs);
    }
    this.back.clearDirty();
    // Hiding the cursor while cells change stops it flickering across the screen on terminals
    // that ignore synchronized output; one run is one jump there and back, not worth 12 bytes.
    const hide = body !== "" && jumps > 1 && this.cursorShown !== false;
    const cursorBytes = this.cursorBytes(cur, body !== "", hide, endAt);
    if (body === "" && cursorBytes === "") return "";
    this.cursorShown = cur !== null;
    this.cursorAt = cur;
    // Every frame is one write inside synchronized output (DEC 2026), even a single typed
    // character: the contract is per frame, and 16 bytes buy terminals one rule to follow.
    return SYNC_BEGIN + (hide ? HIDE_CURSOR : "") + body + cursorBytes + SYNC_END;
  }

  /** The bytes for the current back frame drawn on an empty terminal (does not change state). */
  fullFrame(cursor: CursorPos | null = null): string {
    const cur = this.clampCursor(cursor);
    const end = cur ? cursorTo(cur.row, cur.col) + SHOW_CURSOR : "";
    return SYNC_BEGIN + HIDE_CURSOR + this.paintFromEmpty() + end + SYNC_END;
  }

  // Clear, then write every cell that is not a plain blank (the clear already made those).
  private paintFromEmpty(): string {
    const empty = new CellGrid(this.back.width, this.back.height, this.styles);
    const state = initialEncodeState();
    let body = SGR_RESET + CLEAR_SCREEN + encodeRuns(this.back, diffGrids(empty, this.back), state);
    if (state.style !== PLAIN) body += sgrDelta(state.style, PLAIN);
    return body;
  }

  // Bytes that put the cursor where it should be after this frame's cells are written.
  private cursorBytes(cur: CursorPos | null, wroteCells: boolean, hidden: boolean, endAt: CursorPos | null): string {
    if (cur === null) return hidden || this.cursorShown === false ? "" : HIDE_CURSOR;
    const at = wroteCells ? endAt : this.cursorAt;
    const moved = !at || at.row !== cur.row || at.col !== cur.col;
    const show = hidden || this.cursorShown !== true;
    return (moved ? cursorTo(cur.row, cur.col) : "") + (show ? SHOW_CURSOR : "");
  }

  private clampCursor(c: CursorPos | null): CursorPos | null {
    if (!c || this.width === 0 || this.height === 0) return null;
    return {
      row: Math.max(0, Math.min(this.height - 1, Math.floor(c.row))),
      col: Math.max(0, Math.min(this.width - 1, Math.floor(c.col))),
    };
  }
}
