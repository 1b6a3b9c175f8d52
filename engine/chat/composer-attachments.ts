// Images attached in the composer: a pasted image path (a file dropped on the terminal pastes its
// path) or a typed one, once complete (a space after it, or accepting it from `@` completion),
// becomes a chip shown above the composer's text, sent with the next prompt. Built from kernel
// parts: a `paste` handler, a commit listener, extmarks (a virtual line; the typed word while its
// file is read), a keymap for backspace, and the composer's `attachments` metadata.
import { existsSync, statSync } from "node:fs";
import type { Runtime } from "../kernel/runtime.js";
import type { TextLines } from "../kernel/text-lines.js";
import { describeImage } from "../tools/image-file.js";
import { attachWord, imagePathOf, type Attachment } from "../tools/image-paths.js";
import { resolveToolPath } from "../tools/tool-paths.js";

const COMPOSER = "composer";
const CHIP = Object.freeze({ fg: "accent", bold: true });

/** What the tray needs to know about the model: its label and whether it accepts images. */
export type AttachModel = () => { label: string; images: boolean };

/** A word of the composer: its code-point range and text. */
type Word = { start: number; end: number; text: string };

/** Guards the composer's attached images (its chips) until the next prompt takes them. */
export class ComposerAttachments {
  private list: Attachment[] = [];
  private readonly ns: number;
  /** Typed words whose files are being read: a range mark each, so edits meanwhile move them. */
  private readonly typedNs: number;
  /** The composer's length and cursor after the last commit: a commit that inserted at the cursor is typing. */
  private last: { length: number; cursor: number } | undefined;
  /** Files are read one after another, so chips keep the order they were made in and each read sees
   *  the chips before it (the limits on count and size). */
  private reads: Promise<void> = Promise.resolve();

  constructor(private readonly rt: Runtime, private readonly cwd: string, private readonly model: AttachModel) {
    this.ns = rt.namespaces.create("attachments");
    this.typedNs = rt.namespaces.create("attachments.typed");
    const b = rt.buffers.get(COMPOSER);
    if (b) this.last = { length: b.lines.length, cursor: b.cursor };
    rt.events.on("paste", (ev) => {
      const text = String(ev.data.text ?? "");
      return this.pasted(text.trim()) ? true : undefined;
    }, { priority: 100 });
    rt.onDirty((t) => {
      if (t.buffers.has(COMPOSER)) this.afterEdit();
    });
    // Backspace at the very start of the composer takes the last chip back.
    rt.keymaps.set({ role: "composer" }, "<bs>", () => {
      if (this.list.length === 0 || rt.buffers.getCursor(COMPOSER) !== 0) return undefined;
      this.list.pop();
      this.show();
      return true;
    }, { desc: "remove the last attached image" });
  }

  /** The attached images, oldest first. */
  get attachments(): readonly Attachment[] {
    return this.list;
  }

  /** Hands the chips to the prompt starting now and clears them. */
  take(): Attachment[] {
    const out = this.list;
    this.list = [];
    if (out.length > 0) this.rt.guard("host", "attachments", () => this.show());
    return out;
  }

  // A paste of one existing image file's path is taken (true); anything else is typed as usual.
  private pasted(text: string): boolean {
    if (/\s/.test(text.replace(/\\ /g, "")) && !/^(['"]).*\1$/.test(text)) return false;
    const path = imagePathOf(text);
    if (path === undefined || !existsSync(resolveToolPath(this.cwd, path))) return false;
    const model = this.model();
    if (!model.images) {
      this.error(`attach: ${path}: ${model.label} does not accept images; not attached`);
      return false;
    }
    this.attach(text, (r) => {
      if (r === undefined) return;
      if ("error" in r) return this.error(r.error);
      this.list.push(r);
      this.show();
    });
    return true;
  }

  // Reads the image a word names after the reads before it, then settles it in a transaction.
  private attach(word: string, settle: (r: Awaited<ReturnType<typeof attachWord>>) => void): void {
    this.reads = this.reads.then(async () => {
      const r = await attachWord(word, this.cwd, this.list);
      this.rt.guard("host", "attachments", () => settle(r));
    }).catch((e: unknown) => this.error(`attach: ${word}: ${e instanceof Error ? e.message : String(e)}`));
  }

  // After each commit that changed the composer: a word just completed by typing (whitespace typed
  // after it, or `@` completion accepted) that names an existing image file is read and, if it
  // can be attached, taken out of the text as a chip. Cursor moves and pastes of longer text are
  // not typing (their image paths are attached when the prompt is sent).
  private afterEdit(): void {
    const b = this.rt.buffers.get(COMPOSER);
    if (!b) return;
    const prev = this.last ?? { length: 0, cursor: 0 };
    this.last = { length: b.lines.length, cursor: b.cursor };
    const grew = b.lines.length - prev.length;
    // Most keys type a letter: only whitespace before the cursor can complete a word.
    if (grew <= 0 || b.cursor - prev.cursor !== grew || !/\s/.test(b.lines.slice(b.cursor - 1, b.cursor))) return;
    const word = wordBeforeSpace(b.lines, b.cursor);
    // The edit must have reached into the word: typing it, or completing it.
    if (!word || prev.cursor <= word.start || /[?!,.;:)]$/.test(word.text)) return;
    const path = imagePathOf(word.text);
    if (path === undefined || !this.model().images || !isFile(resolveToolPath(this.cwd, path))) return;
    const at = (cp: number) => b.lines.locate(cp);
    let id = 0;
    this.rt.guard("host", "attachments", () => {
      id = this.rt.buffers.marks.set(b, this.typedNs, at(word.start), { end: at(word.end) });
    });
    this.attach(word.text, (r) => {
      const range = this.typedWordAt(id, word.text);
      this.rt.buffers.marks.delete(this.rt.buffers.get(COMPOSER)!, this.typedNs, id);
      // Edited meanwhile, or that file is already a chip: the word stays text.
      if (range === undefined || r === undefined) return;
      if ("error" in r) return this.error(r.error);
      this.list.push(r);
      this.cut(range);
      this.show();
    });
  }

  // Where the typed word of mark `id` is now, if the text there is still that word.
  private typedWordAt(id: number, text: string): { start: number; end: number } | undefined {
    const b = this.rt.buffers.get(COMPOSER);
    const m = b && this.rt.buffers.marks.get(b, this.typedNs, id);
    if (!b || !m?.end) return undefined;
    const start = b.lines.lineStart(m.line) + m.col;
    const end = b.lines.lineStart(m.end.line) + m.end.col;
    return b.lines.slice(start, end) === text ? { start, end } : undefined;
  }

  // Takes a word out of the composer with the space after it (so "what is a.png this" reads
  // "what is this"), keeping the cursor where it was relative to the text around it.
  private cut(range: { start: number; end: number }): void {
    const b = this.rt.buffers.get(COMPOSER)!;
    const before = range.start === 0 ? " " : b.lines.slice(range.start - 1, range.start);
    const after = b.lines.slice(range.end, range.end + 1);
    const end = after === " " && /\s/.test(before) ? range.end + 1 : range.end;
    const cursor = b.cursor;
    this.rt.buffers.deleteRange(COMPOSER, range.start, end);
    this.rt.buffers.setCursor(COMPOSER, cursor >= end ? cursor - (end - range.start) : Math.min(cursor, range.start));
  }

  private error(text: string): void {
    this.rt.guard("host", "attachments", () => this.rt.buffers.appendBlock("transcript", { kind: "error", role: "system", text }));
  }

  // One virtual line above the composer's first line: a chip per image. The composer's metadata
  // `attachments` lists them (enter sends a prompt of chips alone).
  private show(): void {
    const buf = this.rt.buffers.get(COMPOSER);
    if (!buf) return;
    this.rt.buffers.marks.clear(buf, this.ns);
    const listed = this.list.map((a) => ({ name: a.name, path: a.path, mime_type: a.mimeType, width: a.width, height: a.height, bytes: a.bytes }));
    this.rt.buffers.setMetadata(COMPOSER, "attachments", listed.length ? listed : undefined);
    if (this.list.length === 0) return;
    // One cell in, where the composer's text starts.
    const spans = this.list.flatMap((a) => [{ text: " " }, { text: `[image ${describeImage(a)}]`, style: CHIP }]);
    this.rt.buffers.marks.set(buf, this.ns, { line: 0, col: 0 }, { virtLines: [spans], virtLinesAbove: true });
  }
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** The word that ends just before the whitespace (a space, a tab or a new line) before `cursor`;
 *  an escaped space (`a\ b.png`) stays inside the word. */
export function wordBeforeSpace(lines: TextLines, cursor: number): Word | undefined {
  if (cursor === 0) return undefined;
  const { line, col } = lines.locate(cursor);
  let row = line;
  let end: number;
  if (col === 0) {
    // A new line was typed: the word ends the line above.
    row = line - 1;
    end = [...lines.line(row)].length;
  } else {
    const ch = [...lines.line(row)][col - 1]!;
    if (ch !== " " && ch !== "\t") return undefined;
    end = col - 1;
  }
  const chars = [...lines.line(row)];
  let s = end;
  while (s > 0 && (!/\s/.test(chars[s - 1]!) || (chars[s - 1] === " " && chars[s - 2] === "\\"))) s--;
  if (s === end) return undefined;
  const base = lines.lineStart(row);
  return { start: base + s, end: base + end, text: chars.slice(s, end).join("") };
}
