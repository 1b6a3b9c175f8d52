import type { CellGrid } from "./cell-grid.js";

/** Cells [x, end) of row y changed between the front and the back grid. */
export type DiffRun = { y: number; x: number; end: number };

// Rewriting a few unchanged cells is cheaper than the cursor move (4-8 bytes) that skipping them costs.
const DEFAULT_MAX_GAP = 3;

/**
 * Compares the front grid (what the terminal shows) with the back grid (the new frame) of the
 * same size and returns the changed cells as runs, row by row, left to right. A run never starts
 * on the continuation half of a wide grapheme nor ends between its halves, so the encoder always
 * writes whole graphemes. Runs on one row closer than `maxGap` unchanged cells are merged. With
 * `rows`, only the rows whose flag is non-zero are compared (the others are known equal).
 */
export function diffGrids(front: CellGrid, back: CellGrid, maxGap = DEFAULT_MAX_GAP, rows?: Uint8Array): DiffRun[] {
  if (front.width !== back.width || front.height !== back.height) {
    throw new Error(`diffGrids: grid sizes: expected equal, got ${front.width}x${front.height} and ${back.width}x${back.height}`);
  }
  const runs: DiffRun[] = [];
  const w = back.width;
  const fc = front.chars, bc = back.chars, fw = front.widths, bw = back.widths, fs = front.styleIds, bs = back.styleIds;
  for (let y = 0; y < back.height; y++) {
    if (rows !== undefined && rows[y] === 0) continue;
    const row = y * w;
    let open: DiffRun | null = null;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      if (fc[i] === bc[i] && fs[i] === bs[i] && fw[i] === bw[i]) continue;
      let start = x;
      // A changed continuation cell is redrawn through its leading half.
      if (bw[i] === 0 && x > 0) start = x - 1;
      let end = x + 1;
      if (bw[i] === 2 && x + 1 < w) end = x + 2;
      if (open && start - open.end <= maxGap) {
        open.end = Math.max(open.end, end);
      } else {
        open = { y, x: start, end };
        runs.push(open);
      }
      x = end - 1;
    }
  }
  return runs;
}

/** Copies the cells a diff found changed from the back grid into the front grid. */
export function applyRuns(front: CellGrid, back: CellGrid, runs: readonly DiffRun[]): void {
  for (const r of runs) {
    const row = r.y * back.width;
    for (let i = row + r.x; i < row + r.end; i++) {
      front.chars[i] = back.chars[i]!;
      front.widths[i] = back.widths[i]!;
      front.styleIds[i] = back.styleIds[i]!;
    }
  }
}

/**
 * A vertical move of whole rows: terminal rows [top, bottom) scroll by `by` rows (positive: up,
 * the content moves towards the top; negative: down), the rows it uncovers become blank.
 */
export type RowShift = { top: number; bottom: number; by: number };

/** A scroll costs ~16 bytes and a cursor move after it: below this many cells saved, rewrite. */
export const MIN_SHIFT_GAIN = 24;
// A back row equal to more front rows than this (a blank one) says nothing about where it moved.
const MAX_VOTERS = 4;
// Distances tried, the most voted first.
const MAX_CANDIDATES = 3;

function rowHash(g: CellGrid, y: number): number {
  let h = 0x811c9dc5;
  const row = y * g.width;
  for (let i = row; i < row + g.width; i++) {
    const c = g.chars[i]!;
    h = Math.imul(h ^ (c.length === 0 ? 0 : c.charCodeAt(0) + (c.length << 21)), 16777619);
    h = Math.imul(h ^ g.styleIds[i]!, 16777619);
  }
  return h;
}

function rowsEqual(a: CellGrid, ya: number, b: CellGrid, yb: number): boolean {
  const ra = ya * a.width, rb = yb * b.width;
  for (let x = 0; x < a.width; x++) {
    if (a.chars[ra + x] !== b.chars[rb + x] || a.styleIds[ra + x] !== b.styleIds[rb + x] || a.widths[ra + x] !== b.widths[rb + x]) return false;
  }
  return true;
}

// Cells of row y that differ between the grids (what rewriting the row in place costs, roughly).
function changedCells(a: CellGrid, b: CellGrid, y: number): number {
  let n = 0;
  for (let i = y * a.width; i < (y + 1) * a.width; i++) {
    if (a.chars[i] !== b.chars[i] || a.styleIds[i] !== b.styleIds[i] || a.widths[i] !== b.widths[i]) n++;
  }
  return n;
}

/**
 * The scroll that saves the most rewriting between the front grid (the terminal) and the back
 * grid (the new frame): a band of rows [a, b) of back equal to rows [a + k, b + k) of front for
 * some k (k < 0: moved down), scored by the cells that would otherwise change in place. Null when
 * no band saves MIN_SHIFT_GAIN cells. Only rows flagged in `rows` (when given) can have changed,
 * so a frame that wrote a row or two costs nothing here.
 */
export function findRowShift(front: CellGrid, back: CellGrid, rows?: Uint8Array): RowShift | null {
  const h = back.height;
  if (front.width !== back.width || front.height !== h || h < 2) return null;
  // What rewriting the flagged rows in place would cost; a frame that changed a few cells stops here.
  const cost = new Int32Array(h);
  let total = 0;
  for (let y = 0; y < h; y++) {
    if (rows !== undefined && rows[y] === 0) continue;
    cost[y] = changedCells(front, back, y);
    total += cost[y]!;
  }
  if (total < MIN_SHIFT_GAIN) return null;
  const fh = new Int32Array(h), bh = new Int32Array(h);
  for (let y = 0; y < h; y++) {
    fh[y] = rowHash(front, y);
    bh[y] = cost[y] === 0 ? fh[y]! : rowHash(back, y);
  }
  // Candidate distances: each changed back row votes (with its changed cells) for the distance to
  // every front row with the same hash; rows that equal many (blank ones) do not vote.
  const byHash = new Map<number, number[]>();
  for (let y = 0; y < h; y++) {
    const list = byHash.get(fh[y]!);
    if (list === undefined) byHash.set(fh[y]!, [y]);
    else list.push(y);
  }
  const votes = new Map<number, number>();
  for (let y = 0; y < h; y++) {
    if (cost[y] === 0) continue;
    const list = byHash.get(bh[y]!);
    if (list === undefined || list.length > MAX_VOTERS) continue;
    for (const yf of list) if (yf !== y) votes.set(yf - y, (votes.get(yf - y) ?? 0) + cost[y]!);
  }
  const candidates = [...votes].filter(([, v]) => v >= MIN_SHIFT_GAIN).sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES);
  let best: RowShift | null = null;
  let bestGain = MIN_SHIFT_GAIN - 1;
  for (const [by] of candidates) {
    // Runs of back rows y equal to front row y + by; a run is trimmed to the rows that changed.
    const lo = Math.max(0, -by), hi = Math.min(h, h - by);
    let first = -1, last = -1, gain = 0;
    for (let y = lo; y <= hi; y++) {
      if (y < hi && bh[y] === fh[y + by] && rowsEqual(back, y, front, y + by)) {
        if (cost[y]! > 0) {
          if (first < 0) first = y;
          last = y;
          gain += cost[y]!;
        }
        continue;
      }
      if (first >= 0 && gain > bestGain) {
        bestGain = gain;
        best = by > 0 ? { top: first, bottom: last + 1 + by, by } : { top: first + by, bottom: last + 1, by };
      }
      first = -1; last = -1; gain = 0;
    }
  }
  return best;
}

/** Moves the rows of `grid` as `shift` scrolls the terminal (uncovered rows become plain blanks). */
export function applyRowShift(grid: CellGrid, shift: RowShift): void {
  const w = grid.width;
  const { top, bottom, by } = shift;
  const n = Math.abs(by);
  const moveRow = (from: number, to: number) => {
    for (let x = 0; x < w; x++) grid.chars[to * w + x] = grid.chars[from * w + x]!;
    grid.widths.copyWithin(to * w, from * w, from * w + w);
    grid.styleIds.copyWithin(to * w, from * w, from * w + w);
  };
  const blank = (y: number) => {
    grid.chars.fill(" ", y * w, y * w + w);
    grid.widths.fill(1, y * w, y * w + w);
    grid.styleIds.fill(0, y * w, y * w + w);
  };
  if (by > 0) {
    for (let y = top; y < bottom - n; y++) moveRow(y + n, y);
    for (let y = bottom - n; y < bottom; y++) blank(y);
  } else {
    for (let y = bottom - 1; y >= top + n; y--) moveRow(y - n, y);
    for (let y = top; y < top + n; y++) blank(y);
  }
  grid.dirtyRows.fill(1, top, bottom);
}
