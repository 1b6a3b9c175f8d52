import type { Rect } from "../layout/rect.js";
import { PLAIN, type ResolvedStyle } from "./resolved-style.js";
import { graphemeSegments, graphemeWidth, isPrintableAscii } from "./text-measure.js";

/** A cell position on the screen, 0-based. */
export type CursorPos = { row: number; col: number };

/**
 * One cell as read back from a grid. `width` is 1 for a narrow grapheme, 2 for the leading half
 * of a wide one, and 0 for the continuation cell that follows a wide grapheme (its `ch` is "").
 */
export type Cell = { ch: string; width: 0 | 1 | 2; style: number };

/** A run of text with an interned style id, as writeSpans takes it. */
export type StyledText = { text: string; styleId: number };

/** Style id of the terminal's default style; every StyleTable interns PLAIN as 0. */
export const PLAIN_ID = 0;

function styleKey(s: ResolvedStyle): string {
  const flags = (s.bold ? 1 : 0) | (s.italic ? 2 : 0) | (s.underline ? 4 : 0) | (s.reverse ? 8 : 0) | (s.dim ? 16 : 0);
  return `${s.fg ?? -1},${s.bg ?? -1},${flags}`;
}

/**
 * Interns resolved styles to small integer ids so a cell stores one number and two cells compare
 * by id. Share one table between every grid whose cells are compared (front and back buffers).
 */
export class StyleTable {
  private readonly list: ResolvedStyle[] = [PLAIN];
  private readonly ids = new Map<string, number>([[styleKey(PLAIN), PLAIN_ID]]);

  /** Returns the id of a style (missing fields default to PLAIN's), adding it on first use. */
  intern(style: Partial<ResolvedStyle>): number {
    const full: ResolvedStyle = {
      fg: style.fg ?? null, bg: style.bg ?? null, bold: style.bold ?? false, italic: style.italic ?? false,
      underline: style.underline ?? false, reverse: style.reverse ?? false, dim: style.dim ?? false,
    };
    const key = styleKey(full);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(Object.freeze(full));
      this.ids.set(key, id);
    }
    return id;
  }

  /** The style behind an id (PLAIN for an id this table never issued). */
  get(id: number): ResolvedStyle {
    return this.list[id] ?? PLAIN;
  }

  /** Number of interned styles, PLAIN included. */
  get size(): number {
    return this.list.length;
  }
}

// C0/C1 controls and DEL would move the real cursor; they never reach a cell.
const CONTROL = /^[\x00-\x1f\x7f-\x9f]/;
// Code points that never form a multi-character grapheme cluster with a following character
// and are not themselves zero-width joiners/selectors: Latin, Greek, Cyrillic, punctuation,
// arrows, box drawing, symbols, CJK, kana, Hangul syllables, fullwidth forms.
const SIMPLE_PREFIX = /^[\x20-\x7e\u00a0-\u02ff\u0370-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u27bf\u2900-\u2bff\u3000-\u3098\u309b-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]*/;

/**
 * A width x height grid of terminal cells: the back buffer renderers paint and the front buffer the
 * screen diffs against. Writes are clipped to the grid (and to an optional rectangle), never throw
 * for out-of-range coordinates, and keep wide characters whole: a wide grapheme that would cross a
 * clip edge is drawn as a space, and overwriting either half of a wide grapheme blanks the other.
 * `resize` discards the content (the caller repaints after a resize anyway).
 */
export class CellGrid {
  width = 0;
  height = 0;
  /** Grapheme per cell; "" marks the continuation half of a wide grapheme. */
  chars: string[] = [];
  /** 1 narrow, 2 leading half of a wide grapheme, 0 continuation. */
  widths = new Uint8Array(0);
  /** Interned style id per cell (see StyleTable). */
  styleIds = new Uint32Array(0);
  /**
   * 1 for every row a write may have changed since `clearDirty` (conservative: a row written with
   * the same cells stays marked). The screen diffs only these rows against what the terminal shows.
   */
  dirtyRows = new Uint8Array(0);

  constructor(width: number, height: number, readonly styles: StyleTable = new StyleTable()) {
    this.resize(width, height);
  }

  /** Changes the size and blanks every cell to a plain space. */
  resize(width: number, height: number): void {
    this.width = Math.max(0, Math.floor(width));
    this.height = Math.max(0, Math.floor(height));
    const n = this.width * this.height;
    this.chars = new Array<string>(n).fill(" ");
    this.widths = new Uint8Array(n).fill(1);
    this.styleIds = new Uint32Array(n);
    this.dirtyRows = new Uint8Array(this.height).fill(1);
  }

  /** Marks every row changed (the next diff compares the whole grid). */
  markAllDirty(): void {
    this.dirtyRows.fill(1);
  }

  /** Forgets which rows changed (after the screen has brought the terminal up to date). */
  clearDirty(): void {
    this.dirtyRows.fill(0);
  }

  /** Sets every cell to a space in the given style. */
  clear(styleId = PLAIN_ID): void {
    this.chars.fill(" ");
    this.widths.fill(1);
    this.styleIds.fill(styleId);
    this.dirtyRows.fill(1);
  }

  /** Fills a rectangle (clipped to the grid) with one narrow grapheme; a wide one fills as spaces. */
  fill(rect: Rect, ch: string, styleId = PLAIN_ID): void {
    const r = intersect(rect, this.bounds());
    if (r.width <= 0 || r.height <= 0) return;
    const narrow = ch.length > 0 && !CONTROL.test(ch) && graphemeWidth(ch) === 1 ? ch : " ";
    for (let y = r.y; y < r.y + r.height; y++) {
      const row = y * this.width;
      this.dirtyRows[y] = 1;
      this.breakWide(row + r.x, r.x);
      this.breakWide(row + r.x + r.width - 1, r.x + r.width - 1);
      this.chars.fill(narrow, row + r.x, row + r.x + r.width);
      this.widths.fill(1, row + r.x, row + r.x + r.width);
      this.styleIds.fill(styleId, row + r.x, row + r.x + r.width);
    }
  }

  /**
   * Writes text on row y from column x, clipped to `clip` (default: the whole grid). Returns the
   * column after the text; once the text passes the clip's right edge writing stops and the
   * returned column is at or past that edge. Control characters are dropped; a zero-width
   * grapheme (a combining mark starting the text) joins the cell to its left.
   */
  writeText(x: number, y: number, text: string, styleId = PLAIN_ID, clip?: Rect): number {
    const r = clip ? intersect(clip, this.bounds()) : this.bounds();
    const left = r.x;
    const right = r.x + r.width;
    // A row outside the clip draws nothing but still measures, so the returned column is right.
    const draw = y >= r.y && y < r.y + r.height;
    const row = y * this.width;
    let col = x;
    if (col >= right) return col;
    if (draw) this.dirtyRows[y] = 1;
    // Only the characters up to the clip's right edge can show; checking just those keeps a
    // very long line as cheap as a short one.
    const visible = right - col;
    if (isPrintableAscii(text.length > visible ? text.slice(0, visible) : text)) {
      // Hot path: plain ASCII needs no segmentation and every character is one cell.
      if (draw) {
        const end = Math.min(col + text.length, right);
        for (let c = Math.max(col, left); c < end; c++) this.put(row, c, text[c - col]!, 1, styleId);
      }
      return col + text.length;
    }
    // Characters in SIMPLE ranges are each a grapheme of their own (or a zero-width mark that
    // joins the cell on its left either way), so they skip Intl.Segmenter, which dominates the
    // cost of non-ASCII rows. The last simple character before anything else is left to the
    // segmenter, because what follows may combine with it (VS16, emoji modifiers, ZWJ).
    const probe = text.length > visible * 2 ? text.slice(0, visible * 2) : text;
    let simple = SIMPLE_PREFIX.exec(probe)![0].length;
    if (simple < text.length) simple = Math.max(0, simple - 1);
    for (let k = 0; k < simple; k++) {
      if (col >= right) return col;
      col = this.place(row, col, text[k]!, styleId, left, right, draw);
    }
    if (simple === text.length) return col;
    for (const { segment: g } of graphemeSegments(simple > 0 ? text.slice(simple) : text)) {
      if (col >= right) return col;
      const c = g.charCodeAt(0);
      // C0/C1 controls and DEL would move the real cursor; they never reach a cell.
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) continue;
      col = this.place(row, col, g, styleId, left, right, draw);
    }
    return col;
  }

  // Puts one grapheme at col (clipped to [left, right)); returns the column after it.
  private place(row: number, col: number, g: string, styleId: number, left: number, right: number, draw: boolean): number {
    const w = graphemeWidth(g);
    if (!draw || col + w <= left) return col + w;
    if (w === 0) {
      this.joinLeft(row, col, g, left);
    } else if (w === 2 && (col < left || col + 2 > right)) {
      // Half of this wide grapheme is outside the clip: show the visible half as a space.
      this.put(row, col < left ? left : col, " ", 1, styleId);
    } else {
      this.put(row, col, g, w as 1 | 2, styleId);
    }
    return col + w;
  }

  /** Writes styled runs one after another from (x, y); returns the column after the last. */
  writeSpans(x: number, y: number, spans: readonly StyledText[], clip?: Rect): number {
    const right = clip ? Math.min(clip.x + clip.width, this.width) : this.width;
    let col = x;
    for (const s of spans) {
      if (col >= right) break;
      col = this.writeText(col, y, s.text, s.styleId, clip);
    }
    return col;
  }

  /** Sets one cell's style without touching its text (a wide grapheme's both halves). */
  setStyle(x: number, y: number, styleId: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = y * this.width + x;
    this.dirtyRows[y] = 1;
    this.styleIds[i] = styleId;
    if (this.widths[i] === 2 && x + 1 < this.width) this.styleIds[i + 1] = styleId;
    if (this.widths[i] === 0 && x > 0) this.styleIds[i - 1] = styleId;
  }

  /** The cell at (x, y), or undefined outside the grid. */
  get(x: number, y: number): Cell | undefined {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return undefined;
    const i = y * this.width + x;
    return { ch: this.chars[i]!, width: this.widths[i] as 0 | 1 | 2, style: this.styleIds[i]! };
  }

  /** Makes this grid an exact copy of another (size and cells; the style table is not copied). */
  copyFrom(other: CellGrid): void {
    if (other.width !== this.width || other.height !== this.height) this.resize(other.width, other.height);
    for (let i = 0; i < other.chars.length; i++) this.chars[i] = other.chars[i]!;
    this.widths.set(other.widths);
    this.styleIds.set(other.styleIds);
    this.dirtyRows.fill(1);
  }

  /** Row y as text, exactly `width` cells wide (a wide grapheme counts for its two cells). */
  rowText(y: number): string {
    let s = "";
    const row = y * this.width;
    for (let x = 0; x < this.width; x++) s += this.chars[row + x];
    return s;
  }

  /** Every row as text (see rowText). */
  toLines(): string[] {
    const out: string[] = [];
    for (let y = 0; y < this.height; y++) out.push(this.rowText(y));
    return out;
  }

  /** The whole grid as a rectangle. */
  bounds(): Rect {
    return { x: 0, y: 0, width: this.width, height: this.height };
  }

  // Stores one grapheme at (row, col), first blanking any wide grapheme it would cut in half.
  private put(row: number, col: number, g: string, w: 1 | 2, styleId: number): void {
    const i = row + col;
    this.breakWide(i, col);
    if (w === 2) this.breakWide(i + 1, col + 1);
    this.chars[i] = g;
    this.widths[i] = w;
    this.styleIds[i] = styleId;
    if (w === 2) {
      this.chars[i + 1] = "";
      this.widths[i + 1] = 0;
      this.styleIds[i + 1] = styleId;
    }
  }

  // Cell i (column col) is about to change: a wide grapheme it belongs to loses its other half,
  // so that half becomes a space in the same style.
  private breakWide(i: number, col: number): void {
    const w = this.widths[i];
    if (w === 0 && col > 0) {
      this.chars[i - 1] = " ";
      this.widths[i - 1] = 1;
      this.chars[i] = " ";
      this.widths[i] = 1;
    } else if (w === 2 && col + 1 < this.width) {
      this.chars[i + 1] = " ";
      this.widths[i + 1] = 1;
      this.chars[i] = " ";
      this.widths[i] = 1;
    }
  }

  // A zero-width grapheme (combining mark) belongs to the grapheme in the cell to its left.
  private joinLeft(row: number, col: number, g: string, left: number): void {
    let c = col - 1;
    if (c < left || c >= this.width) return;
    if (this.widths[row + c] === 0 && c > 0) c--;
    this.chars[row + c] += g;
  }
}

/** The overlap of two rectangles (width/height 0 when they do not meet). */
export function intersect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.width, b.x + b.width);
  const bt = Math.min(a.y + a.height, b.y + b.height);
  return { x, y, width: Math.max(0, r - x), height: Math.max(0, bt - y) };
}
