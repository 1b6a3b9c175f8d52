// The kernel object every layer holds. It owns the stores and registries, runs every callback in
// a transaction (guard), dispatches events and keys in priority order, keeps window boxes in step
// with the layout, and tells listeners what each commit touched so only that is repainted.
import { windowsInTreeOrder, type LayoutNode } from "../../layout/layout-table.js";
import type { WindowBox } from "../../layout/rect.js";
import { ActionRegistry } from "./action-registry.js";
import { BufferStore } from "./buffer-store.js";
import { CommandRegistry } from "./command-registry.js";
import { DrawStore } from "./draw-store.js";
import { EventBus, type EventContext, type Handler, type HandlerEntry, type HandlerResult } from "./event-bus.js";
import { ExtensionLog } from "./extension-log.js";
import { JobRunner } from "./job-runner.js";
import type { KeyEvent } from "./key-event.js";
import { keyName } from "./key-notation.js";
import { KeymapRegistry, type FocusInfo } from "./keymaps.js";
import { LayoutState, type MeasureContent, type Overlay } from "./layout-state.js";
import { Namespaces } from "./namespaces.js";
import { DISABLED_WHERE, errorReport, OwnerLedger, type ErrorReport, type OwnerStats } from "./owner-stats.js";
import { OwnerStore } from "./owner-store.js";
import { Scheduler, systemClock, type Clock } from "./scheduler.js";
import { ToolRegistry } from "./tool-registry.js";
import { TransactionManager, type Touched } from "./transaction.js";
import { hiddenBox, WindowStore } from "./window-store.js";

export type { ErrorReport, OwnerStats } from "./owner-stats.js";

export type RuntimeOptions = { clock?: Clock; width?: number; height?: number; cwd?: string; layout?: unknown };
export type GuardResult<T> = { ok: true; value: T } | { ok: false; error: ErrorReport };
export type DispatchResult = { consumed: boolean; stopped: boolean };

/** Buffers that exist from the start (lua-api.md "Default buffers"). */
export const DEFAULT_BUFFERS = ["composer", "status", "transcript", "thinking", "tools"];
/** One question the last layout asked the measure function, and its answer. */
type MeasureProbe = { axis: "width" | "height"; offered: number; value: number };

/** Errors kept for `render --format json` and the error view; older ones are dropped. */
const MAX_ERRORS = 200;

/** The kernel: stores, registries, transactions and dispatch. */
export class Runtime {
  readonly tx = new TransactionManager();
  readonly buffers: BufferStore;
  readonly windows: WindowStore;
  readonly events = new EventBus();
  readonly keymaps = new KeymapRegistry();
  readonly commands = new CommandRegistry();
  readonly tools = new ToolRegistry();
  readonly namespaces = new Namespaces();
  readonly actions = new ActionRegistry();
  readonly layout: LayoutState;
  readonly scheduler: Scheduler;
  readonly draw: DrawStore;
  readonly jobs: JobRunner;
  /** Per-extension values kept across runs (`librecode.store`); written at commit. */
  readonly store = new OwnerStore(this.tx, (message) => this.reportError({ owner: "host", where: "store", message }));
  readonly clock: Clock;
  readonly cwd: string;
  readonly errors: ErrorReport[] = [];
  /** What extensions printed and every reported error, for `/log` and the chat's log file. */
  readonly log: ExtensionLog;
  width: number;
  height: number;

  private readonly ledger = new OwnerLedger();
  private readonly errorListeners: Array<(e: ErrorReport) => void> = [];
  /** Errors reported while a guarded callback runs (an extension disabled by its own failure),
   *  told to listeners once the outermost guard is done: a rollback of the callback must not undo
   *  what a listener wrote (the chat's transcript line). `guardDepth` > 0 while one runs. */
  private readonly heldErrors: ErrorReport[] = [];
  private guardDepth = 0;
  private readonly dirtyListeners: Array<(t: Touched) => void> = [];
  private readonly wakeListeners: Array<() => void> = [];
  private fallback: ((ev: KeyEvent) => void) | undefined;
  private measure: MeasureContent | undefined;
  private measured: { table: LayoutNode; overlays: Overlay[]; windows: Set<string> } | undefined;
  /** Per content-sized window, what the last layout asked `measure` (see contentMoved). */
  private probes = new Map<string, MeasureProbe[]>();
  private focused = "composer";
  private frameExtra: (() => Record<string, unknown>) | undefined;

  constructor(opts: RuntimeOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.log = new ExtensionLog(this.clock);
    this.width = opts.width ?? 80;
    this.height = opts.height ?? 24;
    this.cwd = opts.cwd ?? process.cwd();
    this.buffers = new BufferStore(this.tx, () => this.clock.now());
    this.windows = new WindowStore(this.tx);
    this.draw = new DrawStore(this.tx);
    this.layout = new LayoutState(opts.layout);
    // A timer or job callback wakes the app even when it changed nothing: its frame emits `tick`.
    this.scheduler = new Scheduler(this.clock, (t) => {
      this.guard(t.owner, "timer", t.fn);
      this.wake();
    });
    this.jobs = new JobRunner((owner, where, fn) => {
      this.guard(owner, where, fn);
      this.wake();
    }, this.cwd, this.clock);
    this.tx.onCommit((t) => this.committed(t));
    for (const name of DEFAULT_BUFFERS) this.buffers.create(name);
    // The layout is computed at the initial size before startup, so boxes are readable at once.
    this.inTransaction(() => {
      this.createLayoutWindows();
      this.applyLayout();
    });
  }

  /** The focused window's name (keys go to it). */
  get focus(): string {
    return this.focused;
  }

  /** Moves focus (journaled: a failing handler's focus change is undone); both windows repaint. */
  set focus(name: string) {
    const prev = this.focused;
    if (prev === name) return;
    this.focused = name;
    this.tx.record(() => {
      this.focused = prev;
    });
    this.tx.touchWindow(prev);
    this.tx.touchWindow(name);
  }

  /** What keys are dispatched to: the focused window, its buffer and role, and its kind
   *  (`composer`, `autocomplete` while its buffer's `completion` menu has the keys, `panel` for a
   *  window whose `panel_kind` variable is set (exclusive when its `exclusive` variable is true),
   *  else `window`). */
  focusInfo(): Required<FocusInfo> {
    const w = this.windows.get(this.focus);
    const buffer = w?.buffer ?? this.focus;
    const role = w?.role ?? this.focus;
    const menu = this.buffers.get(buffer)?.metadata.completion;
    if (menu !== null && typeof menu === "object") return { kind: "autocomplete", window: this.focus, buffer, role, exclusive: true, panel_kind: "" };
    const panel = w?.vars.panel_kind;
    if (typeof panel === "string" && panel !== "") {
      return { kind: "panel", window: this.focus, buffer, role, exclusive: w!.vars.exclusive === true, panel_kind: panel };
    }
    return { kind: role === "composer" ? "composer" : "window", window: this.focus, buffer, role, exclusive: false, panel_kind: "" };
  }

  /** Runs fn inside a transaction (or a savepoint when one is open); a throw rolls back fn's
   *  mutations, is reported via reportError, and returns { ok: false }. `site` (the callback)
   *  tells apart two callbacks of one owner at the same `where`, so each error shows once. */
  guard<T>(owner: string, where: string, fn: () => T, site?: object): GuardResult<T> {
    const outer = !this.tx.active;
    if (outer) this.tx.begin();
    const sp = this.tx.savepoint();
    const started = this.ledger.enter(owner);
    this.guardDepth++;
    let result: GuardResult<T>;
    try {
      result = { ok: true, value: fn() };
    } catch (e) {
      this.tx.rollbackTo(sp);
      result = { ok: false, error: errorReport(owner, where, e) };
    } finally {
      this.guardDepth--;
    }
    const siteKey = this.ledger.siteKey(owner, where, site);
    this.ledger.leave(owner, started, result.ok, siteKey);
    if (outer) this.tx.commit();
    if (!result.ok) this.reportError(result.error, siteKey);
    if (this.guardDepth === 0 && this.heldErrors.length > 0) {
      for (const e of this.heldErrors.splice(0)) this.tellError(e);
    }
    return result;
  }

  /** Emits a named event: handlers by priority (ties: registration order), each in a savepoint. */
  emit(name: string, data: Record<string, unknown> = {}, key?: KeyEvent): DispatchResult {
    return this.dispatch(this.events.handlers(name), name, data, key);
  }

  /** Emits a named event to one owner's handlers only (a reloaded extension's `startup`). */
  emitTo(owner: string, name: string, data: Record<string, unknown> = {}): DispatchResult {
    return this.dispatch(this.events.handlers(name).filter((h) => h.owner === owner), name, data, undefined);
  }

  private dispatch(handlers: HandlerEntry[], name: string, data: Record<string, unknown>, key: KeyEvent | undefined): DispatchResult {
    const state: DispatchResult = { consumed: false, stopped: false };
    if (handlers.length === 0) return state;
    this.inTransaction(() => {
      for (const h of handlers) {
        if (state.stopped) break;
        this.runHandler(state, name, data, key, h.owner, `${name} handler`, h.handler);
      }
    });
    return state;
  }

  /** One key: opens a transaction; due timers, then keymaps for the focused target (+global),
   *  then on("key") handlers; if nothing consumed it, the fallback (stock behaviour) runs. */
  dispatchKey(ev: KeyEvent): boolean {
    return this.inTransaction(() => {
      this.scheduler.runDue();
      const focus: FocusInfo = this.focusInfo();
      const data = { key: ev.key, text: ev.text, ctrl: ev.ctrl, alt: ev.alt, shift: ev.shift };
      const state: DispatchResult = { consumed: false, stopped: false };
      for (const km of this.keymaps.match(keyName(ev), focus)) {
        if (state.stopped) break;
        this.runHandler(state, "key", data, ev, km.owner, `keymap ${km.lhs === " " ? "<space>" : km.lhs}`, km.fn);
      }
      for (const h of this.events.handlers("key")) {
        if (state.stopped) break;
        this.runHandler(state, "key", data, ev, h.owner, "key handler", h.handler);
      }
      const fallback = this.fallback;
      if (!state.consumed && fallback) this.guard("host", "key fallback", () => fallback(ev));
      return state.consumed;
    });
  }

  /** Sets the stock key behaviour, run when no keymap or handler consumed a key. */
  setKeyFallback(fn: (ev: KeyEvent) => void): void {
    this.fallback = fn;
  }

  /** Sets how `content`-sized windows are measured (the ui supplies it). */
  setMeasure(fn: MeasureContent | undefined): void {
    this.measure = fn;
    this.layout.markDirty();
  }

  /** New terminal size: every window follows the layout, then `resize` is emitted. */
  resize(width: number, height: number): void {
    this.inTransaction(() => {
      this.width = width;
      this.height = height;
      this.applyLayout();
      this.emit("resize", this.frameData());
    });
  }

  /** The data of `resize` and `render` events: the size, plus what the host's frame-data
   *  function adds (the stock chat: model, provider, counts). */
  frameData(): Record<string, unknown> {
    const extra = this.frameExtra?.() ?? {};
    return { ...extra, width: this.width, height: this.height };
  }

  /** Sets what `frameData()` adds to the size (one function; the last set wins). */
  setFrameData(fn: (() => Record<string, unknown>) | undefined): void {
    this.frameExtra = fn;
  }

  /** Validates and applies a layout table (throws LayoutError, changing nothing, when invalid).
   *  Creates the windows it names that do not exist; a rollback restores the previous layout. */
  layoutSet(t: unknown): void {
    this.inTransaction(() => {
      const prev = this.layout.snapshot();
      if (!this.layout.set(t, (w) => this.windows.has(w) || this.buffers.has(w))) {
        // The same table: no rebuild, no relayout; only windows deleted since it was set come back.
        if (this.layout.allWindows().some((w) => !this.windows.has(w))) {
          this.createLayoutWindows();
          this.applyLayout();
        }
        return;
      }
      this.tx.record(() => this.layout.restore(prev));
      this.tx.touchLayout();
      this.createLayoutWindows();
      this.applyLayout();
    });
  }

  /** Lays a window node into whatever layout is in force (before window `before` when shown, else
   *  absolute over it; see LayoutState.setOverlay), or removes it (undefined); creates its window
   *  when missing. `owner` (default "host") alone may change it later. Throws LayoutError on a bad
   *  node or another owner's overlay. */
  setOverlay(name: string, node: unknown, before?: string, owner = "host"): void {
    this.inTransaction(() => {
      const prev = this.layout.snapshot();
      this.layout.setOverlay(name, node, before, owner);
      this.tx.record(() => this.layout.restore(prev));
      this.tx.touchLayout();
      this.createLayoutWindows();
      this.applyLayout();
    });
  }

  /** Recomputes window boxes if the layout is dirty (the frame scheduler calls this per frame). */
  updateLayout(): void {
    if (this.layout.dirty) this.inTransaction(() => this.applyLayout());
  }

  /** Records an error: listed in `errors` and sent to listeners once while it keeps repeating. */
  reportError(e: ErrorReport, site?: string): void {
    if (!this.ledger.isNew(e, site)) return;
    this.errors.push(e);
    if (this.errors.length > MAX_ERRORS) this.errors.splice(0, this.errors.length - MAX_ERRORS);
    this.log.append(e.owner, e.where === DISABLED_WHERE ? e.message : `${e.where} failed: ${e.message}`, true);
    this.tellError(e);
  }

  // Inside a guarded callback the listeners wait for it to end (see heldErrors).
  private tellError(e: ErrorReport): void {
    if (this.guardDepth > 0) this.heldErrors.push(e);
    else for (const l of this.errorListeners) l(e);
  }

  /** Calls l for every newly reported error. */
  onError(l: (e: ErrorReport) => void): void {
    this.errorListeners.push(l);
  }

  /** Calls l after each commit with the touched buffers, windows (own record or bound buffer
   *  changed) and whether the layout changed. */
  onDirty(l: (t: Touched) => void): void {
    this.dirtyListeners.push(l);
  }

  /** Calls l after each timer or job callback ran, whether or not it changed anything (the app
   *  paints a frame then, so `render` and `tick` handlers see time pass). */
  onWake(l: () => void): void {
    this.wakeListeners.push(l);
  }

  /** True while a timer or a job is live: each frame then emits `tick` (never while idle). */
  get ticking(): boolean {
    return this.scheduler.size > 0 || this.jobs.size > 0;
  }

  /** Calls, failures and cumulative guarded time of owner. */
  ownerStats(owner: string): OwnerStats {
    return { ...this.ledger.get(owner) };
  }

  /** Stats of every owner that ran a guarded callback. */
  allOwnerStats(): Map<string, OwnerStats> {
    return this.ledger.all();
  }

  /** Removes everything owner registered: handlers, keymaps, commands, tools, timers, overlays; its
   *  jobs' process groups get SIGTERM and none of their callbacks runs again. */
  removeOwner(owner: string): void {
    const overlays = [...this.layout.overlays].filter(([, o]) => o.owner === owner);
    for (const [name] of overlays) this.setOverlay(name, undefined, undefined, owner);
    // Keys go back to the composer when they went to a panel that is gone.
    if (overlays.some(([, o]) => windowsInTreeOrder(o.node).includes(this.focus)) && this.windows.has("composer")) this.focus = "composer";
    this.events.removeOwner(owner);
    this.keymaps.removeOwner(owner);
    this.commands.unregisterOwner(owner);
    this.tools.unregisterOwner(owner);
    this.scheduler.stopOwner(owner);
    for (const j of this.jobs.live(owner)) this.jobs.cancel(j.id);
    this.draw.removeOwner(owner);
  }

  /** Runs fn in the open transaction, or in a new one it commits (rolled back if fn throws). */
  inTransaction<T>(fn: () => T): T {
    if (this.tx.active) return fn();
    this.tx.begin();
    let value: T;
    try {
      value = fn();
    } catch (e) {
      this.tx.rollback();
      throw e;
    }
    this.tx.commit();
    return value;
  }

  private wake(): void {
    for (const l of this.wakeListeners) l();
  }

  private runHandler(state: DispatchResult, name: string, data: Record<string, unknown>, key: KeyEvent | undefined,
    owner: string, where: string, fn: Handler): void {
    // Flags a handler sets count only if it succeeds: a throwing handler loses its consume too.
    const local = { consumed: false, stopped: false };
    const ev: EventContext = {
      name, data, key,
      consume: () => { local.consumed = true; },
      stop: () => { local.consumed = true; local.stopped = true; },
      get consumed() { return state.consumed || local.consumed; },
      get stopped() { return state.stopped || local.stopped; },
    };
    const r = this.guard(owner, where, () => fn(ev), fn);
    if (!r.ok) return;
    applyResult(local, r.value);
    state.consumed ||= local.consumed;
    state.stopped ||= local.stopped;
  }

  private createLayoutWindows(): void {
    for (const name of this.layout.allWindows()) {
      if (this.windows.has(name)) continue;
      this.buffers.ensure(name);
      this.windows.create(name, { role: name, buffer: name, renderer: "default" });
    }
  }

  /** Whether a window's buffer holds no text and no blocks (what `hide_empty` nodes follow). */
  private readonly isEmpty = (window: string): boolean => {
    const b = this.buffers.get(this.windows.get(window)?.buffer ?? window);
    return b === undefined || (b.lines.length === 0 && b.blocks.length === 0);
  };

  private applyLayout(): void {
    const measure = this.measure;
    const probes = new Map<string, MeasureProbe[]>();
    // Remember every question Yoga asks, so an edit can be checked against it (contentMoved).
    const recording: MeasureContent | undefined = measure && ((window, axis, offered) => {
      const value = measure(window, axis, offered);
      let list = probes.get(window);
      if (list === undefined) probes.set(window, (list = []));
      if (!list.some((p) => p.axis === axis && p.offered === offered)) list.push({ axis, offered, value });
      return value;
    });
    const boxes = this.layout.compute(this.width, this.height, recording, this.isEmpty);
    this.probes = probes;
    for (const name of this.windows.list()) {
      const w = this.windows.get(name)!;
      const box = boxes.get(name) ?? hiddenBox();
      if (!sameBox(w.box, box)) this.windows.set(name, { box });
    }
  }

  private committed(t: Touched): void {
    const windows = new Set(t.windows);
    if (t.buffers.size > 0) {
      const measured = this.measuredWindows();
      for (const name of this.windows.list()) {
        const buf = this.windows.get(name)!.buffer;
        if (!t.buffers.has(buf)) continue;
        windows.add(name);
        if (measured.has(name) && !this.layout.dirty && this.contentMoved(name)) this.layout.markDirty();
      }
    }
    // A `hide_empty` pane opens with its buffer's first text and collapses when it is cleared.
    if (t.buffers.size > 0 && !this.layout.dirty && this.layout.emptinessChanged(this.isEmpty)) this.layout.markDirty();
    const touched: Touched = { buffers: t.buffers, windows, layout: t.layout };
    for (const l of this.dirtyListeners) l(touched);
  }

  /**
   * True when a content-sized window's new content would change the layout: the measure function
   * answers one of the last layout's questions differently. Typing in the composer mostly keeps
   * its height, so most keys need no relayout (measuring is cheap: renderers cache their wrap).
   */
  private contentMoved(window: string): boolean {
    const measure = this.measure;
    if (measure === undefined) return false;
    const probes = this.probes.get(window);
    // Not measured last time (hidden, or laid out before the measure existed): relayout to be sure.
    if (probes === undefined) return true;
    try {
      return probes.some((p) => measure(window, p.axis, p.offered) !== p.value);
    } catch {
      return true; // the next layout reports it
    }
  }

  /** Windows whose node is sized by "content": their buffer changing can move the layout. */
  private measuredWindows(): Set<string> {
    const table = this.layout.table;
    const overlays = this.layout.overlays;
    if (this.measured?.table !== table || !sameOverlays(this.measured.overlays, overlays)) {
      const windows = contentWindows(table);
      // Overlays (the approval panel, pickers) are laid out with the tree: a content-sized one
      // must relayout when its text changes, like any window of the tree.
      for (const o of overlays.values()) contentWindows(o.node, windows);
      this.measured = { table, overlays: [...overlays.values()], windows };
    }
    return this.measured.windows;
  }
}

function applyResult(local: { consumed: boolean; stopped: boolean }, r: HandlerResult): void {
  if (r === true) local.consumed = true;
  else if (typeof r === "object" && r !== null) {
    if (r.consumed || r.handled) local.consumed = true;
    if (r.stop || r.stopped) local.consumed = local.stopped = true;
  }
}

// Only width/height "content" is measured (layout/yoga-tree.ts, layout.md); basis "content" is
// Yoga's auto, so its window's buffer cannot move the layout.
// The overlays in force are the ones cached (setOverlay stores a new record per change): checked on
// every commit that touched a buffer, so without allocating.
function sameOverlays(cached: readonly Overlay[], now: ReadonlyMap<string, Overlay>): boolean {
  if (cached.length !== now.size) return false;
  let i = 0;
  for (const o of now.values()) if (o !== cached[i++]) return false;
  return true;
}

function contentWindows(node: LayoutNode, out = new Set<string>()): Set<string> {
  if (node.window && (node.width === "content" || node.height === "content")) {
    out.add(node.window);
  }
  for (const c of node.children ?? []) contentWindows(c, out);
  return out;
}

function sameBox(a: WindowBox, b: WindowBox): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height && a.visible === b.visible &&
    a.border === b.border && a.z === b.z && a.order === b.order && a.content.x === b.content.x &&
    a.content.y === b.content.y && a.content.width === b.content.width && a.content.height === b.content.height;
}
