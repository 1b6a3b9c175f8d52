// One loaded extension: its Lua state, budget, status, log and failures in a row.
import type { LuaState } from "fengari";
import type { EventContext } from "../engine/kernel/event-bus.js";
import { DISABLED_WHERE } from "../engine/kernel/owner-stats.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import { setHostLimits } from "./host-limits.js";
import { InstructionBudget, type BudgetOptions } from "./instruction-budget.js";
import { callLua, LuaError } from "./lua-call.js";
import type { LuaFunctionRef } from "./lua-value.js";
import type { Manifest } from "./extension-manifest.js";
import { HandlerIds } from "./handler-ids.js";

/** After this many failed callbacks in a row an extension is disabled for the session. */
export const MAX_CONSECUTIVE_FAILURES = 5;

export { DISABLED_WHERE };

export type ExtensionStatus = "loaded" | "failed" | "disabled";

/** What the host tells event tables about the session (`ev.working`, `ev.context`). */
export type SessionContext = { mode?: string; working?: boolean; session_id?: string; compacting?: boolean };

/**
 * One loaded extension: its own Lua state and budget, its status, and the stack of events its
 * handlers are running in (for librecode.event.consume/stop). Guards the failure count.
 */
export class LuaExtension {
  status: ExtensionStatus = "loaded";
  reason = "";
  private failuresInRow = 0;
  /** Events whose handlers are running, innermost last. */
  readonly events: EventContext[] = [];
  readonly budget: InstructionBudget;
  /** The newest librecode.log messages (bounded). */
  readonly logs: string[] = [];
  /** Where librecode.log messages go besides `logs` (the host sets it). */
  onLog: ((ext: LuaExtension, msg: string) => void) | undefined;
  /** The session state event tables show; the host sets it. */
  context: () => SessionContext = () => ({});

  /** The ids of its `on`/`create_autocmd` registrations (for `off`). */
  readonly handlers = new HandlerIds();
  /** Releases of what API groups hold for this extension (keymap functions...), run by dispose. */
  private readonly cleanups: Array<() => void> = [];

  /** Config `extensions.settings` (every extension's table, by name); `extension.config()` reads its own. */
  settings: Record<string, Record<string, unknown>> = {};

  /** Set from init.lua for a directory extension. */
  manifest: Manifest | undefined;

  constructor(
    /** Unique among loaded extensions; errors, stats and registrations are filed under it. */
    public name: string,
    readonly rt: Runtime,
    readonly L: LuaState,
    readonly root: string,
    readonly file: string,
    readonly source: string,
    budget: BudgetOptions = {},
  ) {
    this.budget = new InstructionBudget(L, budget);
    setHostLimits(L, {
      remainingMs: () => this.budget.remainingMs(),
      abort: (L2, message) => this.budget.abort(L2, message),
      log: (message) => this.log(message),
      exitRequested: (call) => { this.exitCall ??= call; },
    });
  }

  /** `os.exit(...)` as the extension called it; it is disabled once that callback has unwound. */
  private exitCall: string | undefined;

  /**
   * Calls a Lua function of this extension under its budget; throws LuaError on failure (the
   * caller runs inside Runtime.guard, which rolls back and reports). Counts failures in a row and
   * disables the extension when they reach MAX_CONSECUTIVE_FAILURES.
   */
  call(fn: LuaFunctionRef, args: unknown[], event?: EventContext): unknown[] {
    if (this.status !== "loaded") return [];
    if (event) this.events.push(event);
    try {
      const out = this.budget.run(() => callLua(this.L, () => fn.push(), args));
      this.failuresInRow = 0;
      return out;
    } catch (e) {
      if (this.exitCall !== undefined && this.status === "loaded") {
        this.disable(`it called ${this.exitCall}`);
        this.rt.reportError({ owner: this.name, where: DISABLED_WHERE, message: `extension ${this.name} disabled: it called ${this.exitCall}` });
      } else if (e instanceof LuaError && ++this.failuresInRow >= MAX_CONSECUTIVE_FAILURES) {
        this.disable(`after ${MAX_CONSECUTIVE_FAILURES} failures in a row; last: ${e.message}`);
        // Once: the app shows it in the transcript, the CLI on stderr (formatExtensionError).
        this.rt.reportError({
          owner: this.name, where: DISABLED_WHERE,
          message: `extension ${this.name} disabled after ${MAX_CONSECUTIVE_FAILURES} failures: ${e.message}`,
        });
      }
      throw e;
    } finally {
      if (event) this.events.pop();
    }
  }

  /**
   * Stops everything the extension registered; it stays listed with the reason. Its commands stay
   * as stubs that fail with the reason, so `/name` says why instead of "unknown command".
   */
  disable(reason: string): void {
    this.status = "disabled";
    this.reason = reason;
    const commands = this.rt.commands.list().filter((c) => c.owner === this.name);
    this.dispose();
    const message = `extension ${this.name} is disabled (${reason})`;
    for (const c of commands) {
      this.rt.commands.register(c.name, { desc: `${c.desc} (disabled)`, owner: this.name, run: () => { throw new Error(message); } });
    }
  }

  /**
   * Tears down everything the extension owns in the runtime: handlers, keymaps, commands, tools,
   * timers, jobs (their process groups are killed) and the Lua references the API holds. The one
   * path for disabling, failing and unloading (hot reload); the Lua state itself stays usable
   * for reading. Safe to call twice.
   */
  dispose(): void {
    this.rt.removeOwner(this.name);
    this.handlers.clear();
    for (const c of this.cleanups.splice(0)) c();
  }

  /** Registers a release dispose() runs (an API group's references to Lua functions). */
  onDispose(fn: () => void): void {
    this.cleanups.push(fn);
  }

  /** Records a librecode.log message. */
  log(msg: string): void {
    this.logs.push(msg);
    if (this.logs.length > 100) this.logs.shift();
    this.rt.log.append(this.name, msg);
    this.onLog?.(this, msg);
  }

  /** The event the innermost running handler was given, if any. */
  currentEvent(): EventContext | undefined {
    return this.events[this.events.length - 1];
  }
}
