// Extmarks: positions in a buffer's text (or in one of its blocks' text) that move with edits, each
// carrying decorations (a highlight, virtual text and lines, a sign). They live on the buffer
// record, one MarkTree per text; every change is journaled, so a rolled-back handler's marks go
// back with its text.
import type { Block } from "./block.js";
import { cpLength } from "./code-points.js";
import { lineLength, lineStarts, toPos, type Pos } from "./line-index.js";
import { MarkTree, type MarkNode } from "./mark-tree.js";
import type { Span, Style } from "./style.js";
import type { TextLines } from "./text-lines.js";
import type { TransactionManager } from "./transaction.js";

export type { Pos } from "./line-index.js";

export type VirtTextPos = "eol" | "overlay" | "right_align" | "inline";

/** What a mark draws. */
export type MarkDecor = {
  hl?: Style;
  virtText?: Span[];
  virtTextPos: VirtTextPos;
  virtLines?: Span[][];
  virtLinesAbove: boolean;
  priority: number;
  signText?: string;
  signStyle?: Style;
  metadata?: Record<string, unknown>;
};

/** A mark to place: its decorations, plus an id to reuse, a range end, gravity and a block. */
export type MarkSpec = Partial<MarkDecor> & {
  id?: number;
  end?: Pos;
  rightGravity?: boolean;
  endRightGravity?: boolean;
  /** A block id: the position is in that block's text instead of the buffer's. */
  block?: string;
};

/** A mark of the text as stored: the same object until the mark is set again or deleted, its
 *  code-point offsets exact until the text or the marks next change. `end` equals `start` for a
 *  mark without a range. For render caches, which compare slots instead of reading views. */
export type MarkSlot = { readonly start: number; readonly end: number };

/** What a renderer asks about one buffer's marks. */
export type MarkQuery = {
  /** Marks touching lines [first, last] of the text. */
  lines(first: number, last: number): MarkView[];
  /** The same marks as slots, in the same order, read without building views. */
  slots(first: number, last: number): readonly MarkSlot[];
  /** A slot from `slots` as a view (before the text or the marks change). */
  view(slot: MarkSlot): MarkView;
  /** The offsets of line `line` of the text: where it starts and where its newline (or the text) ends. */
  lineSpan(line: number): { start: number; end: number };
  /** Marks of one block's text. */
  block(id: string): MarkView[];
  /** Changes whenever that block's marks do. */
  blockVersion(id: string): number;
  /** A mark of the text has a sign. */
  signs: boolean;
  /** Virtual lines of the text's marks. */
  virtRows: number;
};

/** A mark as read back: positions resolved to (line, col). `end` is null without a range. */
export type MarkView = {
  ns: number;
  id: number;
  line: number;
  col: number;
  end: Pos | null;
  rightGravity: boolean;
  endRightGravity: boolean;
  block: string;
  decor: MarkDecor;
};

/** The part of a buffer record marks need (the record itself, in practice). With `lines`, the
 *  text's positions are read from its lines, so an edit costs no pass over the whole text. */
export type MarkHost = { text: string; blocks: Block[]; marks?: BufferMarks; lines?: TextLines };

type Data = { decor: MarkDecor; hasEnd: boolean; block: string };
type Node = MarkNode<Data>;

/** Offsets <-> (line, col) of one text: the buffer's own lines, or line starts of a block's text. */
type LineMap = { readonly count: number; readonly total: number; start(line: number): number; pos(off: number): Pos };

/** A block's text indexed once per text (blocks change by whole texts or appends). */
class StartsMap implements LineMap {
  readonly starts: number[];
  readonly total: number;
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
    this.total = cpLength(text);
  }
  get count(): number { return this.starts.length; }
  start(line: number): number { return this.starts[line]!; }
  pos(off: number): Pos { return toPos(this.starts, off); }
}

/** The buffer's TextLines as a LineMap, made once per lines object (it reads them live): lookups
 *  walk from the last line located (edits are local). */
const lineMaps = new WeakMap<TextLines, LineMap>();
function linesMap(lines: TextLines): LineMap {
  let map = lineMaps.get(lines);
  if (map === undefined) {
    map = {
      get count() { return lines.lineCount; }, get total() { return lines.length; },
      start: (line) => lines.lineStart(line), pos: (off) => lines.locate(off),
    };
    lineMaps.set(lines, map);
  }
  return map;
}

/** The offset of a position: a line past the last (or negative) means the end of the text, a col
 *  past the line's end (or negative) the end of the line. */
function offsetOf(map: LineMap, p: Pos): number {
  if (p.line < 0 || p.line >= map.count) return map.total;
  const start = map.start(p.line);
  const len = (p.line + 1 < map.count ? map.start(p.line + 1) - 1 : map.total) - start;
  return start + (p.col < 0 ? len : Math.min(p.col, len));
}

/** The marks of one buffer. */
export class BufferMarks {
  readonly text = new MarkTree<Data>();
  readonly blocks = new Map<string, MarkTree<Data>>();
  readonly byKey = new Map<string, Node>();
  readonly nextId = new Map<number, number>();
  /** Marks of the text that have a sign (the gutter shows while there is one). */
  signs = 0;
  /** Virtual lines of the text's marks, all together (a content-sized window's extra rows). */
  virtRows = 0;
  /** Bumped on every mark change of a block, so a block's cached lines know to redraw. */
  readonly blockVersions = new Map<string, number>();
}

const key = (ns: number, id: number): string => `${ns}:${id}`;

/** Extmark operations over the buffers of one BufferStore. */
export class ExtmarkStore {
  private readonly indexes = new WeakMap<MarkTree<Data>, StartsMap>();

  constructor(private readonly tx: TransactionManager, private readonly touch: (b: MarkHost) => void) {}

  /** Places a mark at start (positions clamped to the text); returns its id. */
  set(b: MarkHost, ns: number, start: Pos, spec: MarkSpec): number {
    const m = this.ensure(b);
    const block = spec.block ?? "";
    const tree = this.tree(m, block, true)!;
    const idx = this.index(b, tree, block);
    const last = m.nextId.get(ns) ?? 0;
    const id = spec.id ?? last + 1;
    const old = m.byKey.get(key(ns, id));
    if (old !== undefined) this.remove(b, m, old);
    const s = offsetOf(idx, start);
    const e = spec.end === undefined ? s : offsetOf(idx, spec.end);
    const decor: MarkDecor = {
      ...(spec.hl ? { hl: spec.hl } : {}), ...(spec.virtText ? { virtText: spec.virtText } : {}),
      virtTextPos: spec.virtTextPos ?? "eol", ...(spec.virtLines ? { virtLines: spec.virtLines } : {}),
      virtLinesAbove: spec.virtLinesAbove ?? false, priority: spec.priority ?? 4096,
      ...(spec.signText !== undefined ? { signText: spec.signText } : {}), ...(spec.signStyle ? { signStyle: spec.signStyle } : {}),
      ...(spec.metadata ? { metadata: spec.metadata } : {}),
    };
    // A mark without a range keeps its end on its start: both follow the start's gravity.
    const rg = spec.rightGravity ?? true;
    const n = tree.node(ns, id, Math.min(s, e), Math.max(s, e), rg, spec.end === undefined ? rg : spec.endRightGravity ?? false, { decor, hasEnd: spec.end !== undefined, block });
    tree.insert(n);
    m.byKey.set(key(ns, id), n);
    if (id > last) m.nextId.set(ns, id);
    count(m, n, 1);
    this.changed(b, m, block);
    this.tx.record(() => {
      tree.remove(n);
      m.byKey.delete(key(ns, id));
      m.nextId.set(ns, last);
      count(m, n, -1);
    });
    return id;
  }

  /** The mark (ns, id) of the buffer, or undefined. */
  get(b: MarkHost, ns: number, id: number): MarkView | undefined {
    const n = b.marks?.byKey.get(key(ns, id));
    return n === undefined ? undefined : this.view(b, n);
  }

  /** Removes one mark; false when there was none. */
  delete(b: MarkHost, ns: number, id: number): boolean {
    const m = b.marks;
    const n = m?.byKey.get(key(ns, id));
    if (m === undefined || n === undefined) return false;
    this.remove(b, m, n);
    return true;
  }

  /** Marks of namespace ns (-1: all) starting between from and to (inclusive), in position order
   *  (reversed when from is after to); in a block's text when `block` is given. */
  list(b: MarkHost, ns: number, from: Pos, to: Pos, block = "", limit = Infinity): MarkView[] {
    const tree = b.marks && this.tree(b.marks, block, false);
    if (tree === undefined) return [];
    const idx = this.index(b, tree, block);
    let a = offsetOf(idx, from);
    let z = offsetOf(idx, to);
    const reverse = a > z;
    if (reverse) [a, z] = [z, a];
    const nodes = tree.starting(a, z).filter((n) => ns < 0 || n.ns === ns);
    if (reverse) nodes.reverse();
    return nodes.slice(0, limit).map((n) => this.view(b, n, idx));
  }

  /** Removes the marks of ns (-1: all) starting on lines [lineStart, lineEnd) of the text (end -1:
   *  to the end); the whole range also clears the namespace's block marks. */
  clear(b: MarkHost, ns: number, lineStart = 0, lineEnd = -1): void {
    const m = b.marks;
    if (m === undefined) return;
    const idx = this.index(b, m.text, "");
    const lines = idx.count;
    const a = Math.max(0, Math.min(lineStart, lines));
    const z = lineEnd < 0 ? lines : Math.min(lineEnd, lines);
    const victims = z > a ? m.text.starting(idx.start(a), z >= lines ? Infinity : idx.start(z) - 1) : [];
    if (lineStart <= 0 && lineEnd < 0) for (const t of m.blocks.values()) victims.push(...t.all());
    for (const n of victims) if (ns < 0 || n.ns === ns) this.remove(b, m, n);
  }

  /** Every mark touching lines [first, last] of the buffer's text (all namespaces), in order. */
  inLines(b: MarkHost, first: number, last: number): MarkView[] {
    const nodes = this.inLineNodes(b, first, last);
    if (nodes.length === 0) return [];
    const idx = this.index(b, b.marks!.text, "");
    // overlapping leaves each node's start and end exact: no walk up to its ancestors.
    return nodes.map((n) => this.view(b, n, idx, true));
  }

  // The nodes of inLines, their offsets exact.
  private inLineNodes(b: MarkHost, first: number, last: number): Node[] {
    const m = b.marks;
    if (m === undefined || m.text.size === 0) return [];
    const idx = this.index(b, m.text, "");
    const lines = idx.count;
    if (first >= lines || last < first) return [];
    const from = idx.start(Math.max(0, first));
    const to = last + 1 < lines ? idx.start(last + 1) - 1 : idx.total;
    return m.text.overlapping(from, to);
  }

  /** Every mark of a block's text, in order. */
  inBlock(b: MarkHost, block: string): MarkView[] {
    const tree = b.marks?.blocks.get(block);
    if (tree === undefined || tree.size === 0) return [];
    const idx = this.index(b, tree, block);
    return tree.all().map((n) => this.view(b, n, idx));
  }

  /** A number that changes whenever a block's marks change (for render caches). */
  blockVersion(b: MarkHost, block: string): number {
    return b.marks?.blockVersions.get(block) ?? 0;
  }

  /** The renderer's view of a buffer's marks (undefined: it never had one). */
  query(b: MarkHost): MarkQuery | undefined {
    const m = b.marks;
    if (m === undefined) return undefined;
    const lineSpan = (line: number): { start: number; end: number } => {
      const idx = this.index(b, m.text, "");
      const start = idx.start(line);
      return { start, end: line + 1 < idx.count ? idx.start(line + 1) - 1 : idx.total };
    };
    return {
      lines: (first, last) => this.inLines(b, first, last), block: (id) => this.inBlock(b, id),
      slots: (first, last) => this.inLineNodes(b, first, last), view: (slot) => this.view(b, slot as Node, undefined, true), lineSpan,
      blockVersion: (id) => this.blockVersion(b, id), signs: m.signs > 0, virtRows: m.virtRows,
    };
  }

  /** Drops the marks of blocks that left the buffer (deleted, or replaced by blocks with other
   *  ids): a gone block's marks have no text to sit in, so get_extmarks and render json stop
   *  listing them. Journaled like every change. */
  blocksGone(b: MarkHost, ids: Iterable<string>): void {
    const m = b.marks;
    if (m === undefined || m.blocks.size === 0) return;
    for (const id of ids) {
      const tree = m.blocks.get(id);
      if (tree === undefined) continue;
      const nodes = tree.all();
      for (const n of nodes) m.byKey.delete(key(n.ns, n.id));
      m.blocks.delete(id);
      this.changed(b, m, id);
      this.tx.record(() => {
        m.blocks.set(id, tree);
        for (const n of nodes) m.byKey.set(key(n.ns, n.id), n);
      });
    }
  }

  /** Text [at, at + removed) of the buffer (or of a block) became `added` code points. */
  edited(b: MarkHost, at: number, removed: number, added: number, block = ""): void {
    const tree = b.marks && this.tree(b.marks, block, false);
    if (tree === undefined || tree.size === 0) return;
    const d = tree.delete(at, removed);
    const i = tree.insertText(at, added);
    if (d === null && i === null) return;
    if (block !== "") this.changed(b, b.marks!, block);
    this.tx.record(() => {
      if (i !== null) tree.undo(i);
      if (d !== null) tree.undo(d);
    });
  }

  private ensure(b: MarkHost): BufferMarks {
    if (b.marks === undefined) b.marks = new BufferMarks();
    return b.marks;
  }

  private tree(m: BufferMarks, block: string, create: boolean): MarkTree<Data> | undefined {
    if (block === "") return m.text;
    let t = m.blocks.get(block);
    if (t === undefined && create) {
      t = new MarkTree<Data>();
      m.blocks.set(block, t);
    }
    return t;
  }

  /** Positions of the text `tree` marks: the buffer's lines (O(1) to get), or a block's text
   *  indexed once per text. */
  private index(b: MarkHost, tree: MarkTree<Data>, block: string): LineMap {
    if (block === "" && b.lines !== undefined) return linesMap(b.lines);
    const text = block === "" ? b.text : findBlock(b.blocks, block)?.text ?? "";
    const hit = this.indexes.get(tree);
    if (hit !== undefined && hit.text === text) return hit;
    const idx = new StartsMap(text);
    this.indexes.set(tree, idx);
    return idx;
  }

  private remove(b: MarkHost, m: BufferMarks, n: Node): void {
    const tree = this.tree(m, n.data.block, false)!;
    tree.remove(n);
    m.byKey.delete(key(n.ns, n.id));
    count(m, n, -1);
    this.changed(b, m, n.data.block);
    this.tx.record(() => {
      tree.insert(n);
      m.byKey.set(key(n.ns, n.id), n);
      count(m, n, 1);
    });
  }

  private changed(b: MarkHost, m: BufferMarks, block: string): void {
    if (block !== "") {
      const v = m.blockVersions.get(block) ?? 0;
      m.blockVersions.set(block, v + 1);
      this.tx.record(() => m.blockVersions.set(block, v));
    }
    this.touch(b);
  }

  private view(b: MarkHost, n: Node, known?: LineMap, exact = false): MarkView {
    const tree = this.tree(b.marks!, n.data.block, false)!;
    const idx = known ?? this.index(b, tree, n.data.block);
    const { start, end } = exact ? n : tree.position(n);
    const s = idx.pos(start);
    return {
      ns: n.ns, id: n.id, line: s.line, col: s.col, end: n.data.hasEnd ? idx.pos(end) : null,
      rightGravity: n.rightGravity, endRightGravity: n.endRightGravity, block: n.data.block, decor: n.data.decor,
    };
  }
}

// Keeps the buffer's sign and virtual-line counts (text marks only) as a mark comes or goes.
function count(m: BufferMarks, n: Node, d: 1 | -1): void {
  if (n.data.block !== "") return;
  if (n.data.decor.signText !== undefined) m.signs += d;
  m.virtRows += d * (n.data.decor.virtLines?.length ?? 0);
}

/** The number of lines of a text, and the length of one of them: for checking positions. */
export function textLines(text: string): { count: number; length: (line: number) => number } {
  const starts = lineStarts(text);
  const total = cpLength(text);
  return { count: starts.length, length: (line) => lineLength(starts, total, line) };
}

function findBlock(blocks: readonly Block[], id: string): Block | undefined {
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.id === id) return blocks[i];
  return undefined;
}
