// Values between JS and Lua: strings as UTF-8, integers kept, tables both ways, registry references.
import fengari from "fengari";
import type { LuaState, LuaString } from "fengari";

const { lua, lauxlib } = fengari;

const decoder = new TextDecoder("utf-8");
// Keys and short literals are pushed on every event; encoding them once saves most of the cost.
const encodeCache = new Map<string, LuaString>();

/** Encodes a JS string as a Lua string (UTF-8 bytes); short strings are cached. */
export function luaString(s: string): LuaString {
  if (s.length <= 24) {
    let cached = encodeCache.get(s);
    if (cached === undefined) {
      cached = new Uint8Array(Buffer.from(s, "utf8"));
      if (encodeCache.size > 4096) encodeCache.clear();
      encodeCache.set(s, cached);
    }
    return cached;
  }
  return new Uint8Array(Buffer.from(s, "utf8"));
}

/** Decodes Lua string bytes to a JS string (invalid UTF-8 becomes U+FFFD rather than throwing). */
export function jsString(bytes: LuaString): string {
  return decoder.decode(bytes);
}

/** A Lua function (or table) held in the registry so JS can call or read it later; release() frees it. */
export class LuaFunctionRef {
  private ref: number;
  constructor(
    readonly L: LuaState,
    ref: number,
  ) {
    this.ref = ref;
  }
  /** Pushes the referenced value onto the stack of its state (or of `onto`, a thread of the same state). */
  push(onto: LuaState = this.L): void {
    lua.lua_rawgeti(onto, lua.LUA_REGISTRYINDEX, this.ref);
  }

  /** True when `L` shares this reference's registry (the same state or one of its coroutines). */
  sameState(L: LuaState): boolean {
    return L === this.L || (L as unknown as { l_G: unknown }).l_G === (this.L as unknown as { l_G: unknown }).l_G;
  }
  /** Drops the registry reference; the function may be collected. */
  release(): void {
    if (this.ref === lauxlib.LUA_NOREF) return;
    lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, this.ref);
    this.ref = lauxlib.LUA_NOREF;
  }
}

/** Stores the value at idx (a function) in the registry and returns a callable reference. */
export function refFunction(L: LuaState, idx: number): LuaFunctionRef {
  lua.lua_pushvalue(L, idx);
  return new LuaFunctionRef(L, lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX));
}

/** A JS value whose Lua table is built lazily: each field is computed on first read, then cached. */
/** A host value that builds its own Lua value (a proxy table, say): pushValue calls pushLua. */
export interface LuaPushable {
  pushLua(L: LuaState): void;
}

function isPushable(v: object): v is LuaPushable {
  return typeof (v as Partial<LuaPushable>).pushLua === "function";
}

export type LazyTable = { readonly lazy: true; eager: Record<string, unknown>; fields: Record<string, () => unknown> };

/** Makes a lazy table description for pushValue. */
export function lazyTable(eager: Record<string, unknown>, fields: Record<string, () => unknown>): LazyTable {
  return { lazy: true, eager, fields };
}

function isLazy(v: object): v is LazyTable {
  return (v as Partial<LazyTable>).lazy === true && "fields" in v;
}

/** A JS function callable from Lua with the raw state: returns the number of results pushed. */
export type LuaCFunction = (L: LuaState) => number;

/** Marks a JS function to be pushed as a Lua C function as is (arguments read from the stack). */
export function cfunction(fn: LuaCFunction): LuaCFunction & { cfunction: true } {
  return Object.assign(fn, { cfunction: true as const });
}

const MAX_DEPTH = 64;

/** True when n fits fengari's integers, which are 32-bit (Lua 5.3's are 64-bit). */
export function isLuaInteger(n: number): boolean {
  return (n | 0) === n && !Object.is(n, -0);
}

/** Pushes a JS number: an integer when it fits 32 bits, else a float, so a millisecond timestamp,
 *  a file size or a token count keeps its value instead of wrapping (or throwing in fengari). */
export function pushNumber(L: LuaState, n: number): void {
  if (isLuaInteger(n)) lua.lua_pushinteger(L, n);
  else lua.lua_pushnumber(L, n);
}

/**
 * Pushes a JS value as Lua: 32-bit integers stay Lua integers (larger ones become floats), arrays become 1-based sequences, plain
 * objects become tables, LuaFunctionRef pushes its function, lazy tables get an __index metatable.
 */
export function pushValue(L: LuaState, v: unknown, depth = 0): void {
  switch (typeof v) {
    case "undefined":
      lua.lua_pushnil(L);
      return;
    case "boolean":
      lua.lua_pushboolean(L, v);
      return;
    case "number":
      pushNumber(L, v);
      return;
    case "bigint":
      pushNumber(L, Number(v));
      return;
    case "string":
      lua.lua_pushstring(L, luaString(v));
      return;
    case "function":
      if ((v as { cfunction?: boolean }).cfunction) lua.lua_pushcfunction(L, v);
      else lua.lua_pushnil(L);
      return;
    case "object":
      break;
    default:
      lua.lua_pushnil(L);
      return;
  }
  if (v === null || depth > MAX_DEPTH) {
    lua.lua_pushnil(L);
    return;
  }
  if (isPushable(v)) {
    v.pushLua(L);
    return;
  }
  if (v instanceof LuaFunctionRef) {
    // A function of another extension's state cannot cross over: it arrives as nil.
    if (v.sameState(L)) v.push(L);
    else lua.lua_pushnil(L);
    return;
  }
  if (v instanceof Uint8Array) {
    lua.lua_pushstring(L, v);
    return;
  }
  if (Array.isArray(v)) {
    lua.lua_createtable(L, v.length, 0);
    for (let i = 0; i < v.length; i++) {
      pushValue(L, v[i], depth + 1);
      lua.lua_rawseti(L, -2, i + 1);
    }
    return;
  }
  if (isLazy(v)) {
    pushLazy(L, v, depth);
    return;
  }
  lua.lua_createtable(L, 0, 4);
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === undefined) continue;
    pushValue(L, val, depth + 1);
    lua.lua_setfield(L, -2, luaString(k));
  }
}

function pushLazy(L: LuaState, t: LazyTable, depth: number): void {
  pushValue(L, t.eager, depth);
  let pending: Set<string> | undefined = new Set(Object.keys(t.fields));
  const fetch = (L2: LuaState, key: string): boolean => {
    if (!pending?.has(key)) return false;
    pending.delete(key);
    pushValue(L2, t.fields[key]!(), depth + 1);
    // Cache in the table itself so the next read does not call back into JS.
    lua.lua_pushvalue(L2, -1);
    lua.lua_setfield(L2, 1, luaString(key));
    return true;
  };
  lua.lua_createtable(L, 0, 2);
  lua.lua_pushcfunction(L, (L2: LuaState) => {
    if (lua.lua_type(L2, 2) !== lua.LUA_TSTRING) return 0;
    return fetch(L2, jsString(lua.lua_tostring(L2, 2))) ? 1 : 0;
  });
  lua.lua_setfield(L, -2, luaString("__index"));
  // pairs() must see every field, so it materializes the ones not read yet.
  lua.lua_pushcfunction(L, (L2: LuaState) => {
    for (const key of [...(pending ?? [])]) {
      if (fetch(L2, key)) lua.lua_pop(L2, 1);
    }
    pending = undefined;
    lua.lua_getglobal(L2, luaString("next"));
    lua.lua_pushvalue(L2, 1);
    lua.lua_pushnil(L2);
    return 3;
  });
  lua.lua_setfield(L, -2, luaString("__pairs"));
  lua.lua_setmetatable(L, -2);
}

/** Options for reading a Lua value into JS. */
export type ToJsOptions = { emptyTable?: "array" | "object" };

/**
 * Reads the Lua value at idx: nil -> undefined, integers and floats -> number, strings -> string,
 * sequences -> arrays, other tables -> objects (string and number keys), functions -> LuaFunctionRef.
 */
export function toJs(L: LuaState, idx: number, opts: ToJsOptions = {}, depth = 0): unknown {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      return undefined;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx);
    case lua.LUA_TNUMBER:
      return lua.lua_isinteger(L, idx) ? lua.lua_tointeger(L, idx) : lua.lua_tonumber(L, idx);
    case lua.LUA_TSTRING:
      return jsString(lua.lua_tostring(L, idx));
    case lua.LUA_TFUNCTION:
      return refFunction(L, idx);
    case lua.LUA_TTABLE:
      return depth > MAX_DEPTH ? undefined : tableToJs(L, lua.lua_absindex(L, idx), opts, depth);
    default:
      return undefined;
  }
}

function tableToJs(L: LuaState, idx: number, opts: ToJsOptions, depth: number): unknown {
  const len = lua.lua_rawlen(L, idx);
  let count = 0;
  const obj: Record<string, unknown> = {};
  // Each level holds a key and a value: a deep table (a provider request body) needs room.
  if (!lua.lua_checkstack(L, 3)) return undefined;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    count++;
    const kt = lua.lua_type(L, -2);
    let key: string | undefined;
    if (kt === lua.LUA_TSTRING) key = jsString(lua.lua_tostring(L, -2));
    else if (kt === lua.LUA_TNUMBER) key = String(lua.lua_tonumber(L, -2));
    if (key !== undefined) obj[key] = toJs(L, -1, opts, depth + 1);
    lua.lua_pop(L, 1);
  }
  if (count === 0) return opts.emptyTable === "array" ? [] : {};
  if (len > 0 && count === len) {
    const arr: unknown[] = new Array(len);
    for (let i = 1; i <= len; i++) arr[i - 1] = obj[String(i)];
    return arr;
  }
  return obj;
}

/** Lua's type name of a value toJs produced ("nil", "table", "function"...), for error messages. */
export function luaTypeOf(v: unknown): string {
  if (v === undefined || v === null) return "nil";
  if (v instanceof LuaFunctionRef || typeof v === "function") return "function";
  if (v instanceof Uint8Array) return "string";
  if (typeof v === "object") return "table";
  return typeof v === "bigint" ? "number" : typeof v;
}

/** Lua's type name of the value at idx, as error messages show it ("string", "nil", ...). */
export function luaTypeName(L: LuaState, idx: number): string {
  return jsString(lua.lua_typename(L, lua.lua_type(L, idx)));
}
