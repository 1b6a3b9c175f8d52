// debug.sethook/gethook for extensions: a Lua-level hook chained behind the host's budget hook.
import fengari from "fengari";
import type { LuaState } from "fengari";
import { luaString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

type Proxy = (L: LuaState) => void;
/** One thread's Lua-level hook: the function (as a fengari proxy), its mask bits and count. */
type UserHook = { push: Proxy; mask: number; count: number; counter: number; smask: string };

const EVENT_NAMES = ["call", "return", "line", "count", "tail call"];

function maskOf(smask: string, count: number): number {
  let mask = 0;
  if (smask.includes("c")) mask |= lua.LUA_MASKCALL;
  if (smask.includes("r")) mask |= lua.LUA_MASKRET;
  if (smask.includes("l")) mask |= lua.LUA_MASKLINE;
  if (count > 0) mask |= lua.LUA_MASKCOUNT;
  return mask;
}

/**
 * The hooks Lua code set with `debug.sethook`, per thread. The host's budget hook stays installed
 * underneath: `debug.sethook()` clears only the Lua-level hook, `debug.gethook()` reports only it,
 * so no Lua code can remove or replace the budget. The host hook calls `dispatch` for every event.
 */
export class UserHooks {
  private readonly hooks = new WeakMap<LuaState, UserHook>();
  /** Threads whose Lua-level hook is running (hooks do not fire inside hooks, as in C Lua). */
  private readonly running = new WeakSet<LuaState>();

  /** `reapply(L1)` re-installs the host hook on L1 with the mask and count `extraMask`/`count` ask for. */
  constructor(private readonly reapply: (L1: LuaState) => void) {}

  /** Replaces `debug.sethook` and `debug.gethook` in L's `debug` table. */
  install(L: LuaState): void {
    lua.lua_getglobal(L, luaString("debug"));
    if (!lua.lua_istable(L, -1)) {
      lua.lua_pop(L, 1);
      return;
    }
    lua.lua_pushcfunction(L, (L2: LuaState) => this.sethook(L2));
    lua.lua_setfield(L, -2, luaString("sethook"));
    lua.lua_pushcfunction(L, (L2: LuaState) => this.gethook(L2));
    lua.lua_setfield(L, -2, luaString("gethook"));
    lua.lua_pop(L, 1);
  }

  /** The mask bits L1's Lua-level hook adds to the host's count hook. */
  extraMask(L1: LuaState): number {
    return (this.hooks.get(L1)?.mask ?? 0) & ~lua.LUA_MASKCOUNT;
  }

  /** The Lua-level hook's count for L1 (0: none). */
  count(L1: LuaState): number {
    return this.hooks.get(L1)?.count ?? 0;
  }

  /** Runs L's Lua-level hook if it asked for this event; `steps` is how many instructions a count event stands for. */
  dispatch(L: LuaState, ar: { event: number; currentline: number }, steps: number): void {
    const h = this.hooks.get(L);
    if (!h || this.running.has(L)) return;
    if (ar.event === lua.LUA_HOOKCOUNT) {
      if (h.count <= 0) return;
      h.counter += steps;
      if (h.counter < h.count) return;
      h.counter %= h.count;
    } else if (!(h.mask & (1 << ar.event)) && !(ar.event === lua.LUA_HOOKTAILCALL && h.mask & lua.LUA_MASKCALL)) {
      return;
    }
    // fengari disables hooks while one runs; turn them back on so the budget still counts the
    // Lua hook's own instructions (a hook that loops forever is aborted like any other code).
    const state = L as unknown as { allowhook: number };
    this.running.add(L);
    state.allowhook = 1;
    try {
      h.push(L);
      lua.lua_pushstring(L, luaString(EVENT_NAMES[ar.event] ?? "count"));
      if (ar.currentline >= 0) lua.lua_pushinteger(L, ar.currentline);
      else lua.lua_pushnil(L);
      lua.lua_call(L, 2, 0);
    } finally {
      state.allowhook = 0;
      this.running.delete(L);
    }
  }

  private thread(L: LuaState): { L1: LuaState; arg: number } {
    if (lua.lua_isthread(L, 1)) return { L1: lua.lua_tothread(L, 1), arg: 1 };
    return { L1: L, arg: 0 };
  }

  private sethook(L: LuaState): number {
    const { L1, arg } = this.thread(L);
    if (lua.lua_isnoneornil(L, arg + 1)) {
      this.hooks.delete(L1);
    } else {
      const smask = String.fromCharCode(...lauxlib.luaL_checkstring(L, arg + 2));
      lauxlib.luaL_checktype(L, arg + 1, lua.LUA_TFUNCTION);
      const count = Math.max(0, lauxlib.luaL_optinteger(L, arg + 3, 0));
      const push = lua.lua_toproxy(L, arg + 1) as Proxy;
      this.hooks.set(L1, { push, mask: maskOf(smask, count), count, counter: 0, smask: smask.replace(/[^crl]/g, "") });
    }
    this.reapply(L1);
    return 0;
  }

  private gethook(L: LuaState): number {
    const { L1 } = this.thread(L);
    const h = this.hooks.get(L1);
    if (!h) {
      lua.lua_pushnil(L);
      return 1;
    }
    h.push(L);
    lua.lua_pushstring(L, luaString(["c", "r", "l"].filter((c) => h.smask.includes(c)).join("")));
    lua.lua_pushinteger(L, h.count);
    return 3;
  }
}
