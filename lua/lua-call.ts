// Calling Lua from JS in protected mode; a Lua error comes back as LuaError (message and traceback).
import fengari from "fengari";
import type { LuaState } from "fengari";
import { jsString, luaString, pushValue, toJs, type ToJsOptions } from "./lua-value.js";

const { lua, lauxlib } = fengari;

/** A Lua error surfaced to JS: `message` is Lua's (`main.lua:3: boom`), `traceback` its stack. */
export class LuaError extends Error {
  constructor(
    message: string,
    readonly traceback: string,
  ) {
    super(message);
    this.name = "LuaError";
  }
}

const TRACEBACK_MARK = "\nstack traceback:";

// The message handler runs where the error happened, so the traceback still has the Lua frames.
function messageHandler(L: LuaState): number {
  let msg: string;
  if (lua.lua_type(L, 1) === lua.LUA_TSTRING) msg = jsString(lua.lua_tostring(L, 1));
  else if (lauxlib.luaL_callmeta(L, 1, luaString("__tostring")) && lua.lua_type(L, -1) === lua.LUA_TSTRING)
    msg = jsString(lua.lua_tostring(L, -1));
  else msg = `(error object is a ${jsString(lauxlib.luaL_typename(L, 1))} value)`;
  lauxlib.luaL_traceback(L, L, luaString(msg), 1);
  return 1;
}

/** Splits "msg\nstack traceback:\n..." into a LuaError. */
function errorFromStack(L: LuaState): LuaError {
  const full = lua.lua_type(L, -1) === lua.LUA_TSTRING ? jsString(lua.lua_tostring(L, -1)) : "(error object is not a string)";
  lua.lua_pop(L, 1);
  const at = full.indexOf(TRACEBACK_MARK);
  if (at < 0) return new LuaError(full, "stack traceback:\n\t[no Lua frames]");
  return new LuaError(full.slice(0, at), full.slice(at + 1));
}

/**
 * Calls the function pushed by pushFn with args in protected mode. Returns its results as JS
 * values; throws LuaError (message + traceback) when Lua raises. The stack is left balanced.
 */
export function callLua(L: LuaState, pushFn: () => void, args: unknown[], opts: ToJsOptions = {}): unknown[] {
  const base = lua.lua_gettop(L);
  lua.lua_pushcfunction(L, messageHandler);
  try {
    pushFn();
  } catch (e) {
    lua.lua_settop(L, base);
    throw e;
  }
  for (const a of args) pushValue(L, a);
  const status = lua.lua_pcall(L, args.length, lua.LUA_MULTRET, base + 1);
  if (status !== lua.LUA_OK) {
    const err = errorFromStack(L);
    lua.lua_settop(L, base);
    throw err;
  }
  const top = lua.lua_gettop(L);
  const out: unknown[] = [];
  for (let i = base + 2; i <= top; i++) out.push(toJs(L, i, opts));
  lua.lua_settop(L, base);
  return out;
}

/** Loads a chunk from source text (pushing it); throws LuaError on a syntax error. Use as callLua's pushFn. */
export function loadChunk(L: LuaState, source: string, chunkName: string): void {
  const bytes = luaString(source);
  const status = lauxlib.luaL_loadbufferx(L, bytes, bytes.length, luaString("@" + chunkName), null);
  if (status !== lua.LUA_OK) {
    const msg = jsString(lua.lua_tostring(L, -1));
    lua.lua_pop(L, 1);
    throw new LuaError(msg, "stack traceback:\n\t[while loading " + chunkName + "]");
  }
}
