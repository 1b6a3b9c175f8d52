// Lua functions as kernel event handlers: the rich event table, or {name, payload} written back for lifecycle events.
import fengari from "fengari";
import type { EventContext, Handler, HandlerResult } from "../engine/kernel/event-bus.js";
import { eventTable, LIFECYCLE_EVENTS } from "./event-table.js";
import { isRecord } from "../engine/kernel/is-record.js";
import { applyLifecycleReturn, applyTerminalReturn } from "./handler-return.js";
import type { LuaExtension } from "./lua-extension.js";
import { transcriptLines } from "./transcript-render-return.js";
import { luaString, pushValue, toJs, LuaFunctionRef } from "./lua-value.js";

const { lua, lauxlib } = fengari;

function handlerResult(r: unknown): HandlerResult {
  if (r === true) return true;
  if (r !== null && typeof r === "object" && !(r instanceof LuaFunctionRef)) return r as HandlerResult;
  return undefined;
}

// Lifecycle handlers get {name, payload}; the payload table is read back after the call and
// written into ev.data (fields set to nil are deleted), as docs/internal/kernel-contract.md says;
// then a returned table applies (handler-return.ts), all inside the handler's savepoint.
function callLifecycle(ext: LuaExtension, fn: LuaFunctionRef, ev: EventContext): HandlerResult {
  const L = ext.L;
  pushValue(L, { name: ev.name, payload: ev.data });
  const ref = new LuaFunctionRef(L, lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX));
  try {
    const [r] = ext.call(fn, [ref], ev);
    ref.push();
    lua.lua_getfield(L, -1, luaString("payload"));
    const payload = toJs(L, -1);
    lua.lua_pop(L, 2);
    if (payload !== null && typeof payload === "object" && !Array.isArray(payload)) {
      const next = payload as Record<string, unknown>;
      for (const k of Object.keys(ev.data)) if (!(k in next)) delete ev.data[k];
      Object.assign(ev.data, next);
    }
    applyLifecycleReturn(ev, isRecord(r) ? r : {});
    return handlerResult(r);
  } finally {
    ref.release();
  }
}

/** Wraps a Lua function as a kernel Handler: it gets the event table and may return true or flags. */
export function luaHandler(ext: LuaExtension, fn: LuaFunctionRef): Handler {
  return (ev) => {
    if (LIFECYCLE_EVENTS.has(ev.name)) return callLifecycle(ext, fn, ev);
    const [r] = ext.call(fn, [eventTable(ext.rt, ev, ext.context())], ev);
    // A block drawn by this handler: its lines are the result, and no later handler is asked.
    if (ev.name === "transcript_render") {
      if (isRecord(r) && r.lines !== undefined) {
        ev.data.lines = transcriptLines(r.lines);
        ev.stop();
      }
      return undefined;
    }
    if (isRecord(r)) applyTerminalReturn(ext, r);
    return handlerResult(r);
  };
}
