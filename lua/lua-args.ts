// Checked reading of Lua call arguments, and the wrapper that turns an API body into a Lua C function.
import fengari from "fengari";
import type { LuaState } from "fengari";
import { jsString, luaString, luaTypeName, pushValue, refFunction, toJs, type LuaFunctionRef } from "./lua-value.js";

const { lua } = fengari;

/** A bad argument from Lua; its message is the whole error text (`buf.insert: argument 2 'pos': ...`). */
export class ArgError extends Error {
  override name = "ArgError";
}

/** Reads and checks the arguments of one API call; every failure names function, argument and expectation. */
export class Args {
  constructor(
    readonly L: LuaState,
    readonly fn: string,
  ) {}

  /** Number of arguments passed. */
  get count(): number {
    return lua.lua_gettop(this.L);
  }

  /** Throws the standard argument error. */
  fail(i: number, name: string, expected: string): never {
    throw new ArgError(`${this.fn}: argument ${i} '${name}': expected ${expected}, got ${luaTypeName(this.L, i)}`);
  }

  /** True when argument i is nil or absent. */
  isNil(i: number): boolean {
    return lua.lua_isnoneornil(this.L, i);
  }

  /** Lua type of argument i ("nil", "string", "table", ...). */
  type(i: number): string {
    return luaTypeName(this.L, i);
  }

  /** A string argument. */
  string(i: number, name: string): string {
    if (lua.lua_type(this.L, i) !== lua.LUA_TSTRING) this.fail(i, name, "string");
    return jsString(lua.lua_tostring(this.L, i));
  }

  /** A string argument, or undefined when nil. */
  optString(i: number, name: string): string | undefined {
    return this.isNil(i) ? undefined : this.string(i, name);
  }

  /** A string, or a number rendered as Lua would (for text arguments). */
  text(i: number, name: string): string {
    const t = lua.lua_type(this.L, i);
    if (t === lua.LUA_TNUMBER) return jsString(lua.lua_tolstring(this.L, i));
    return this.string(i, name);
  }

  /** An integer argument: any finite number, truncated toward zero as the original's CheckInt did
   *  (`w / 2` is a column, `2.7` is 2). */
  integer(i: number, name: string): number {
    if (lua.lua_type(this.L, i) === lua.LUA_TNUMBER) {
      if (lua.lua_isinteger(this.L, i)) return lua.lua_tointeger(this.L, i);
      const n = lua.lua_tonumber(this.L, i);
      if (Number.isFinite(n)) return truncInt(n);
    }
    return this.fail(i, name, "integer");
  }

  /** An integer argument, or def when nil. */
  optInteger(i: number, name: string, def: number): number {
    return this.isNil(i) ? def : this.integer(i, name);
  }

  /** A number argument. */
  number(i: number, name: string): number {
    if (lua.lua_type(this.L, i) !== lua.LUA_TNUMBER) this.fail(i, name, "number");
    return lua.lua_tonumber(this.L, i);
  }

  /** A table read as JS (sequences as arrays, empty as emptyAs). */
  table(i: number, name: string, emptyAs: "array" | "object" = "object"): unknown {
    if (lua.lua_type(this.L, i) !== lua.LUA_TTABLE) this.fail(i, name, "table");
    return toJs(this.L, i, { emptyTable: emptyAs });
  }

  /** A list of strings (a Lua sequence); each item must be a string. */
  strings(i: number, name: string): string[] {
    const t = this.table(i, name, "array");
    const list = Array.isArray(t) ? t : [];
    if (!Array.isArray(t) || list.some((s) => typeof s !== "string")) this.fail(i, name, "a list of strings");
    return list as string[];
  }

  /** A function argument, kept in the registry. */
  func(i: number, name: string): LuaFunctionRef {
    if (lua.lua_type(this.L, i) !== lua.LUA_TFUNCTION) this.fail(i, name, "function");
    return refFunction(this.L, i);
  }

  /** Any value, converted to JS. */
  value(i: number, emptyAs: "array" | "object" = "object"): unknown {
    return toJs(this.L, i, { emptyTable: emptyAs });
  }
}

/** n truncated toward zero (never -0): how the original turned a Lua number into an int. */
export function truncInt(n: number): number {
  return Math.trunc(n) + 0;
}

/** An API function body: gets checked args, returns one JS value (pushed), or `multi(...)` for several. */
export type ApiFn = (a: Args) => unknown;

const MULTI = Symbol("multi");
/** Several return values. */
export function multi(...values: unknown[]): { [MULTI]: unknown[] } {
  return { [MULTI]: values };
}

/**
 * Wraps an API body as a Lua C function: JS errors become Lua errors with the error's text (no
 * position prefix, so tests and users see exactly `buf.insert: argument 2 'pos': ...`).
 */
export function apiFunction(fnName: string, body: ApiFn): (L: LuaState) => number {
  return (L: LuaState) => {
    let message: string;
    try {
      const r = body(new Args(L, fnName));
      if (r !== null && typeof r === "object" && MULTI in r) {
        const values = (r as { [MULTI]: unknown[] })[MULTI];
        for (const v of values) pushValue(L, v);
        return values.length;
      }
      pushValue(L, r);
      return 1;
    } catch (e) {
      // fengari raises Lua errors by throwing a non-Error object: let those through untouched.
      if (!(e instanceof Error)) throw e;
      message = e instanceof ArgError || e.message.startsWith(fnName) ? e.message : `${fnName}: ${e.message}`;
    }
    lua.lua_pushstring(L, luaString(message));
    return lua.lua_error(L);
  };
}

/** Sets `t[name] = fn` on the table at the top of the stack, for each entry. */
export function setFunctions(L: LuaState, prefix: string, fns: Record<string, ApiFn>): void {
  for (const [name, body] of Object.entries(fns)) {
    lua.lua_pushcfunction(L, apiFunction(prefix ? `${prefix}.${name}` : name, body));
    lua.lua_setfield(L, -2, luaString(name));
  }
}

