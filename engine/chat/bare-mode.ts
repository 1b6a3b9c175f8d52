// Bare mode (`librecode --bare`, config `ui.bare: true`): no stock layout, windows, keys or chat
// loop; the screen is whatever extensions build. What stays is the terminal contract: ctrl+c
// twice quits (the stock chat's QuitPress), and a few host notes painted over the screen so a
// user is never left looking at nothing: how to quit, an extension's error, an empty screen.
import { errorLine, type ErrorReport } from "../kernel/owner-stats.js";
import { keyName } from "../kernel/key-notation.js";
import type { Runtime } from "../kernel/runtime.js";
import { normalizePaste } from "./composer-keys.js";
import { QuitPress } from "./quit-press.js";

/** The layout bare mode starts with: a root and no window. */
export const BARE_LAYOUT = Object.freeze({ children: [] });

/** How long an extension's error stays on the bottom row. */
export const ERROR_NOTE_MS = 5000;

export type NoteTone = "accent" | "muted" | "warning" | "error";
/** A host note over the screen: `center` on an otherwise empty screen, `bottom` on the last row. */
export type BareNote = { place: "center" | "bottom"; lines: Array<{ text: string; tone: NoteTone }> };

/** The lines an empty bare screen shows. */
export const EMPTY_NOTE: BareNote = Object.freeze({
  place: "center",
  lines: [
    { text: "librecode --bare: no extension has built a screen", tone: "accent" },
    { text: "load one with extensions.use or --extension PATH", tone: "muted" },
    { text: "ctrl+c twice quits", tone: "muted" },
  ],
}) as BareNote;

/** Installs bare mode on a runtime created with BARE_LAYOUT and returns its handle. */
export function installBareMode(rt: Runtime): BareMode {
  return new BareMode(rt);
}

/** Guards bare mode's state: the armed quit key and the error shown on the bottom row. */
export class BareMode {
  private readonly quit: QuitPress;
  private error: { line: string; timer: number } | undefined;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly rt: Runtime) {
    this.quit = new QuitPress(rt, () => this.changed());
    // No window has focus until an extension gives it one (`win.focus`): `{focus=...}` keymaps
    // match nothing, global keymaps and `key` handlers see every key.
    rt.inTransaction(() => { rt.focus = ""; });
    rt.setKeyFallback((ev) => {
      const name = keyName(ev);
      this.quit.other(name);
      if (name === "ctrl+c") this.quit.press(name);
    });
    rt.onError((e) => this.showError(e));
  }

  /** Pasted text: emitted as `paste` for extensions (there is no composer to put it in). */
  paste(text: string): void {
    this.rt.guard("host", "paste", () => this.rt.emit("paste", { text: normalizePaste(text) }));
  }

  /** The mouse wheel: bare mode has no transcript of its own to scroll. */
  scrollTranscript(_rows: number): void {}

  /** Calls l whenever the notes change without a kernel commit (a quit key armed, an error). */
  onChange(l: () => void): void {
    this.listeners.push(l);
  }

  /** The host notes of the next frame, the layout being up to date: at most a center and a bottom one. */
  notes(): BareNote[] {
    const out: BareNote[] = [];
    const empty = !this.rt.windows.list().some((n) => {
      const b = this.rt.windows.get(n)!.box;
      return b.visible && b.width > 0 && b.height > 0;
    });
    if (empty) out.push(EMPTY_NOTE);
    const key = this.quit.key;
    if (key !== undefined) out.push({ place: "bottom", lines: [{ text: `${key} again to quit`, tone: "warning" }] });
    else if (this.error) out.push({ place: "bottom", lines: [{ text: this.error.line, tone: "error" }] });
    return out;
  }

  private showError(e: ErrorReport): void {
    if (this.error) this.rt.scheduler.stop(this.error.timer);
    const timer = this.rt.scheduler.defer(ERROR_NOTE_MS, () => {
      this.error = undefined;
      this.changed();
    });
    this.error = { line: errorLine(e), timer };
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
