// The live terminal loop: input events -> runtime, commits -> frame requests, one frame -> one
// write. Everything product-specific already sits on the runtime; this file only moves bytes,
// sizes and the few things only the process can do (quit, hand the terminal to $EDITOR).
import { isCommandError } from "../engine/kernel/command-registry.js";
import { errorLine } from "../engine/kernel/owner-stats.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import type { Clock } from "../engine/kernel/scheduler.js";
import { FrameScheduler } from "../ui/frame-scheduler.js";
import type { InputEvent } from "../ui/key-decoder.js";
import { Screen } from "../ui/screen.js";
import { Terminal } from "../ui/terminal.js";
import { osc52 } from "../ui/clipboard.js";
import { editText } from "./editor-handoff.js";
import type { AppPainter } from "../ui/app-painter.js";

/** What input besides keys goes to: the stock chat, or bare mode (engine/chat/bare-mode.ts). */
export type AppSurface = {
  paste(text: string): void;
  scrollTranscript(rows: number): void;
};

export type InteractiveOptions = {
  mouse?: boolean;
  fps?: number;
  /** false: reported errors are not appended to the transcript (bare mode shows its own note). */
  transcriptErrors?: boolean;
  /** Tests pass a Terminal on fake streams and the runtime's FakeClock. */
  terminal?: Terminal;
  clock?: Clock;
};

/** Lines the mouse wheel scrolls the transcript by. */
const WHEEL_LINES = 3;

/** Owns the terminal for one chat run; resolves `done` once the terminal is restored. */
export class InteractiveApp {
  readonly done: Promise<void>;
  private readonly terminal: Terminal;
  private readonly screen: Screen;
  private readonly frames: FrameScheduler;
  private finish!: () => void;
  private quitting = false;

  constructor(private readonly rt: Runtime, private readonly chat: AppSurface, private readonly painter: AppPainter,
    private readonly opts: InteractiveOptions = {}) {
    this.done = new Promise((resolve) => { this.finish = resolve; });
    this.terminal = opts.terminal ?? new Terminal({ mouse: opts.mouse === true });
    const { width, height } = this.terminal.size();
    this.screen = new Screen(width, height);
    painter.invalidate();
    this.frames = new FrameScheduler(() => this.frame(), { fps: opts.fps ?? 60, ...(opts.clock ? { clock: opts.clock } : {}) });
    if (rt.width !== width || rt.height !== height) rt.resize(width, height);
  }

  /** Takes over the terminal and paints the first frame. */
  start(): void {
    const rt = this.rt;
    // Actions run inside a key's transaction: the process-level work waits for it to commit.
    rt.actions.register("app.quit", () => { setImmediate(() => this.quit()); });
    rt.actions.register("app.editor", () => { setImmediate(() => this.editor()); });
    rt.actions.register("app.suspend", () => { setImmediate(() => this.suspend()); });
    // /copy: the text goes to the terminal between frames, never inside one.
    rt.actions.register("app.copy", (text) => { if (text) setImmediate(() => this.terminal.write(osc52(text))); });
    // ctrl+l: whatever another process wrote over the screen goes; every cell is painted again.
    rt.actions.register("app.redraw", () => {
      this.screen.invalidate();
      this.painter.invalidate();
      this.frames.request();
    });
    // Changes made while a frame is prepared (`render` handlers) are painted in that frame.
    rt.onDirty(() => { if (!this.painter.busy) this.frames.request(); });
    // A timer or job callback that changed nothing still gets a frame: its `tick` and `render`
    // handlers are how the original's extensions animated (a clock, a spinner).
    rt.onWake(() => { if (!this.painter.busy) this.frames.request(); });
    if (this.opts.transcriptErrors !== false) {
      const show = (text: string) => rt.guard("host", "error view", () => rt.buffers.appendBlock("transcript", { kind: "error", role: "system", text }));
      // Errors reported before the chat took the screen (extension loading) show on the first frame.
      // A failed command's outcome line (`/name: why`) is shown by what ran it; not twice.
      for (const e of rt.errors) if (!isCommandError(e)) show(errorLine(e));
      rt.onError((e) => { if (!isCommandError(e)) show(errorLine(e)); });
    }
    this.terminal.onInput((ev) => this.input(ev));
    this.terminal.onResize(({ width, height }) => this.resize(width, height));
    this.terminal.enter();
    this.frames.request();
  }

  /** Asks for a frame (state the kernel does not journal changed: bare mode's notes). */
  requestFrame(): void {
    if (!this.painter.busy) this.frames.request();
  }

  /** Leaves: frames stopped, the terminal restored, `done` resolved (the chat loop emits `shutdown` at exit). */
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    this.frames.stop();
    this.terminal.restore();
    this.finish();
  }

  private input(ev: InputEvent): void {
    switch (ev.type) {
      case "key":
        this.rt.dispatchKey(ev.key);
        // A keymap may change only its extension's own state, which a `render` handler draws:
        // nothing is committed, so nothing else would ask for the frame that shows it.
        if (this.rt.events.count("render") > 0) this.requestFrame();
        return;
      case "paste": this.chat.paste(ev.text); return;
      case "focus": this.rt.emit("focus", { focused: ev.focused }); return;
      case "mouse":
        if (ev.action === "wheel" && (ev.direction === "up" || ev.direction === "down")) {
          this.chat.scrollTranscript(ev.direction === "up" ? WHEEL_LINES : -WHEEL_LINES);
        }
        return;
      default:
    }
  }

  private resize(width: number, height: number): void {
    this.screen.resize(width, height);
    this.painter.invalidate();
    this.rt.resize(width, height);
    // A resized terminal shows garbage until repainted: do it now, not a frame later.
    this.frames.request();
    this.frames.flushNow();
  }

  private frame(): void {
    const { cursor } = this.painter.paint(this.screen.back);
    this.terminal.write(this.screen.flush(cursor));
  }

  // ctrl+z: the shell gets the terminal (job control); `fg` brings the chat back, repainted at
  // whatever size the terminal has by then.
  private suspend(): void {
    if (this.quitting || process.platform === "win32") return;
    const stop = this.terminal.onResume(() => {
      stop();
      this.screen.invalidate();
      this.painter.invalidate();
      const size = this.terminal.size();
      if (size.width !== this.screen.width || size.height !== this.screen.height) this.resize(size.width, size.height);
      this.frames.request();
    });
    this.terminal.suspend();
  }

  private editor(): void {
    if (this.quitting) return;
    const text = this.rt.buffers.getText("composer");
    this.terminal.restore();
    const r = editText(text);
    this.terminal.enter();
    this.screen.invalidate();
    this.painter.invalidate();
    // The terminal may have been resized while the editor had it (no resize events reached us).
    const size = this.terminal.size();
    if (size.width !== this.screen.width || size.height !== this.screen.height) this.resize(size.width, size.height);
    this.rt.guard("host", "editor", () => {
      if ("error" in r) {
        this.rt.buffers.appendBlock("transcript", { kind: "error", role: "system", text: r.error });
        return;
      }
      this.rt.buffers.setText("composer", r.text);
    });
    this.frames.request();
  }
}
