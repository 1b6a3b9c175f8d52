// The transcript's annotation pass: a block's rendered lines with the marks placed in that block's
// text (`opts.block = id`) drawn on them. Kept apart from block rendering, and cached per block by
// (its lines object, its marks' version, width), so the block cache and streaming stay as they are.
// A source line is found among the rendered rows by rendering the block's text up to that line
// (cheap next to the screen, and only for blocks that have marks and are on screen); columns by
// matching the line's characters in order (see alignRows).
import type { Block } from "../../engine/kernel/block.js";
import type { MarkQuery, MarkView } from "../../engine/kernel/extmarks.js";
import { chunkCells, fromCells, overwrite, toCells } from "../mark-cells.js";
import { alignRows, decorateLine } from "../mark-decorate.js";
import { marksByLine } from "../mark-lines.js";
import type { StyledLine } from "../wrap-text.js";
import { renderBlock, type BlockFlags } from "./transcript-blocks.js";

type Entry = { lines: StyledLine[]; version: number; width: number; out: StyledLine[] };

/** Blocks whose annotated lines are kept; the oldest go first. */
const MAX_ENTRIES = 256;

/** Draws block marks over block lines, remembering the result per block. */
export class BlockAnnotator {
  private readonly cache = new Map<string, Entry>();

  /** `lines` (the block's rendered lines) with the block's marks drawn; the same array without marks. */
  annotate(buffer: string, b: Block, lines: StyledLine[], width: number, flags: BlockFlags, marks: MarkQuery | undefined): StyledLine[] {
    if (marks === undefined || lines.length === 0) return lines;
    const version = marks.blockVersion(b.id);
    if (version === 0) return lines;
    const key = `${buffer}\u0000${b.id}`;
    const hit = this.cache.get(key);
    if (hit !== undefined && hit.lines === lines && hit.version === version && hit.width === width) return hit.out;
    const list = marks.block(b.id);
    const out = list.length === 0 ? lines : draw(b, lines, width, flags, list);
    this.cache.delete(key);
    this.cache.set(key, { lines, version, width, out });
    if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return out;
  }
}

function draw(b: Block, lines: StyledLine[], width: number, flags: BlockFlags, marks: MarkView[]): StyledLine[] {
  const src = b.text.split("\n");
  const byLine = marksByLine(marks, 0, src.length - 1);
  // rowsUpTo(L): rows the block's text through line L renders to (clamped to the real lines).
  const memo = new Map<number, number>();
  const rowsUpTo = (l: number): number => {
    if (l < 0) return 0;
    if (l >= src.length - 1) return lines.length;
    let n = memo.get(l);
    if (n === undefined) {
      n = Math.min(lines.length, renderBlock({ ...b, text: src.slice(0, l + 1).join("\n"), streaming: false }, width, flags).length);
      memo.set(l, n);
    }
    return n;
  };
  // A text cut right after an opening fence renders an empty code row the full text does not have.
  let fences = 0;
  const opensEmpty = src.map((line) => {
    const fence = /^\s*(```|~~~)/.test(line);
    if (fence) fences++;
    return fence && fences % 2 === 1;
  });
  const startOf = (l: number): number => Math.max(0, rowsUpTo(l - 1) - (l > 0 && opensEmpty[l - 1] ? 1 : 0));
  const out = [...lines];
  const inserts: Array<{ at: number; rows: StyledLine[] }> = [];
  for (const l of [...byLine.keys()].sort((x, y) => x - y)) {
    const a = startOf(l);
    const z = Math.max(a + 1, opensEmpty[l] ? rowsUpTo(l) - 1 : rowsUpTo(l));
    const rows = out.slice(a, Math.min(z, out.length));
    if (rows.length === 0) continue;
    const d = decorateLine(rows, l, src[l]!, byLine.get(l)!, width, 0);
    // A rendered line the source line did not reach (a separator) keeps its look.
    const reached = alignRows(rows, src[l]!).map((s) => s.some((c) => c >= 0));
    d.rows.forEach((row, r) => { if (reached[r] || rows.length === 1) out[a + r] = row; });
    if (d.sign !== undefined) {
      const cells = toCells(out[a]!, []);
      overwrite(cells, 0, chunkCells([{ text: d.sign.text, ...(d.sign.style ? { style: d.sign.style } : {}) }]));
      out[a] = fromCells(cells);
    }
    if (d.above.length > 0) inserts.push({ at: a, rows: d.above });
    if (d.below.length > 0) inserts.push({ at: a + rows.length, rows: d.below });
  }
  for (const ins of inserts.reverse()) out.splice(ins.at, 0, ...ins.rows);
  return out;
}
