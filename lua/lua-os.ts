// Where fengari's os differs from C Lua: remove/rename failure messages and os.date's "!" prefix.
import fs from "node:fs";
import fengari from "fengari";
import type { LuaState } from "fengari";
import { failure } from "./lua-io.js";
import { jsString, luaString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

/**
 * Fixes fengari's os where it differs from C Lua: remove/rename messages are Lua's
 * ("name: No such file or directory"), and os.date honours the "!" (UTC) prefix in formats.
 */
export function patchOs(L: LuaState): void {
  lua.lua_getglobal(L, luaString("os"));
  lua.lua_pushcfunction(L, (L2: LuaState) => {
    const name = jsString(lauxlib.luaL_checkstring(L2, 1));
    try {
      if (fs.statSync(name).isDirectory()) fs.rmdirSync(name);
      else fs.unlinkSync(name);
    } catch (e) {
      return failure(L2, e, name);
    }
    lua.lua_pushboolean(L2, true);
    return 1;
  });
  lua.lua_setfield(L, -2, luaString("remove"));
  lua.lua_pushcfunction(L, (L2: LuaState) => {
    const from = jsString(lauxlib.luaL_checkstring(L2, 1));
    const to = jsString(lauxlib.luaL_checkstring(L2, 2));
    try {
      fs.renameSync(from, to);
    } catch (e) {
      return failure(L2, e, from);
    }
    lua.lua_pushboolean(L2, true);
    return 1;
  });
  lua.lua_setfield(L, -2, luaString("rename"));
  lua.lua_getfield(L, -1, luaString("date"));
  lua.lua_pushcclosure(
    L,
    (L2: LuaState) => {
      const fmt = lua.lua_isnoneornil(L2, 1) ? "%c" : jsString(lauxlib.luaL_checkstring(L2, 1));
      const t = lua.lua_isnoneornil(L2, 2) ? Math.floor(Date.now() / 1000) : lauxlib.luaL_checkinteger(L2, 2);
      lua.lua_pushvalue(L2, lua.lua_upvalueindex(1));
      if (fmt.startsWith("!") && !fmt.startsWith("!*t")) {
        // fengari's strftime ignores "!": format the local rendering of the shifted instant.
        const shifted = t + new Date(t * 1000).getTimezoneOffset() * 60;
        lua.lua_pushstring(L2, luaString(fmt.slice(1)));
        lua.lua_pushinteger(L2, shifted);
      } else {
        lua.lua_pushstring(L2, luaString(fmt));
        lua.lua_pushinteger(L2, t);
      }
      lua.lua_call(L2, 2, 1);
      return 1;
    },
    1,
  );
  lua.lua_setfield(L, -2, luaString("date"));
  lua.lua_pop(L, 1);
}
