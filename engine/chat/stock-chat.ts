// The chat librecode is without extensions: default windows and the stock layout, the composer's
// editing keys (the key fallback, so keymaps and handlers always get the first word), the host
// actions of lua-api.md, slash completion, the optional panes and the working spinner. Product
// work (models, tools, sessions) happens behind the ChatController.
import { parseCommandLine } from "../kernel/command-registry.js";
import type { KeyEvent } from "../kernel/key-event.js";
import { keyName } from "../kernel/key-notation.js";
import type { Runtime } from "../kernel/runtime.js";
import type { Touched } from "../kernel/transaction.js";
import { createLocalController, type ChatController, type ChatSurface } from "./chat-controller.js";
import { EDIT_KEYS, normalizePaste, typedText } from "./composer-keys.js";
import { Picker, type PickerSpec } from "./picker.js";
import { APPROVAL_WINDOW } from "./approval-panel.js";
import { PromptHistory } from "./prompt-history.js";
import { deliveryOf, emitPromptSubmit } from "./prompt-submit.js";
import { QuitPress } from "./quit-press.js";
import { indexPaths } from "./file-completion.js";
import { FileIndex } from "./file-index.js";
import { ComposerCompletion } from "./composer-completion.js";
import type { Completion } from "./slash-completion.js";
import { statusText, type StatusInfo } from "./status-line.js";
import { changesText, moveLine, type TextEdit, type TextState } from "./text-edit.js";
import { TextLines } from "../kernel/text-lines.js";

export type StockChatOptions = {
  /** Defaults to the local controller (records prompts, runs `/commands`). */
  controller?: ChatController;
  /** Shown in the composer's border. */
  composerLabel?: string;
  /** Spinner tick while working (ms). */
  spinnerMs?: number;
  /** Tool output lines shown collapsed (config `ui.tool_lines`), as the transcript's `tool_lines` var. */
  toolLines?: number;
};

/** The host actions `librecode.action.run` may name. */
export { QUIT_WINDOW_MS } from "./quit-press.js";

export const STOCK_ACTIONS = [
  "submit", "history.prev", "history.next", "autocomplete.accept", "followup.queue", "followup.dequeue",
  "interrupt", "prompt.cancel",
] as const;

const COMPOSER = "composer";
const STATUS = "status";
const DEFAULT_LABEL = "message";
/** The composer's placeholder while a request runs: what the keys do then is not what they do idle. */
export const WORKING_PLACEHOLDER = "enter steers the answer · alt+enter queues a follow-up · esc stops";
/** The placeholder while the approval panel waits for an answer: the keys are the panel's then. */
export const APPROVAL_PLACEHOLDER = "the panel above has the keys: y allows once · a always · n or esc denies";
const STOCK_PLACEHOLDERS: ReadonlySet<unknown> = new Set([WORKING_PLACEHOLDER, APPROVAL_PLACEHOLDER]);

/** Installs the stock chat on a runtime and returns the handle the app and the chat loop use. */
export function installStockChat(runtime: Runtime, opts: StockChatOptions = {}): StockChat {
  return new StockChat(runtime, opts);
}

/** Guards the stock chat's own state: controller, prompt history, spinner, pane visibility. */
export class StockChat implements ChatSurface {
  readonly history = new PromptHistory();
  /** The overlay list /model, /resume, /tree and the command palette (ctrl+p) choose from. */
  readonly picker: Picker;
  /** The project's paths for `@` completion, walked when first asked for. */
  readonly files: FileIndex;
  private ctrl: ChatController;
  private spinner: number | undefined;
  private readonly spinnerMs: number;
  /** The quit key pressed once on an empty composer; its hint goes in the composer's title. */
  private readonly quit: QuitPress;
  /** The slash and `@` completion menu above the composer. */
  private readonly menu: ComposerCompletion;
  private readonly label: string;
  /** The stock key submitting right now (enter or alt+enter), for prompt_submit's key fields. */
  private submitKey: KeyEvent | undefined;

  constructor(private readonly rt: Runtime, opts: StockChatOptions) {
    this.ctrl = opts.controller ?? createLocalController({ runtime: rt });
    this.spinnerMs = opts.spinnerMs ?? 100;
    this.label = opts.composerLabel ?? DEFAULT_LABEL;
    this.quit = new QuitPress(rt, (key) => this.quitHint(key));
    this.picker = new Picker(rt);
    // The approval panel is built at the first call that needs it (engine/agent); its overlay name
    // is the host's from the start, so no extension can hold it when that call comes.
    rt.layout.reserveOverlay(APPROVAL_WINDOW);
    this.files = new FileIndex(rt.cwd, () => rt.clock.now(), () => {
      // Indexed in the background from now, so the first query after a walk does not wait for it.
      indexPaths(this.files.latest() ?? []);
      this.rt.guard("host", "completion", () => this.menu.refresh());
    });
    this.menu = new ComposerCompletion({
      rt, files: this.files, setComposer: (st) => this.setComposer(st), submit: () => this.submit(false),
    });
    rt.inTransaction(() => {
      rt.buffers.setLabel(COMPOSER, this.label);
      for (const pane of ["thinking", "tools"]) {
        if (!rt.windows.has(pane)) rt.windows.create(pane, { role: pane, buffer: pane });
        rt.buffers.setLabel(pane, pane);
        // Focused, the panes report `focus.kind = "panel"` with their name as `panel_kind`.
        rt.windows.setVar(pane, "panel_kind", pane);
      }
      rt.windows.setVar(this.transcriptWindow(), "show_thinking", false);
      rt.windows.setVar(this.transcriptWindow(), "expand_tools", false);
      rt.windows.setVar(this.transcriptWindow(), "scroll_marker", true);
      if (opts.toolLines !== undefined) rt.windows.setVar(this.transcriptWindow(), "tool_lines", opts.toolLines);
      rt.focus = COMPOSER;
    });
    this.registerActions();
    rt.setKeyFallback((ev) => this.onKey(ev));
    rt.onDirty((t) => this.afterCommit(t));
    rt.setFrameData(() => this.frameData());
  }

  /** What `resize` and `render` events carry besides the size, under the original's names. */
  frameData(): Record<string, unknown> {
    const info = this.rt.buffers.get(STATUS)!.metadata as StatusInfo;
    const blocks = this.rt.buffers.get("transcript")?.blocks ?? [];
    let streaming = 0;
    // Streaming blocks are the newest: count from the end, never the whole history.
    while (streaming < blocks.length && blocks[blocks.length - 1 - streaming]!.streaming) streaming++;
    const vars = this.rt.windows.get(this.transcriptWindow())?.vars ?? {};
    return {
      provider: info.provider ?? "", model: info.model ?? "",
      model_label: info.model_label ?? (info.provider && info.model ? `${info.provider}/${info.model}` : info.model ?? ""),
      thinking_level: info.thinking_level ?? "", queued_count: (info.follow_ups ?? 0) + (info.steering ?? 0),
      message_count: blocks.length - streaming, streaming_block_count: streaming,
      tools_expanded: vars.expand_tools === true, thinking_hidden: vars.show_thinking !== true,
    };
  }

  /** The controller actions call. */
  get controller(): ChatController {
    return this.ctrl;
  }

  /** Swaps the controller (the chat loop, once its session is open). */
  setController(c: ChatController): void {
    this.ctrl = c;
    this.syncWorking();
  }

  /** Loads persisted prompt history (oldest first) for up/down. */
  setHistory(entries: string[]): void {
    this.history.load(entries);
  }

  /** Opens a picker over the chat (engine/chat/picker.ts); it has the keys until enter or escape. */
  pick<T>(spec: PickerSpec<T>): void {
    this.rt.guard("host", "picker", () => {
      // The menu would paint over the picker (popups go on top); it comes back when the text changes.
      this.menu.dismiss();
      this.picker.open(spec);
    });
  }

  /** The command palette: every command, filtered as you type; enter runs the chosen one (one that
   *  needs arguments goes to the composer as `/name `), tab puts it in the composer. */
  openPalette(): void {
    const toComposer = (name: string) => this.setComposer({ text: `/${name} `, cursor: Array.from(name).length + 2 });
    this.pick({
      title: "commands",
      items: this.rt.commands.list().map((c) => ({ label: `/${c.name}`, detail: c.desc, value: c })),
      onPick: (item) => (item.value.needsArgs ? toComposer(item.value.name) : this.ctrl.submit(`/${item.value.name}`)),
      onTab: (item) => toComposer(item.value.name),
    });
  }

  /** Pasted text: emitted as `paste`; unless a handler consumed it, inserted as one edit. */
  paste(text: string): void {
    this.rt.guard("host", "paste", () => {
      const clean = normalizePaste(text);
      if (this.rt.emit("paste", { text: clean }).consumed) return;
      if (this.picker.isOpen && this.rt.focus === "picker") return this.picker.type(clean.replace(/\s+/g, " "));
      this.insert(clean);
    });
  }

  /** Merges status metadata and rewrites the status line from it. */
  setStatus(patch: StatusInfo): void {
    this.rt.guard("host", "status", () => {
      // Text an extension set stays (it is shown instead of the line) until it sets "" again.
      const own = this.rt.buffers.getText(STATUS);
      const before = statusText(this.rt.buffers.get(STATUS)!.metadata);
      for (const [k, v] of Object.entries(patch)) this.rt.buffers.setMetadata(STATUS, k, v);
      if (own === "" || own === before) this.rt.buffers.setText(STATUS, statusText(this.rt.buffers.get(STATUS)!.metadata));
      if ("steering" in patch || "follow_ups" in patch) this.queueLabel(this.rt.buffers.get(STATUS)!.metadata as StatusInfo);
    });
  }

  // A first ctrl+c or ctrl+d on an empty, idle composer says in the composer's title how to quit
  // (quit-press.ts); the title an extension set is left alone.
  private quitHint(key: string | undefined): void {
    const current = this.rt.buffers.get(COMPOSER)?.label ?? "";
    if (key !== undefined) {
      if (current === this.label || current.startsWith(`${this.label} · `)) this.rt.buffers.setLabel(COMPOSER, `${this.label} · ${key} again to quit`);
      return;
    }
    if (current.endsWith(" again to quit")) this.rt.buffers.setLabel(COMPOSER, this.label);
    this.queueLabel(this.rt.buffers.get(STATUS)!.metadata as StatusInfo);
  }

  // What waits to be sent shows in the composer's title ("message · 1 queued"), where the user
  // looks after pressing alt+enter; a title an extension set is left alone.
  private queueLabel(info: StatusInfo): void {
    const current = this.rt.buffers.get(COMPOSER)?.label ?? "";
    if (current !== this.label && !current.startsWith(`${this.label} · `)) return;
    const parts = [this.label];
    if ((info.follow_ups ?? 0) > 0) parts.push(`${info.follow_ups} queued`);
    if ((info.steering ?? 0) > 0) parts.push(`${info.steering} steering`);
    const next = parts.join(" · ");
    if (next !== current) this.rt.buffers.setLabel(COMPOSER, next);
  }

  /**
   * Starts the spinner when the controller began working and stops it when it is done. The chat
   * loop calls this on every change; the spinner also notices the end itself at its next tick.
   */
  syncWorking(): void {
    if (!this.ctrl.working) {
      if (this.spinner === undefined) return;
      this.rt.scheduler.stop(this.spinner);
      this.spinner = undefined;
      this.setStatus({ working: false, spinner: undefined });
      this.workingPlaceholder(false);
      return;
    }
    if (this.spinner !== undefined) return;
    this.setStatus({ working: true, spinner: 0 });
    this.workingPlaceholder(true);
    let frame = 0;
    this.spinner = this.rt.scheduler.interval(this.spinnerMs, () => {
      if (this.ctrl.working) {
        this.setStatus({ spinner: ++frame });
        this.workingPlaceholder(true); // the approval panel may have opened or closed
      }
      else this.syncWorking();
    }, "host");
  }

  // Only the stock placeholder is swapped: one an extension set stays.
  private workingPlaceholder(on: boolean): void {
    const current = this.rt.buffers.get(COMPOSER)?.metadata.placeholder;
    if (current !== undefined && !STOCK_PLACEHOLDERS.has(current)) return;
    const wanted = !on ? undefined : this.rt.layout.overlays.has(APPROVAL_WINDOW) ? APPROVAL_PLACEHOLDER : WORKING_PLACEHOLDER;
    if (wanted === current) return;
    this.rt.guard("host", "placeholder", () => this.rt.buffers.setMetadata(COMPOSER, "placeholder", wanted));
  }

  /** Scrolls the transcript window `rows` up (negative: down), never below the bottom (0). */
  scrollTranscript(rows: number): void {
    const name = this.transcriptWindow();
    const w = this.rt.windows.get(name);
    if (w) this.rt.guard("host", "scroll", () => this.rt.windows.set(name, { scroll: Math.max(0, w.scroll + rows) }));
  }

  /** The current completion menu, if one is shown. */
  completion(): Completion | undefined {
    return this.menu.current();
  }

  private registerActions(): void {
    const a = this.rt.actions;
    a.register("submit", () => this.submit(false));
    a.register("followup.queue", () => this.submit(true));
    a.register("followup.dequeue", () => {
      const t = this.ctrl.dequeueFollowUp();
      if (t !== undefined) this.setComposer({ text: t, cursor: Array.from(t).length });
    });
    a.register("interrupt", () => {
      if (this.ctrl.working) this.ctrl.interrupt();
    });
    a.register("prompt.cancel", () => this.setComposer({ text: "", cursor: 0 }));
    a.register("history.prev", () => this.recall(this.history.prev(this.rt.buffers.getText(COMPOSER))));
    a.register("history.next", () => this.recall(this.history.next()));
    a.register("autocomplete.accept", () => this.menu.accept());
  }

  private submit(followUp: boolean): void {
    const draft = this.draft(this.rt.buffers.getText(COMPOSER));
    if (draft === undefined) return;
    // prompt_submit sees the draft still in the composer: consumed, it stays there to be edited.
    const delivery = deliveryOf(this.ctrl.working, followUp, draft);
    const sent = emitPromptSubmit(this.rt, COMPOSER, draft, delivery, this.submitKey);
    if (sent === undefined) return;
    const text = this.draft(sent);
    if (text === undefined) {
      // Handlers emptied the draft (nothing is sent), or made it an unknown command (left to be fixed).
      if (sent.trim() === "") this.setComposer({ text: "", cursor: 0 });
      else if (sent !== this.rt.buffers.getText(COMPOSER)) this.setComposer({ text: sent, cursor: Array.from(sent).length });
      return;
    }
    this.setComposer({ text: "", cursor: 0 });
    if (text !== "") this.history.push(text);
    this.rt.windows.set(this.transcriptWindow(), { scroll: 0 });
    const origin = { submitted: true };
    if (delivery === "prompt") this.ctrl.submit(text, origin);
    // Images alone cannot steer: they go with the next prompt run.
    else if (delivery === "follow_up") this.ctrl.queueFollowUp(text, origin);
    else this.ctrl.steer(text, origin);
    this.syncWorking();
  }

  /** The text to send for a composer holding `text` ("" for attached images alone), or undefined
   *  when there is nothing to send or it names an unknown command (shown as an error line; the
   *  mistyped command stays in the composer to be fixed, typed text is never thrown away). */
  private draft(text: string): string | undefined {
    if (text.trim() === "") {
      // Attached images (composer metadata `attachments`, engine/chat/composer-attachments.ts) are a prompt of their own.
      const images = this.rt.buffers.get(COMPOSER)?.metadata.attachments;
      return Array.isArray(images) && images.length > 0 ? "" : undefined;
    }
    const line = parseCommandLine(text);
    if (!line || this.rt.commands.get(line.name)) return text;
    this.rt.buffers.appendBlock("transcript", { kind: "error", role: "system", text: this.rt.commands.unknownText(line.name) });
    return undefined;
  }

  private recall(text: string | null): void {
    if (text !== null) this.setComposer({ text, cursor: Array.from(text).length });
  }

  // The stock key behaviour (docs/keys.md); runs only for keys no keymap or handler consumed.
  private onKey(ev: KeyEvent): void {
    const name = keyName(ev);
    this.quit.other(name);
    if (this.menu.key(name)) return;
    const run = (action: string) => this.rt.actions.run(action);
    switch (name) {
      case "enter": case "alt+enter":
        // prompt_submit reports the key that submitted.
        this.submitKey = ev;
        try { run(name === "enter" ? "submit" : "followup.queue"); } finally { this.submitKey = undefined; }
        return;
      case "alt+up": run("followup.dequeue"); return;
      case "up": case "down": this.upDown(name === "up" ? -1 : 1); return;
      case "pageup": this.scroll(1); return;
      case "pagedown": this.scroll(-1); return;
      case "ctrl+t": this.toggleVar("show_thinking"); return;
      case "ctrl+o": this.toggleVar("expand_tools"); return;
      case "escape": run("interrupt"); return;
      case "ctrl+c":
        // The habit from other terminal programs: ctrl+c stops what is running before it quits.
        if (this.rt.buffers.getLength(COMPOSER) > 0) run("prompt.cancel");
        else if (this.ctrl.working) run("interrupt");
        else this.quit.press(name);
        return;
      case "ctrl+d":
        if (this.rt.buffers.getLength(COMPOSER) === 0) this.quit.press(name);
        else this.edit(EDIT_KEYS.delete!(this.composer()));
        return;
      case "ctrl+g": run("app.editor"); return;
      case "ctrl+p": this.openPalette(); return;
      case "ctrl+z": run("app.suspend"); return;
      case "ctrl+l": run("app.redraw"); return;
    }
    const edit = EDIT_KEYS[name];
    if (edit) {
      this.edit(edit(this.composer()));
      return;
    }
    const text = typedText(ev);
    if (text !== "") this.insert(text);
  }

  /** Inserts at the composer cursor as one buffer edit (one undo step, one rev). */
  private insert(text: string): void {
    this.rt.buffers.insert(COMPOSER, this.rt.buffers.getCursor(COMPOSER), text);
  }

  private upDown(delta: -1 | 1): void {
    const moved = moveLine(this.composer(), delta);
    if (moved) this.edit(moved);
    else this.rt.actions.run(delta < 0 ? "history.prev" : "history.next");
  }

  private scroll(pages: number): void {
    const w = this.rt.windows.get(this.transcriptWindow());
    if (w) this.scrollTranscript(pages * Math.max(1, w.box.content.height - 1));
  }

  private toggleVar(key: string): void {
    const name = this.transcriptWindow();
    const w = this.rt.windows.get(name);
    if (w) this.rt.windows.setVar(name, key, w.vars[key] !== true);
  }

  private transcriptWindow(): string {
    return this.rt.windows.find({ role: "transcript" }, this.rt.layout.treeOrder()) ?? "transcript";
  }

  private composer(): TextState {
    const b = this.rt.buffers.get(COMPOSER);
    return { lines: b?.lines ?? new TextLines(), cursor: b?.cursor ?? 0 };
  }

  /** Applies an editing key's edit in place: a key costs the lines it touches, not the text. */
  private edit(e: TextEdit): void {
    const b = this.rt.buffers;
    if (changesText(e)) b.replace(COMPOSER, e.start, e.end, e.text);
    if (b.getCursor(COMPOSER) !== e.cursor) b.setCursor(COMPOSER, e.cursor);
  }

  private setComposer(st: { text: string; cursor: number }): void {
    const b = this.rt.buffers;
    if (b.getText(COMPOSER) !== st.text) b.setText(COMPOSER, st.text);
    if (b.getCursor(COMPOSER) !== st.cursor) b.setCursor(COMPOSER, st.cursor);
  }

  // Derived state follows every commit, whoever made it (a key, an extension, the chat loop).
  private afterCommit(t: Touched): void {
    if (t.buffers.has(COMPOSER)) this.menu.refresh();
  }
}
