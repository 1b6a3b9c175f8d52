// The librecode Lua module: every API group in one table, set as a global and as require("librecode").
import fengari from "fengari";
import { bufApi } from "./api-buf.js";
import { extmarkApi } from "./api-extmark.js";
import { autocmdApi, emitApi, eventApi, offApi, onApi } from "./api-events.js";
import { jobApi } from "./api-job.js";
import { keymapApi } from "./api-keymap.js";
import { extensionApi, storeApi } from "./api-store.js";
import { layoutApi } from "./api-layout.js";
import { miscApi, userCommandApi } from "./api-misc.js";
import { uiApi } from "./api-ui.js";
import { winApi } from "./api-win.js";
import { modelApi } from "./api-model.js";
import { toolsApi } from "./api-tools.js";
import { sessionApi } from "./api-session.js";
import { agentApi } from "./api-agent.js";
import { agentOf } from "../engine/agent/agent-handle.js";
import { setFunctions, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { preloadModule } from "./lua-state.js";
import { luaString } from "./lua-value.js";

const { lua } = fengari;

/** The version of this Lua API; manifests may name it in `api_version`. */
export const API_VERSION = 1;

/** Every function of the module by dotted path (what docs/lua-api.md must document). */
export function moduleShape(ext: LuaExtension): Record<string, Record<string, ApiFn>> {
  const misc = miscApi(ext);
  const userCommand = userCommandApi(ext);
  const autocmd = autocmdApi(ext);
  const off = offApi(ext);
  return {
    "": { on: onApi(ext), off, emit: emitApi(ext), ...misc.top },
    event: eventApi(ext),
    keymap: keymapApi(ext),
    buf: { ...bufApi(ext), ...extmarkApi(ext).buf },
    win: winApi(ext),
    layout: layoutApi(ext),
    ui: uiApi(ext),
    timer: misc.timer,
    job: jobApi(ext),
    store: storeApi(ext),
    extension: extensionApi(ext),
    action: misc.action,
    model: modelApi(ext),
    tools: toolsApi(ext),
    session: sessionApi(ext),
    agent: agentApi(ext),
    api: {
      ...misc.api,
      ...extmarkApi(ext).api,
      create_autocmd: autocmd,
      nvim_create_autocmd: autocmd,
      nvim_del_autocmd: off,
      create_user_command: userCommand,
      nvim_create_user_command: userCommand,
    },
    autocmd: { create: autocmd },
    command: { create: userCommand },
  };
}

/**
 * Builds the `librecode` table in the extension's state, sets it as a global and as
 * `package.loaded.librecode`, and leaves it on the stack top.
 */
export function installModule(ext: LuaExtension): void {
  const L = ext.L;
  const shape = moduleShape(ext);
  // Streams and tool runs an extension started stop with it (disabled or reloaded).
  ext.onDispose(() => agentOf(ext.rt)?.cancelOwner(ext.name));
  lua.lua_createtable(L, 0, 16);
  setFunctions(L, "", shape[""]!);
  lua.lua_pushinteger(L, API_VERSION);
  lua.lua_setfield(L, -2, luaString("api_version"));
  for (const [group, fns] of Object.entries(shape)) {
    if (group === "") continue;
    lua.lua_createtable(L, 0, Object.keys(fns).length);
    setFunctions(L, group, fns);
    lua.lua_setfield(L, -2, luaString(group));
  }
  // print would write into the middle of the full-screen UI: it goes to the extension's log.
  lua.lua_getfield(L, -1, luaString("log"));
  lua.lua_setglobal(L, luaString("print"));
  lua.lua_pushvalue(L, -1);
  lua.lua_setglobal(L, luaString("librecode"));
  preloadModule(L, "librecode", -1);
}
