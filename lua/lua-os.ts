// Where fengari's os differs from C Lua: remove/rename failure messages and os.date's "!" prefix;
// and where an extension's os must not act like a program's: exit and execute.
import fs from "node:fs";
import fengari from "fengari";
import type { LuaState } from "fengari";
import { hostLimits } from "./host-limits.js";
import { failure } from "./lua-io.js";
import { runShell } from "./lua-process.js";
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
  lua.lua_pushcfunction(L, exit);
  lua.lua_setfield(L, -2, luaString("exit"));
  lua.lua_pushcfunction(L, execute);
  lua.lua_setfield(L, -2, luaString("execute"));
  lua.lua_pop(L, 1);
}

/** Longest command output os.execute copies into the extension log. */
const LOG_OUTPUT = 4096;

// An extension shares the process with the host: os.exit would end librecode. It aborts the
// callback instead, and the extension is disabled once the callback has unwound.
function exit(L: LuaState): number {
  const arg = lua.lua_isnone(L, 1) ? "" : jsString(lauxlib.luaL_tolstring(L, 1));
  const call = `os.exit(${arg})`;
  const limits = hostLimits(L);
  limits.exitRequested(call);
  return limits.abort(L, `${call}: an extension cannot exit librecode; it is disabled`);
}

// os.execute with the callback's budget as its deadline; what the command prints goes to the
// extension log, never to the terminal (or into `render`'s output).
function execute(L: LuaState): number {
  if (lua.lua_isnoneornil(L, 1)) {
    lua.lua_pushboolean(L, true);
    return 1;
  }
  const cmd = jsString(lauxlib.luaL_checkstring(L, 1));
  const r = runShell(L, "os.execute", cmd);
  const out = Buffer.concat([r.stdout, r.stderr]).toString("utf8").trimEnd();
  if (out !== "") hostLimits(L).log(`os.execute: ${out.length > LOG_OUTPUT ? `${out.slice(0, LOG_OUTPUT)}...` : out}`);
  if (r.exit[0]) lua.lua_pushboolean(L, true);
  else lua.lua_pushnil(L);
  lua.lua_pushstring(L, luaString(r.exit[1]));
  if (typeof r.exit[2] === "number") lua.lua_pushinteger(L, r.exit[2]);
  else lua.lua_pushstring(L, luaString(r.exit[2]));
  return 3;
}
