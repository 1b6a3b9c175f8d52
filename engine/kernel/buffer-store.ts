// Named buffers: text with a cursor, a label, metadata, structured blocks and per-buffer vars.
// Semantics are lua-api.md "Buffers": 0-based code-point offsets, end-exclusive clamped ranges
// (reversed ones swapped), lines and blocks 0-based with end -1 meaning "to the end". Every
// mutation journals a cheap undo closure, bumps rev and touches the buffer. The text is held as
// lines (TextLines), so insert, deleteRange and replace cost the size of the edit.
import { dropAppendLog, logAppend } from "./append-log.js";
import type { Block } from "./block.js";
import { BlockLog, type BlockChange } from "./block-log.js";
import { cpChars, cpLength } from "./code-points.js";
import { ExtmarkStore, type BufferMarks } from "./extmarks.js";
import { copyBlock, isBlockLike, normalizeBlock } from "./normalize-block.js";
import { textEdit } from "./text-edit-span.js";
import { TextLines } from "./text-lines.js";
import type { TransactionManager } from "./transaction.js";

export type BufferRecord = {
  name: string;
  /** The whole text (joined from `lines` on first read after a change). */
  readonly text: string;
  /** The text as lines: what hot paths (the composer) read instead of `text`. */
  readonly lines: TextLines;
  cursor: number;
  label: string;
  metadata: Record<string, unknown>;
  blocks: Block[];
  vars: Record<string, unknown>;
  rev: number;
  /** Extmarks (created with the first one). */
  marks?: BufferMarks;
  /** Which blocks changed, for readers that keep something per block (absent on hand-made records). */
  readonly blockLog?: BlockLog;
};

/** A stored buffer: `text` is derived from `lines`, which only the store replaces or splices. */
class StoredBuffer implements BufferRecord {
  lines = new TextLines();
  cursor = 0;
  label = "";
  metadata: Record<string, unknown> = {};
  blocks: Block[] = [];
  vars: Record<string, unknown> = {};
  marks?: BufferMarks;
  readonly blockLog = new BlockLog();
  declare readonly text: string;
  constructor(readonly name: string, public rev: number) {
    // An own enumerable getter (not a prototype one), so a copy such as `{ ...record }` has the text.
    Object.defineProperty(this, "text", { get: () => this.lines.toString(), enumerable: true });
  }
}

export type BufferInit = {
  text?: string;
  chars?: string[];
  cursor?: number;
  label?: string;
  metadata?: Record<string, unknown>;
  blocks?: Partial<Block>[];
};

/** The buffers of one runtime. Reading an unknown name never creates it; writing does. */
export class BufferStore {
  private readonly buffers = new Map<string, StoredBuffer>();
  private revCounter = 0;
  private idCounter = 0;
  /** The buffers' extmarks: they move with every text edit below. */
  readonly marks: ExtmarkStore;

  constructor(private readonly tx: TransactionManager, private readonly now: () => number = Date.now) {
    this.marks = new ExtmarkStore(tx, (b) => this.bump(b as BufferRecord));
  }

  /** True when a buffer of that name exists. */
  has(name: string): boolean {
    return this.buffers.has(name);
  }

  /** Buffer names, sorted. */
  list(): string[] {
    return [...this.buffers.keys()].sort();
  }

  /** The live record (do not mutate it), or undefined. */
  get(name: string): BufferRecord | undefined {
    return this.buffers.get(name);
  }

  /** The buffer, created empty when missing. */
  ensure(name: string): BufferRecord {
    return this.record(name);
  }

  /** Creates the buffer if missing, then applies init when given; returns the record. */
  create(name: string, init?: BufferInit): BufferRecord {
    let b = this.buffers.get(name);
    if (!b) {
      b = new StoredBuffer(name, this.nextRev());
      this.buffers.set(name, b);
      this.tx.record(() => this.buffers.delete(name));
      this.tx.touchBuffer(name);
    }
    if (init) this.set(name, init);
    return b;
  }

  /** Removes the buffer; false when it did not exist. */
  delete(name: string): boolean {
    const b = this.buffers.get(name);
    if (!b) return false;
    this.buffers.delete(name);
    this.tx.record(() => this.buffers.set(name, b));
    this.tx.touchBuffer(name);
    return true;
  }

  /** Replaces the buffer's state: chars win over text, cursor defaults to the end, and missing
   *  label, metadata and blocks reset to empty. A string sets the text only. */
  set(name: string, t: BufferInit | string): void {
    if (typeof t === "string") return this.setText(name, t);
    const text = Array.isArray(t.chars) ? t.chars.join("") : typeof t.text === "string" ? t.text : "";
    const len = cpLength(text);
    const cursor = typeof t.cursor === "number" ? clamp(t.cursor, 0, len) : len;
    const blocks = (t.blocks ?? []).map((b, i) => this.makeBlock(b, i));
    const b = this.record(name);
    this.shiftMarks(b, text);
    this.dropGoneBlockMarks(b, b.blocks, blocks);
    this.snapshot(b);
    Object.assign(b, { lines: new TextLines(text), cursor, label: t.label ?? "", metadata: { ...(t.metadata ?? {}) }, blocks });
    b.blockLog.record(RESET);
  }

  /** The buffer's text ("" for an unknown buffer). */
  getText(name: string): string {
    return this.buffers.get(name)?.text ?? "";
  }

  /** The buffer's length in code points (0 for an unknown buffer), without joining its lines. */
  getLength(name: string): number {
    return this.buffers.get(name)?.lines.length ?? 0;
  }

  /** The buffer's text as one-code-point strings. */
  getChars(name: string): string[] {
    return cpChars(this.getText(name));
  }

  /** Sets the text and moves the cursor to the end. */
  setText(name: string, s: string): void {
    this.writeText(name, s, cpLength(s));
  }

  /** The cursor as a code-point offset (0 for an unknown buffer). */
  getCursor(name: string): number {
    return this.buffers.get(name)?.cursor ?? 0;
  }

  /** Moves the cursor, clamped to [0, length]. */
  setCursor(name: string, pos: number): void {
    const b = this.record(name);
    const cursor = clamp(pos, 0, b.lines.length);
    if (cursor === b.cursor) return;
    this.snapshot(b);
    b.cursor = cursor;
  }

  /** Inserts s at pos (clamped); the cursor ends after the inserted text. */
  insert(name: string, pos: number, s: string): void {
    const b = this.record(name);
    const p = clamp(pos, 0, b.lines.length);
    this.editText(b, p, p, s);
  }

  /** Deletes [start, end) (clamped, swapped when reversed); the cursor ends at start. */
  deleteRange(name: string, start: number, end: number): void {
    const b = this.record(name);
    const [a, z] = textRange(b.lines.length, start, end);
    this.editText(b, a, z, "");
  }

  /** Replaces [start, end) (clamped, swapped when reversed) with s; the cursor ends after the new text. */
  replace(name: string, start: number, end: number, s: string): void {
    const b = this.record(name);
    const [a, z] = textRange(b.lines.length, start, end);
    this.editText(b, a, z, s);
  }

  /** Lines [start, end) of the text; end -1 means to the end. */
  getLines(name: string, start = 0, end = -1): string[] {
    const lines = this.buffers.get(name)?.lines.all() ?? [""];
    const [a, z] = listRange(lines.length, start, end);
    return lines.slice(a, z);
  }

  /** Replaces lines [start, end) with lines; the cursor is clamped to the new text. */
  setLines(name: string, start: number, end: number, lines: string[]): void {
    const b = this.record(name);
    const all = b.text.split("\n");
    const [a, z] = listRange(all.length, start, end);
    all.splice(a, z - a, ...lines);
    const text = all.join("\n");
    this.writeText(name, text, Math.min(b.cursor, cpLength(text)));
  }

  /** Appends a block (a table with kind/role/id/created_at/streaming) or else text (cursor to the end). */
  append(name: string, value: string | Partial<Block>): void {
    if (isBlockLike(value)) {
      this.appendBlock(name, value);
      return;
    }
    const v = value as unknown;
    const text = typeof v === "object" && v !== null ? (v as { text?: unknown }).text : undefined;
    const add = typeof v === "string" ? v : typeof text === "string" ? text : String(v);
    const b = this.record(name);
    this.editText(b, b.lines.length, b.lines.length, add);
  }

  /** Empties the text, the cursor and the blocks. */
  clear(name: string): void {
    const b = this.record(name);
    this.shiftMarks(b, "");
    this.snapshot(b);
    b.lines = new TextLines();
    b.cursor = 0;
    b.blocks = [];
    b.blockLog.record(RESET);
  }

  /** Copies of blocks [start, end); end -1 means to the end. */
  getBlocks(name: string, start = 0, end = -1): Block[] {
    const blocks = this.buffers.get(name)?.blocks ?? [];
    const [a, z] = listRange(blocks.length, start, end);
    return blocks.slice(a, z).map(copyBlock);
  }

  /** Replaces blocks [start, end) with blocks and renumbers every block's index. */
  setBlocks(name: string, start: number, end: number, blocks: Partial<Block>[]): void {
    const b = this.record(name);
    const [a, z] = listRange(b.blocks.length, start, end);
    const fresh = blocks.map((x) => this.makeBlock(x, 0));
    this.spliceBlocks(b, a, z - a, fresh);
  }

  /** Removes blocks [start, end) and renumbers the rest. */
  deleteBlocks(name: string, start: number, end: number): void {
    const b = this.record(name);
    const [a, z] = listRange(b.blocks.length, start, end);
    if (z > a) this.spliceBlocks(b, a, z - a, []);
  }

  /** A per-buffer variable (undefined when unset). */
  getVar(name: string, key: string): unknown {
    return this.buffers.get(name)?.vars[key];
  }

  /** Sets a per-buffer variable; undefined removes it. */
  setVar(name: string, key: string, value: unknown): void {
    const b = this.record(name);
    const had = Object.hasOwn(b.vars, key);
    const prev = b.vars[key];
    if (value === undefined) delete b.vars[key];
    else b.vars[key] = value;
    this.tx.record(() => {
      if (had) b.vars[key] = prev;
      else delete b.vars[key];
    });
    this.bump(b);
  }

  /** Sets the label (the composer shows it in its border). */
  setLabel(name: string, label: string): void {
    const b = this.record(name);
    this.snapshot(b);
    b.label = label;
  }

  /** Sets one metadata key; undefined removes it. */
  setMetadata(name: string, key: string, value: unknown): void {
    const b = this.record(name);
    this.snapshot(b);
    const metadata = { ...b.metadata };
    if (value === undefined) delete metadata[key];
    else metadata[key] = value;
    b.metadata = metadata;
  }

  /** Appends one block and returns the stored record. */
  appendBlock(name: string, block: Partial<Block>): Block {
    const b = this.record(name);
    const stored = this.makeBlock(block, b.blocks.length);
    b.blocks.push(stored);
    b.blockLog.record({ kind: "splice", at: stored.index, removed: 0, blocks: [stored] });
    this.tx.record(() => {
      const i = b.blocks.lastIndexOf(stored);
      if (i >= 0) b.blocks.splice(i, 1);
      b.blockLog.record(RESET);
      b.rev = this.nextRev();
    });
    this.bump(b);
    return stored;
  }

  /** Patches the block with that id (id and index are kept); false when there is none. */
  updateBlock(name: string, id: string, patch: Partial<Block>): boolean {
    const b = this.buffers.get(name);
    const blk = b && findBlock(b.blocks, id);
    if (!b || !blk) return false;
    const prev = { ...blk };
    const { id: _id, index: _index, rev: _rev, ...rest } = patch;
    if (typeof rest.text === "string" && b.marks?.blocks.has(id)) {
      const [at, removed, added] = textEdit(blk.text, rest.text);
      this.marks.edited(b, at, removed, added, id);
    }
    Object.assign(blk, rest);
    if (rest.metadata) blk.metadata = { ...rest.metadata };
    // A text set other than by appending, or a stream that ended, ends the append log.
    if (typeof rest.text === "string" || !blk.streaming) dropAppendLog(blk);
    blk.rev = this.nextRev();
    b.blockLog.record({ kind: "change", block: blk });
    this.tx.record(() => {
      Object.assign(blk, prev, { rev: this.nextRev() });
      dropAppendLog(blk);
      b.blockLog.record({ kind: "change", block: blk });
    });
    this.bump(b);
    return true;
  }

  /**
   * Appends text to a block: the streaming fast path, O(delta) however long the buffer is. The
   * piece is logged (append-log.ts) so renderers can read what was appended without the whole text.
   */
  appendToBlock(name: string, id: string, text: string): boolean {
    const b = this.buffers.get(name);
    const blk = b && findBlock(b.blocks, id);
    if (!b || !blk) return false;
    const prev = blk.text;
    if (b.marks?.blocks.has(id)) this.marks.edited(b, cpLength(prev), 0, cpLength(text), id);
    blk.text = prev + text;
    logAppend(blk, prev, text);
    blk.rev = this.nextRev();
    b.blockLog.record({ kind: "change", block: blk });
    this.tx.record(() => {
      blk.text = prev;
      dropAppendLog(blk);
      b.blockLog.record({ kind: "change", block: blk });
      blk.rev = this.nextRev();
    });
    this.bump(b);
    return true;
  }

  private makeBlock(b: Partial<Block>, index: number): Block {
    return normalizeBlock(b, index, this.nextRev(), () => `b${++this.idCounter}`, this.now());
  }

  private spliceBlocks(b: StoredBuffer, at: number, remove: number, insert: Block[]): void {
    const prev = b.blocks;
    const prevIndexes = prev.map((x) => x.index);
    this.dropGoneBlockMarks(b, prev.slice(at, at + remove), insert);
    const next = prev.slice(0, at).concat(insert, prev.slice(at + remove));
    next.forEach((x, i) => {
      if (x.index !== i) {
        x.index = i;
        x.rev = this.nextRev();
      }
    });
    b.blocks = next;
    b.blockLog.record({ kind: "splice", at, removed: remove, blocks: insert });
    this.tx.record(() => {
      prev.forEach((x, i) => (x.index = prevIndexes[i]!));
      b.blocks = prev;
      b.blockLog.record(RESET);
      b.rev = this.nextRev();
    });
    this.bump(b);
  }

  /** Replaces the whole text. */
  private writeText(name: string, text: string, cursor: number): void {
    const b = this.record(name);
    this.shiftMarks(b, text);
    this.snapshot(b);
    b.lines = new TextLines(text);
    b.cursor = cursor;
  }

  /**
   * The one in-place text edit: [a, z) (clamped and ordered) becomes s and the cursor ends after
   * it. Costs the lines it touches and journals the inverse edit. insert, deleteRange, replace and
   * append all come here, so whatever must follow text edits (positions kept in the text) hooks here.
   */
  private editText(b: StoredBuffer, a: number, z: number, s: string): void {
    const lines = b.lines;
    const cursor = b.cursor;
    const added = cpLength(s);
    if (b.marks !== undefined && b.marks.text.size > 0) this.marks.edited(b, a, z - a, added);
    const removed = lines.splice(a, z, s);
    b.cursor = a + added;
    this.tx.record(() => {
      lines.splice(a, a + added, removed);
      b.cursor = cursor;
      b.rev = this.nextRev();
    });
    this.bump(b);
  }

  /** Blocks `gone` leave the buffer, `added` come in: marks of a gone id that does not come back go. */
  private dropGoneBlockMarks(b: StoredBuffer, gone: readonly Block[], added: readonly Block[]): void {
    if (b.marks === undefined || b.marks.blocks.size === 0 || gone.length === 0) return;
    const staying = new Set(added.map((x) => x.id));
    this.marks.blocksGone(b, gone.map((x) => x.id).filter((id) => !staying.has(id)));
  }

  /** Moves the marks for a whole-text write (the change is found by comparing the texts). */
  private shiftMarks(b: BufferRecord, text: string): void {
    if (b.marks === undefined || b.marks.text.size === 0) return;
    const [at, removed, added] = textEdit(b.text, text);
    this.marks.edited(b, at, removed, added);
  }

  private record(name: string): StoredBuffer {
    return this.buffers.get(name) ?? (this.create(name) as StoredBuffer);
  }

  /** Journals the scalar fields of b (references: O(1)) and bumps it. A later in-place edit of
   *  the same lines journals its own inverse, which runs first on rollback. */
  private snapshot(b: StoredBuffer): void {
    const { lines, cursor, label, metadata, blocks } = b;
    this.tx.record(() => {
      const replaced = b.blocks !== blocks;
      Object.assign(b, { lines, cursor, label, metadata, blocks });
      if (replaced) b.blockLog.record(RESET);
      b.rev = this.nextRev();
    });
    this.bump(b);
  }

  private bump(b: BufferRecord): void {
    b.rev = this.nextRev();
    this.tx.touchBuffer(b.name);
  }

  private nextRev(): number {
    return ++this.revCounter;
  }
}

const RESET: BlockChange = { kind: "reset" };

/** Searches from the end: streamed blocks are the newest ones, so this is O(1) in practice. */
function findBlock(blocks: Block[], id: string): Block | undefined {
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.id === id) return blocks[i];
  return undefined;
}

function clamp(n: number, lo: number, hi: number): number {
  if (!Number.isFinite(n)) return n > 0 ? hi : lo;
  return Math.min(Math.max(Math.trunc(n), lo), hi);
}

/** A clamped, ordered code-point range of a text of len code points. */
function textRange(len: number, start: number, end: number): [number, number] {
  const a = clamp(start, 0, len);
  const z = clamp(end, 0, len);
  return a <= z ? [a, z] : [z, a];
}

/** A clamped, ordered range over a list of n items; a negative index counts from the end
 *  (-1 is n, the end, as in Neovim). */
function listRange(n: number, start: number, end: number): [number, number] {
  const a = clamp(start < 0 ? n + 1 + start : start, 0, n);
  const z = clamp(end < 0 ? n + 1 + end : end, 0, n);
  return a <= z ? [a, z] : [z, a];
}
