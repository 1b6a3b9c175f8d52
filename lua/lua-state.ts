// Fresh fengari states: the standard libraries with our io and os, package.path at the extension root.
import path from "node:path";
import fengari from "fengari";
import type { LuaState } from "fengari";
import { openIo } from "./lua-io.js";
import { installLua51 } from "./lua51-compat.js";
import { patchOs } from "./lua-os.js";
import { installStringCaps } from "./string-caps.js";
import { luaString } from "./lua-value.js";

const { lua, lauxlib, lualib } = fengari;

const LIBS: [string, unknown][] = [
  ["_G", lualib.luaopen_base],
  ["package", lualib.luaopen_package],
  ["coroutine", lualib.luaopen_coroutine],
  ["table", lualib.luaopen_table],
  ["string", lualib.luaopen_string],
  ["math", lualib.luaopen_math],
  ["utf8", lualib.luaopen_utf8],
  ["os", lualib.luaopen_os],
  ["debug", lualib.luaopen_debug],
];

/**
 * A fresh Lua state with the standard libraries (our working `io` in place of fengari's partial
 * one) and `package.path` set to `<root>/?.lua;<root>/?/init.lua`.
 */
export function createLuaState(root: string): LuaState {
  const L: LuaState = lauxlib.luaL_newstate();
  // A JS exception escaping a host function becomes an ordinary Lua error (its message), so
  // pcall sees it and a traceback is attached, instead of fengari's opaque status -1.
  lua.lua_atnativeerror(L, (L2: LuaState) => {
    const e = lua.lua_touserdata(L2, 1) as unknown;
    lua.lua_pushstring(L2, luaString(e instanceof Error ? e.message : String(e)));
    return 1;
  });
  for (const [name, open] of LIBS) {
    lauxlib.luaL_requiref(L, luaString(name), open, 1);
    lua.lua_pop(L, 1);
  }
  lauxlib.luaL_requiref(L, luaString("io"), openIo, 1);
  lua.lua_pop(L, 1);
  patchOs(L);
  installStringCaps(L);
  installLua51(L);
  setPackagePath(L, root);
  return L;
}

/** Points `package.path` at an extension root. */
export function setPackagePath(L: LuaState, root: string): void {
  const abs = path.resolve(root);
  lua.lua_getglobal(L, luaString("package"));
  lua.lua_pushstring(L, luaString(`${abs}/?.lua;${abs}/?/init.lua`));
  lua.lua_setfield(L, -2, luaString("path"));
  lua.lua_pop(L, 1);
}

/** Registers a value in `package.loaded[name]` so `require(name)` returns it; pops nothing. */
export function preloadModule(L: LuaState, name: string, tableIndex: number): void {
  const idx = lua.lua_absindex(L, tableIndex);
  lauxlib.luaL_getsubtable(L, lua.LUA_REGISTRYINDEX, luaString("_LOADED"));
  lua.lua_pushvalue(L, idx);
  lua.lua_setfield(L, -2, luaString(name));
  lua.lua_pop(L, 1);
}
