// The completion menu above the composer (composer metadata `completion`): slash commands while
// the one-line text is `/name`, project paths for the `@word` at the cursor. It follows every
// composer change, takes the menu keys while shown (docs/keys.md), and remembers a dismissal.
import type { Runtime } from "../kernel/runtime.js";
import type { TextLines } from "../kernel/text-lines.js";
import { atWordAt, fileCompletion } from "./file-completion.js";
import type { FileIndex } from "./file-index.js";
import { acceptedText, ambiguousText, enterPick, moveSelection, readCompletion, sameCompletion, slashCompletion, type Completion } from "./slash-completion.js";

const COMPOSER = "composer";

/** What the menu needs of the stock chat: the runtime, the project's paths, and the composer's edits. */
export type CompletionHost = {
  rt: Runtime;
  files: FileIndex;
  setComposer(st: { text: string; cursor: number }): void;
  /** Submits the composer's text, as enter does. */
  submit(): void;
};

/** Guards the menu's one piece of state: the text (or `@` word) the user dismissed it for. */
export class ComposerCompletion {
  /** Composer text for which the user dismissed completion (escape). */
  private dismissed: string | undefined;

  constructor(private readonly host: CompletionHost) {}

  /** The menu shown, if any. */
  current(): Completion | undefined {
    return readCompletion(this.host.rt.buffers.get(COMPOSER)?.metadata.completion);
  }

  /** `autocomplete.accept`: the selected item replaces what it completes (`/name `, `@path `). */
  accept(): void {
    const c = this.current();
    if (!c) return;
    const text = acceptedText(c);
    const b = this.host.rt.buffers;
    if (c.kind === "file") {
      b.replace(COMPOSER, c.start!, c.end!, text);
      b.setCursor(COMPOSER, c.start! + Array.from(text).length);
    } else this.host.setComposer({ text, cursor: Array.from(text).length });
  }

  /** Keys the menu takes while it is shown; false when it is not or the key is not one. */
  key(name: string): boolean {
    const c = this.current();
    if (!c) return false;
    if (name === "up" || name === "down" || name === "shift+tab") {
      this.host.rt.buffers.setMetadata(COMPOSER, "completion", moveSelection(c, name === "down" ? 1 : -1));
      return true;
    }
    if (name === "enter" && c.kind !== "file") {
      this.enterCommand(c);
      return true;
    }
    if (name === "tab" || name === "enter") {
      this.host.rt.actions.run("autocomplete.accept");
      return true;
    }
    if (name === "escape") {
      this.dismiss();
      return true;
    }
    return false;
  }

  /** Closes the menu until the composer changes. */
  dismiss(): void {
    const c = this.current();
    if (!c) return;
    const b = this.host.rt.buffers.get(COMPOSER)!;
    this.dismissed = c.kind === "file" ? atKey(b) : b.text;
    this.host.rt.buffers.setMetadata(COMPOSER, "completion", undefined);
  }

  /** Recomputes the menu for the composer as it is now (after every commit that touched it). */
  refresh(): void {
    const rt = this.host.rt;
    const b = rt.buffers.get(COMPOSER);
    // Only a one-line text starting with "/" can complete a command: read that line, never the whole text.
    const lines = b?.lines;
    const text = lines !== undefined && lines.lineCount === 1 && lines.line(0).startsWith("/") ? lines.line(0) : "";
    // An `@word` at the cursor completes a path; the menu is told apart by its text and cursor.
    const at = text === "" && b !== undefined ? atWordAt(b.lines, b.cursor) : undefined;
    const key = at ? atKey(b!) : text;
    if (this.dismissed !== undefined && this.dismissed !== key) this.dismissed = undefined;
    const prev = this.current();
    let next: Completion | undefined;
    if (this.dismissed === undefined) {
      if (at) {
        const paths = this.host.files.list();
        next = paths ? fileCompletion(at, paths) : undefined;
      } else next = slashCompletion(text, rt.commands.list());
    }
    // A selection the user moved to follows the typing; an untouched one starts where slashCompletion puts it.
    if (next && prev && next.kind === prev.kind && (prev.moved || next.kind === "file")) {
      const keep = next.items.findIndex((i) => i.name === prev.items[prev.selected]?.name);
      if (keep >= 0) next = { ...next, selected: keep, ...(prev.moved ? { moved: true } : {}) };
    }
    // A note (why enter did nothing) stays until the menu itself changes.
    if (sameCompletion(next && prev?.note ? { ...next, note: prev.note } : next, prev)) return;
    rt.guard("host", "completion", () => rt.buffers.setMetadata(COMPOSER, "completion", next));
  }

  /** Enter on the command menu: runs the command the user means (enterPick), or says why none. */
  private enterCommand(c: Completion): void {
    const rt = this.host.rt;
    const typed = rt.buffers.getText(COMPOSER).slice(1);
    const item = enterPick(c, typed);
    // The menu covers the transcript's last rows: the reason goes in the menu, where the user looks.
    if (!item) return rt.buffers.setMetadata(COMPOSER, "completion", { ...c, note: ambiguousText(c, typed) });
    // A command that needs arguments stays in the composer as `/name ` to complete, as the palette does.
    const needsArgs = rt.commands.get(item.name)?.needsArgs === true;
    const text = needsArgs ? `/${item.name} ` : `/${item.name}`;
    this.host.setComposer({ text, cursor: Array.from(text).length });
    if (!needsArgs) this.host.submit();
  }
}

/** What an `@` menu's dismissal is tied to: the cursor and its line as they were (one line is
 *  read, never the whole text). */
function atKey(b: { cursor: number; lines: TextLines }): string {
  return `${b.cursor}\u0000${b.lines.line(b.lines.locate(b.cursor).line)}`;
}
