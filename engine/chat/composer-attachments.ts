// Images attached in the composer: a pasted image path (a file dropped on the terminal pastes its
// path) becomes a chip shown above the composer's text, sent with the next prompt. Built from
// kernel parts: a `paste` handler, an extmark with a virtual line, a keymap for backspace.
import { existsSync } from "node:fs";
import type { Runtime } from "../kernel/runtime.js";
import { describeImage } from "../tools/image-file.js";
import { attachWord, imagePathOf, type Attachment } from "../tools/image-paths.js";
import { resolveToolPath } from "../tools/tool-paths.js";

const COMPOSER = "composer";
const CHIP = Object.freeze({ fg: "accent", bold: true });

/** What the tray needs to know about the model: its label and whether it accepts images. */
export type AttachModel = () => { label: string; images: boolean };

/** Guards the composer's attached images (its chips) until the next prompt takes them. */
export class ComposerAttachments {
  private list: Attachment[] = [];
  private readonly ns: number;

  constructor(private readonly rt: Runtime, private readonly cwd: string, private readonly model: AttachModel) {
    this.ns = rt.namespaces.create("attachments");
    rt.events.on("paste", (ev) => {
      const text = String(ev.data.text ?? "");
      return this.pasted(text.trim()) ? true : undefined;
    }, { priority: 100 });
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
    void attachWord(text, this.cwd, this.list).then((r) => this.rt.guard("host", "attachments", () => {
      if (r === undefined) return;
      if ("error" in r) return this.error(r.error);
      this.list.push(r);
      this.show();
    }));
    return true;
  }

  private error(text: string): void {
    this.rt.guard("host", "attachments", () => this.rt.buffers.appendBlock("transcript", { kind: "error", role: "system", text }));
  }

  // One virtual line above the composer's first line: a chip per image.
  private show(): void {
    const buf = this.rt.buffers.get(COMPOSER);
    if (!buf) return;
    this.rt.buffers.marks.clear(buf, this.ns);
    if (this.list.length === 0) return;
    // One cell in, where the composer's text starts.
    const spans = this.list.flatMap((a) => [{ text: " " }, { text: `[image ${describeImage(a)}]`, style: CHIP }]);
    this.rt.buffers.marks.set(buf, this.ns, { line: 0, col: 0 }, { virtLines: [spans], virtLinesAbove: true });
  }
}
