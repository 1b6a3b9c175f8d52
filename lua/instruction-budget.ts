import fengari from "fengari";
import type { LuaState } from "fengari";
import { luaString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

/** How often (in VM instructions) the count hook looks at the budget. */
const HOOK_STEP = 10_000;
/** Roughly 200 ms of fengari on a current laptop (≈100M instructions/s measured with a tight loop). */
export const DEFAULT_MAX_INSTRUCTIONS = 20_000_000;

/**
 * Aborts a Lua callback that runs past its instruction budget. The count hook raises a Lua error;
 * once exhausted it keeps raising at every step, so a pcall inside the runaway code cannot swallow
 * the abort. The state stays usable: the next run() starts a fresh budget.
 */
export class InstructionBudget {
  private count = 0;
  private depth = 0;
  private exhausted = false;
  /** Cumulative wall time spent inside run(), in milliseconds. */
  totalMs = 0;

  constructor(
    readonly L: LuaState,
    readonly maxInstructions: number = DEFAULT_MAX_INSTRUCTIONS,
  ) {
    lua.lua_sethook(L, (L2: LuaState) => this.hook(L2), lua.LUA_MASKCOUNT, HOOK_STEP);
  }

  /** Runs fn with a budget; nested runs (Lua -> host -> Lua) share the outermost budget. */
  run<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.count = 0;
    this.exhausted = false;
    this.depth = 1;
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.depth = 0;
      this.exhausted = false;
      this.totalMs += performance.now() - start;
    }
  }

  private hook(L: LuaState): void {
    if (this.depth === 0) return;
    this.count += HOOK_STEP;
    if (this.exhausted || this.count > this.maxInstructions) {
      this.exhausted = true;
      lauxlib.luaL_error(L, luaString(`instruction budget exceeded: more than ${this.maxInstructions} instructions in one callback`));
    }
  }
}
