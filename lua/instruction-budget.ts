// The wall-time and instruction budget of one Lua callback, enforced from a count hook.
import fengari from "fengari";
import type { LuaState } from "fengari";
import { UserHooks } from "./lua-debug-hook.js";
import { jsString, luaString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

/** How often (in VM instructions) the count hook looks at the budget: ~0.1 ms of fengari. */
const HOOK_STEP = 10_000;
/** The default budget of one callback (config `extensions.budget_ms`). */
export const DEFAULT_BUDGET_MS = 200;
/** No callback runs longer than this, whatever `budget_ms` says (0 included). */
export const HARD_CEILING_MS = 10_000;

/** Limits of one callback: wall time (checked every few thousand instructions) and/or instructions. */
export type BudgetOptions = { budgetMs?: number; maxInstructions?: number };

/**
 * Aborts a Lua callback that runs past its budget, from a LUA_MASKCOUNT hook. Once exhausted the
 * hook keeps raising at every step, so a pcall inside the runaway code cannot swallow the abort.
 * Lua's `debug.sethook` only sets a hook chained behind this one (UserHooks), so Lua cannot
 * remove it. The state stays usable: the next run() starts a fresh budget.
 */
export class InstructionBudget {
  private count = 0;
  private depth = 0;
  private deadline = 0;
  private ceiling = 0;
  private exhausted = false;
  /** What the exhausted budget was ("longer than 200 ms"), for the error raised at each step. */
  private what = "";
  /** Set by abort(): the whole message raised instead of the budget's. */
  private message = "";
  private readonly budgetMs: number;
  private readonly maxInstructions: number;
  private readonly userHooks: UserHooks;
  /** Cumulative wall time spent inside run(), in milliseconds. */
  totalMs = 0;

  constructor(
    readonly L: LuaState,
    opts: BudgetOptions = {},
  ) {
    this.budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
    this.maxInstructions = opts.maxInstructions ?? Infinity;
    this.userHooks = new UserHooks((L1) => this.apply(L1));
    this.userHooks.install(L);
    this.apply(L);
  }

  private readonly hookFn = (L2: LuaState, ar: unknown): void => this.hook(L2, ar);

  /** The count step thread L1 should run with now. */
  private step(L1: LuaState): number {
    if (this.exhausted) return 1;
    const user = this.userHooks.count(L1);
    return user > 0 ? Math.min(user, HOOK_STEP) : HOOK_STEP;
  }

  /** (Re)installs the host hook on L1: always the count hook, plus what its Lua-level hook asks for. */
  private apply(L1: LuaState): void {
    lua.lua_sethook(L1, this.hookFn, lua.LUA_MASKCOUNT | this.userHooks.extraMask(L1), this.step(L1));
  }

  /** Milliseconds left in the running callback (Infinity when none runs or it has no wall limit). */
  remainingMs(): number {
    if (this.depth === 0) return Infinity;
    return Math.max(0, Math.min(this.deadline, this.ceiling) - performance.now());
  }

  /** Runs fn with a fresh budget; nested runs (Lua -> host -> Lua) share the outermost one. */
  run<T>(fn: () => T): T {
    if (this.depth > 0) {
      this.depth++;
      try {
        return fn();
      } finally {
        this.depth--;
      }
    }
    this.count = 0;
    this.exhausted = false;
    this.message = "";
    this.depth = 1;
    const start = performance.now();
    this.deadline = this.budgetMs > 0 ? start + this.budgetMs : Infinity;
    this.ceiling = start + HARD_CEILING_MS;
    try {
      return fn();
    } finally {
      this.depth = 0;
      const wasExhausted = this.exhausted;
      this.exhausted = false;
      if (wasExhausted) this.apply(this.L);
      this.totalMs += performance.now() - start;
    }
  }

  /**
   * Aborts the running callback with `message`, the way an exhausted budget does: the error is
   * raised at every instruction until the callback has unwound, so a pcall cannot keep it going.
   */
  abort(L: LuaState, message: string): never {
    if (this.depth > 0 && !this.exhausted) {
      this.exhausted = true;
      this.what = "";
      this.message = message;
      this.apply(L);
      if (L !== this.L) this.apply(this.L);
    }
    return lauxlib.luaL_error(L, luaString(message)) as never;
  }

  private hook(L: LuaState, ar: unknown): void {
    const event = ar as { event: number; currentline: number };
    const step = lua.lua_gethookcount(L);
    if (this.depth > 0 && event.event === lua.LUA_HOOKCOUNT) this.check(L, ar, step);
    this.userHooks.dispatch(L, event, step);
  }

  private check(L: LuaState, ar: unknown, step: number): void {
    if (!this.exhausted) {
      // A coroutine stepped down to 1 by an earlier abort: put it back on its normal step.
      if (step !== this.step(L)) this.apply(L);
      this.count += step;
      const now = performance.now();
      if (this.count <= this.maxInstructions && now <= this.deadline && now <= this.ceiling) return;
      this.exhausted = true;
      this.what = this.count > this.maxInstructions ? `more than ${this.maxInstructions} instructions`
        : now > this.deadline ? `longer than ${this.budgetMs} ms` : `longer than ${HARD_CEILING_MS} ms`;
      // From now on fire at every instruction, on this thread and the main one: the first
      // instruction run outside a pcall that caught the abort raises it again, so nested
      // `while true do pcall(...) end` loops unwind too.
      this.apply(L);
      if (L !== this.L) this.apply(this.L);
    }
    lua.lua_getinfo(L, luaString("Sl"), ar);
    const info = ar as { short_src?: Uint8Array; currentline?: number };
    const where = info.short_src && (info.currentline ?? -1) > 0 ? `${jsString(info.short_src)}:${info.currentline}: ` : "";
    lauxlib.luaL_error(L, luaString(`${where}${this.message || `budget exceeded: callback ran ${this.what}`}`));
  }
}
