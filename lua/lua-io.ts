// Lua's io library (fengari's is partial): the io.* functions and FILE* methods over LuaFile.
import fengari from "fengari";
import type { LuaState } from "fengari";
import { LuaFile, fileFailure } from "./lua-file.js";
import { jsString, luaString, pushNumber } from "./lua-value.js";

const { lua, lauxlib } = fengari;

const FILE_META = luaString("FILE*");
const IO_INPUT = luaString("_IO_input");
const IO_OUTPUT = luaString("_IO_output");

type Slot = { file: LuaFile; id: number };
let nextId = 1;

function pushFile(L: LuaState, file: LuaFile): void {
  const ud = lua.lua_newuserdata(L, 0) as Slot;
  ud.file = file;
  ud.id = nextId++;
  lauxlib.luaL_setmetatable(L, FILE_META);
}

function checkFile(L: LuaState, idx: number): LuaFile {
  const ud = lauxlib.luaL_checkudata(L, idx, FILE_META) as Slot;
  if (ud.file.closed) lauxlib.luaL_error(L, luaString("attempt to use a closed file"));
  return ud.file;
}

/** Pushes Lua's failure triple `nil, message, errno` for a Node fs error; returns 3. */
export function failure(L: LuaState, e: unknown, name?: string): number {
  const f = fileFailure(e, name);
  lua.lua_pushnil(L);
  lua.lua_pushstring(L, luaString(f.message));
  lua.lua_pushinteger(L, f.errno);
  return 3;
}

function str(L: LuaState, idx: number): string {
  return jsString(lauxlib.luaL_checkstring(L, idx));
}

// Reads with the formats starting at stack index `first`; returns the number of results.
function readFormats(L: LuaState, file: LuaFile, first: number): number {
  const last = lua.lua_gettop(L);
  if (last < first) lua.lua_pushliteral(L, "l");
  const formats = Math.max(last, first) - first + 1;
  let n = 0;
  try {
    for (; n < formats; n++) {
      const idx = first + n;
      let ok = true;
      if (lua.lua_type(L, idx) === lua.LUA_TNUMBER) {
        const r = file.readCount(lauxlib.luaL_checkinteger(L, idx));
        ok = pushBytes(L, r);
      } else {
        const fmt = str(L, idx).replace(/^\*/, "");
        switch (fmt[0]) {
          case "l":
            ok = pushBytes(L, file.readLine(false));
            break;
          case "L":
            ok = pushBytes(L, file.readLine(true));
            break;
          case "a":
            ok = pushBytes(L, file.readAll());
            break;
          case "n": {
            const s = file.readNumeral();
            ok = s !== null && lua.lua_stringtonumber(L, luaString(s)) !== 0;
            if (!ok) lua.lua_pushnil(L);
            break;
          }
          default:
            return lauxlib.luaL_argerror(L, idx, luaString("invalid format"));
        }
      }
      if (!ok) return n + 1;
    }
  } catch (e) {
    return failure(L, e);
  }
  return n;
}

function pushBytes(L: LuaState, bytes: Uint8Array | null): boolean {
  if (bytes === null) {
    lua.lua_pushnil(L);
    return false;
  }
  lua.lua_pushstring(L, bytes);
  return true;
}

function writeArgs(L: LuaState, file: LuaFile, first: number, fileIdx: number): number {
  try {
    for (let i = first; i <= lua.lua_gettop(L); i++) file.write(lauxlib.luaL_checklstring(L, i));
  } catch (e) {
    return failure(L, e);
  }
  lua.lua_pushvalue(L, fileIdx);
  return 1;
}

function pushClose(L: LuaState, file: LuaFile): number {
  if (file.std) {
    lua.lua_pushnil(L);
    lua.lua_pushliteral(L, "cannot close standard file");
    return 2;
  }
  try {
    const exit = file.close(L);
    if (exit === null) {
      lua.lua_pushboolean(L, true);
      return 1;
    }
    if (exit[0]) lua.lua_pushboolean(L, true);
    else lua.lua_pushnil(L);
    lua.lua_pushstring(L, luaString(exit[1]));
    if (typeof exit[2] === "number") lua.lua_pushinteger(L, exit[2]);
    else lua.lua_pushstring(L, luaString(exit[2]));
    return 3;
  } catch (e) {
    return failure(L, e);
  }
}

// An iterator over lines/formats of a file; `close` closes it at the end (io.lines(name)).
function pushLinesIterator(L: LuaState, fileIdx: number, first: number, close: boolean): void {
  const top = lua.lua_gettop(L);
  lua.lua_pushvalue(L, fileIdx);
  for (let i = first; i <= top; i++) lua.lua_pushvalue(L, i);
  const nup = 1 + Math.max(0, top - first + 1);
  lua.lua_pushcclosure(
    L,
    (L2: LuaState) => {
      const file = checkFile(L2, lua.lua_upvalueindex(1));
      lua.lua_settop(L2, 0);
      for (let i = 2; i <= nup; i++) lua.lua_pushvalue(L2, lua.lua_upvalueindex(i));
      const n = readFormats(L2, file, 1);
      if (lua.lua_toboolean(L2, -n)) return n;
      if (n > 1 && lua.lua_type(L2, -n + 1) === lua.LUA_TSTRING) {
        return lauxlib.luaL_error(L2, luaString(jsString(lua.lua_tostring(L2, -n + 1))));
      }
      if (close) file.close(L2);
      return 0;
    },
    nup,
  );
}

function openOrFail(L: LuaState, name: string, mode: string): LuaFile | number {
  try {
    return LuaFile.open(name, mode);
  } catch (e) {
    return failure(L, e, name);
  }
}

const methods: Record<string, (L: LuaState) => number> = {
  read: (L) => readFormats(L, checkFile(L, 1), 2),
  write: (L) => writeArgs(L, checkFile(L, 1), 2, 1),
  lines: (L) => {
    checkFile(L, 1);
    pushLinesIterator(L, 1, 2, false);
    return 1;
  },
  seek: (L) => {
    const file = checkFile(L, 1);
    const whence = ["set", "cur", "end"][lauxlib.luaL_checkoption(L, 2, luaString("cur"), [luaString("set"), luaString("cur"), luaString("end")])] as "set" | "cur" | "end";
    const offset = lauxlib.luaL_optinteger(L, 3, 0);
    try {
      pushNumber(L, file.seek(whence, offset));
      return 1;
    } catch (e) {
      return failure(L, e);
    }
  },
  close: (L) => pushClose(L, checkFile(L, 1)),
  flush: (L) => {
    checkFile(L, 1);
    lua.lua_pushvalue(L, 1);
    return 1;
  },
  setvbuf: (L) => {
    checkFile(L, 1);
    lua.lua_pushboolean(L, true);
    return 1;
  },
};

function defaultFile(L: LuaState, key: Uint8Array, idx: number, mode: string): number {
  if (!lua.lua_isnoneornil(L, idx)) {
    if (lua.lua_type(L, idx) === lua.LUA_TSTRING) {
      const name = str(L, idx);
      const f = openOrFail(L, name, mode);
      if (typeof f === "number") return lauxlib.luaL_error(L, luaString(jsString(lua.lua_tostring(L, -2))));
      pushFile(L, f);
    } else {
      checkFile(L, idx);
      lua.lua_pushvalue(L, idx);
    }
    lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, key);
  }
  lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, key);
  return 1;
}

function withDefault(L: LuaState, key: Uint8Array): LuaFile {
  lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, key);
  lua.lua_insert(L, 1);
  return checkFile(L, 1);
}

const functions: Record<string, (L: LuaState) => number> = {
  open: (L) => {
    const name = str(L, 1);
    const mode = lua.lua_isnoneornil(L, 2) ? "r" : str(L, 2);
    if (!/^[rwa]\+?b*$/.test(mode)) return lauxlib.luaL_argerror(L, 2, luaString("invalid mode"));
    const f = openOrFail(L, name, mode);
    if (typeof f === "number") return f;
    pushFile(L, f);
    return 1;
  },
  popen: (L) => {
    const cmd = str(L, 1);
    const mode = lua.lua_isnoneornil(L, 2) ? "r" : str(L, 2);
    if (mode !== "r" && mode !== "w") return lauxlib.luaL_argerror(L, 2, luaString("invalid mode"));
    pushFile(L, LuaFile.popen(L, cmd, mode === "w"));
    return 1;
  },
  tmpfile: (L) => {
    const f = openOrFail(L, `${process.env.TMPDIR ?? "/tmp"}/lua_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2)}`, "w+");
    if (typeof f === "number") return f;
    pushFile(L, f);
    return 1;
  },
  close: (L) => {
    if (lua.lua_isnone(L, 1)) lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, IO_OUTPUT);
    return pushClose(L, checkFile(L, 1));
  },
  read: (L) => readFormats(L, withDefault(L, IO_INPUT), 2),
  write: (L) => writeArgs(L, withDefault(L, IO_OUTPUT), 2, 1),
  lines: (L) => {
    if (lua.lua_isnoneornil(L, 1)) {
      lua.lua_settop(L, Math.max(lua.lua_gettop(L), 1));
      lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, IO_INPUT);
      lua.lua_replace(L, 1);
      checkFile(L, 1);
      pushLinesIterator(L, 1, 2, false);
      return 1;
    }
    const name = str(L, 1);
    const f = openOrFail(L, name, "r");
    if (typeof f === "number") return lauxlib.luaL_error(L, luaString(jsString(lua.lua_tostring(L, -2))));
    pushFile(L, f);
    lua.lua_replace(L, 1);
    pushLinesIterator(L, 1, 2, true);
    return 1;
  },
  input: (L) => defaultFile(L, IO_INPUT, 1, "r"),
  output: (L) => defaultFile(L, IO_OUTPUT, 1, "w"),
  type: (L) => {
    lauxlib.luaL_checkany(L, 1);
    const ud = lauxlib.luaL_testudata(L, 1, FILE_META) as Slot | null;
    if (ud === null) lua.lua_pushnil(L);
    else lua.lua_pushliteral(L, ud.file.closed ? "closed file" : "file");
    return 1;
  },
};

function setFuncs(L: LuaState, fns: Record<string, (L: LuaState) => number>): void {
  for (const [name, fn] of Object.entries(fns)) {
    lua.lua_pushcfunction(L, fn);
    lua.lua_setfield(L, -2, luaString(name));
  }
}

/** luaopen_io replacement: a complete `io` table (open, lines, read, write, popen, ...). */
export function openIo(L: LuaState): number {
  lauxlib.luaL_newmetatable(L, FILE_META);
  lua.lua_createtable(L, 0, 8);
  setFuncs(L, methods);
  lua.lua_setfield(L, -2, luaString("__index"));
  lua.lua_pushcfunction(L, (L2: LuaState) => {
    const ud = lauxlib.luaL_checkudata(L2, 1, FILE_META) as Slot;
    lua.lua_pushstring(L2, luaString(ud.file.closed ? "file (closed)" : "file (0x" + ud.id.toString(16) + ")"));
    return 1;
  });
  lua.lua_setfield(L, -2, luaString("__tostring"));
  lua.lua_pop(L, 1);

  lua.lua_createtable(L, 0, 16);
  setFuncs(L, functions);
  const std: [string, number][] = [["stdin", 0], ["stdout", 1], ["stderr", 2]];
  for (const [name, fd] of std) {
    pushFile(L, LuaFile.std(fd));
    if (fd === 0) {
      lua.lua_pushvalue(L, -1);
      lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, IO_INPUT);
    } else if (fd === 1) {
      lua.lua_pushvalue(L, -1);
      lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, IO_OUTPUT);
    }
    lua.lua_setfield(L, -2, luaString(name));
  }
  return 1;
}
