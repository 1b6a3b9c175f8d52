// fengari ships no type declarations; it is CommonJS and mirrors the Lua 5.3 C API.
declare module "fengari" {
  /** A Lua string as fengari stores it: UTF-8 bytes. */
  export type LuaString = Uint8Array;
  /** An opaque Lua state (lua_State*). */
  export type LuaState = { readonly __luaState: unique symbol } & object;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Api = Record<string, any>;
  const fengari: {
    lua: Api;
    lauxlib: Api;
    lualib: Api;
    to_luastring(s: string, cache?: boolean): LuaString;
    to_jsstring(s: LuaString): string;
  };
  export default fengari;
}

// fengari's number formatting, wrapped by lua51-compat.ts (it is looked up on the module at each call).
declare module "fengari/src/lobject.js" {
  const lobject: { luaO_tostring: (L: unknown, o: unknown) => void };
  export default lobject;
}
