// Caps on strings an extension creates in one operation (rep, .., concat, format, gsub).
import { createRequire } from "node:module";
import fengari from "fengari";
import type { LuaState } from "fengari";
import { luaString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

/**
 * The largest string an extension may create in one operation: 16 MiB. fengari copies strings a
 * byte at a time in places, so one operation on this much costs up to about a second; the cap is
 * what keeps a single call (which the budget cannot interrupt) short.
 */
export const MAX_STRING_BYTES = 16 * 1024 * 1024;

/** The one-line error for a string of `bytes` made by `what`. */
export function tooLarge(what: string, bytes: number): string {
  return `${what}: result too large (${bytes} bytes; an extension's strings may be at most 16 MiB)`;
}

type TString = { realstring: Uint8Array };
type LObject = { setsvalue2s(L: unknown, idx: number, ts: TString): void };
type LDebug = { luaG_runerror(L: unknown, fmt: Uint8Array): never };

let concatPatched = false;

// The VM's `..` builds its result and stores it with lobject.setsvalue2s (looked up on the module
// object each time), the one place a concatenation can be refused before the value exists in Lua.
// Only the concatenation goes through this function; strings under the cap cost one comparison.
function patchConcat(): void {
  if (concatPatched) return;
  concatPatched = true;
  const require = createRequire(import.meta.url);
  const lobject = require("fengari/src/lobject.js") as LObject;
  const ldebug = require("fengari/src/ldebug.js") as LDebug;
  const original = lobject.setsvalue2s;
  lobject.setsvalue2s = (L, idx, ts) => {
    const n = ts.realstring.length;
    if (n > MAX_STRING_BYTES) ldebug.luaG_runerror(L, luaString(tooLarge("string concatenation", n)));
    original(L, idx, ts);
  };
}

// string.rep's size is known from its arguments: refuse before allocating. fengari's own rep
// copies once per repetition; Buffer.fill repeats the pattern natively.
function rep(L: LuaState): number {
  const s = lauxlib.luaL_checklstring(L, 1) as Uint8Array;
  const n = lauxlib.luaL_checkinteger(L, 2);
  const sep = (lua.lua_isnoneornil(L, 3) ? new Uint8Array(0) : lauxlib.luaL_checklstring(L, 3)) as Uint8Array;
  const total = n <= 0 || s.length + sep.length === 0 ? 0 : n * s.length + (n - 1) * sep.length;
  if (total > MAX_STRING_BYTES) return lauxlib.luaL_error(L, luaString(tooLarge("string.rep", total)));
  if (total === 0) {
    lua.lua_pushliteral(L, "");
    return 1;
  }
  const unit = Buffer.concat([s, sep]);
  lua.lua_pushlstring(L, Buffer.alloc(total + sep.length).fill(unit).subarray(0, total), total);
  return 1;
}

// table.concat's size is the sum of its parts: refuse before joining.
function concat(L: LuaState): number {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  const lsep = lua.lua_isnoneornil(L, 2) ? 0 : lauxlib.luaL_checklstring(L, 2).length;
  const i = lauxlib.luaL_optinteger(L, 3, 1);
  const j = lua.lua_isnoneornil(L, 4) ? lauxlib.luaL_len(L, 1) : lauxlib.luaL_checkinteger(L, 4);
  let total = 0;
  for (let k = i; k <= j && total <= MAX_STRING_BYTES; k++) {
    lua.lua_geti(L, 1, k);
    if (lua.lua_isstring(L, -1)) total += lua.lua_tolstring(L, -1).length + (k < j ? lsep : 0);
    lua.lua_pop(L, 1);
  }
  if (total > MAX_STRING_BYTES) return lauxlib.luaL_error(L, luaString(tooLarge("table.concat", total)));
  return callOriginal(L);
}

// format and gsub: the result's size depends on the work; checked as soon as it exists.
function checkedAfter(what: string) {
  return (L: LuaState): number => {
    const n = callOriginal(L);
    const top = lua.lua_gettop(L);
    if (lua.lua_type(L, top - n + 1) === lua.LUA_TSTRING) {
      const len = lua.lua_tolstring(L, top - n + 1).length;
      if (len > MAX_STRING_BYTES) return lauxlib.luaL_error(L, luaString(tooLarge(what, len)));
    }
    return n;
  };
}

type CFunction = (L: LuaState) => number;

// Runs the library's own function (upvalue 1) in this same call frame, so its argument errors
// still name the function ("bad argument #2 to 'format'"); returns its result count.
function callOriginal(L: LuaState): number {
  const v = lua.lua_tocfunction(L, lua.lua_upvalueindex(1)) as CFunction | { f: CFunction };
  return typeof v === "function" ? v(L) : v.f(L);
}

function wrap(L: LuaState, lib: string, name: string, fn: CFunction): void {
  lua.lua_getglobal(L, luaString(lib));
  lua.lua_getfield(L, -1, luaString(name));
  lua.lua_pushcclosure(L, fn, 1);
  lua.lua_setfield(L, -2, luaString(name));
  lua.lua_pop(L, 1);
}

/** Caps string.rep, table.concat, string.format, string.gsub and `..` at MAX_STRING_BYTES. */
export function installStringCaps(L: LuaState): void {
  patchConcat();
  wrap(L, "string", "rep", rep);
  wrap(L, "table", "concat", concat);
  wrap(L, "string", "format", checkedAfter("string.format"));
  wrap(L, "string", "gsub", checkedAfter("string.gsub"));
}
