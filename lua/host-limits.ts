// What host functions of a Lua state need from its extension: the callback's time left, abort and log.
import fengari from "fengari";
import type { LuaState } from "fengari";
import { HARD_CEILING_MS } from "./instruction-budget.js";
import { luaString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

const KEY = luaString("_LIBRECODE_HOST");

/** The extension's side of io.popen, os.execute, os.exit and the string caps. */
export type HostLimits = {
  /** Milliseconds the running callback has left (Infinity outside a callback). */
  remainingMs(): number;
  /** Aborts the running callback with message; a pcall cannot keep it going. */
  abort(L: LuaState, message: string): never;
  /** Records a message in the extension's log. */
  log(message: string): void;
  /** os.exit was called with this status: the extension is disabled once the callback unwinds. */
  exitRequested(status: string): void;
};

/** Attaches limits to L (shared by its coroutines through the registry). */
export function setHostLimits(L: LuaState, limits: HostLimits): void {
  lua.lua_pushlightuserdata(L, limits);
  lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, KEY);
}

/** Limits for a bare state (tests, tools): a fixed ceiling, errors raised plainly, no log. */
const BARE: HostLimits = {
  remainingMs: () => HARD_CEILING_MS,
  abort: (L, message) => lauxlib.luaL_error(L, luaString(message)) as never,
  log: () => {},
  exitRequested: () => {},
};

/** The limits of the extension L belongs to (a bare state's defaults when none were set). */
export function hostLimits(L: LuaState): HostLimits {
  lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, KEY);
  const limits = lua.lua_touserdata(L, -1) as HostLimits | null;
  lua.lua_pop(L, 1);
  return limits ?? BARE;
}
