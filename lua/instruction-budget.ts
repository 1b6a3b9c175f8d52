// The wall-time and instruction budget of one Lua callback, enforced from a count hook.
import fengari from "fengari";
import type { LuaState } from "fengari";
import { jsString, luaString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

/** How often (in VM instructions) the count hook looks at the budget: ~0.1 ms of fengari. */
const HOOK_STEP = 10_000;
/** The default budget of one callback (config `extensions.budget_ms`). */
export const DEFAULT_BUDGET_MS = 200;

/** Limits of one callback: wall time (checked every few thousand instructions) and/or instructions. */
export type BudgetOptions = { budgetMs?: number; maxInstructions?: number };

/**
 * Aborts a Lua callback that runs past its budget, from a LUA_MASKCOUNT hook. Once exhausted the
 * hook keeps raising at every step, so a pcall inside the runaway code cannot swallow the abort.
 * The state stays usable: the next run() starts a fresh budget.
 */
export class InstructionBudget {
  private count = 0;
  private depth = 0;
  private deadline = 0;
  private exhausted = false;
  /** What the exhausted budget was ("longer than 200 ms"), for the error raised at each step. */
  private what = "";
  private readonly budgetMs: number;
  private readonly maxInstructions: number;
  /** Cumulative wall time spent inside run(), in milliseconds. */
  totalMs = 0;

  constructor(
    readonly L: LuaState,
    opts: BudgetOptions = {},
  ) {
    this.budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
    this.maxInstructions = opts.maxInstructions ?? Infinity;
    lua.lua_sethook(L, this.hookFn, lua.LUA_MASKCOUNT, HOOK_STEP);
  }

  private readonly hookFn = (L2: LuaState, ar: unknown): void => this.hook(L2, ar);

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
    this.depth = 1;
    const start = performance.now();
    this.deadline = this.budgetMs > 0 ? start + this.budgetMs : Infinity;
    try {
      return fn();
    } finally {
      this.depth = 0;
      if (this.exhausted) lua.lua_sethook(this.L, this.hookFn, lua.LUA_MASKCOUNT, HOOK_STEP);
      this.exhausted = false;
      this.totalMs += performance.now() - start;
    }
  }

  private hook(L: LuaState, ar: unknown): void {
    if (this.depth === 0) return;
    if (!this.exhausted) {
      const step = lua.lua_gethookcount(L);
      // A coroutine stepped down to 1 by an earlier abort: put it back on the normal step.
      if (step !== HOOK_STEP) lua.lua_sethook(L, this.hookFn, lua.LUA_MASKCOUNT, HOOK_STEP);
      this.count += step;
      if (this.count <= this.maxInstructions && performance.now() <= this.deadline) return;
      this.exhausted = true;
      this.what = this.count > this.maxInstructions ? `more than ${this.maxInstructions} instructions` : `longer than ${this.budgetMs} ms`;
      // From now on fire at every instruction, on this thread and the main one: the first
      // instruction run outside a pcall that caught the abort raises it again, so nested
      // `while true do pcall(...) end` loops unwind too.
      lua.lua_sethook(L, this.hookFn, lua.LUA_MASKCOUNT, 1);
      if (L !== this.L) lua.lua_sethook(this.L, this.hookFn, lua.LUA_MASKCOUNT, 1);
    }
    lua.lua_getinfo(L, luaString("Sl"), ar);
    const info = ar as { short_src?: Uint8Array; currentline?: number };
    const where = info.short_src && (info.currentline ?? -1) > 0 ? `${jsString(info.short_src)}:${info.currentline}: ` : "";
    lauxlib.luaL_error(L, luaString(`${where}budget exceeded: callback ran ${this.what}`));
  }
}
