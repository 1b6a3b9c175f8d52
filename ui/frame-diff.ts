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
