// librecode.on, api.create_autocmd and librecode.event: Lua handlers on the kernel's EventBus.
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { luaHandler } from "./lua-handler.js";
import { LuaFunctionRef, luaTypeOf } from "./lua-value.js";

function priorityOf(v: unknown, where: string): number {
  if (v === undefined) return 0;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ArgError(`${where}.priority: expected number, got ${luaTypeOf(v)}`);
  return v;
}

/** Registers fn for each event name. */
function register(ext: LuaExtension, names: string[], fn: LuaFunctionRef, priority: number): void {
  for (const name of names) ext.rt.events.on(name, luaHandler(ext, fn), { priority, owner: ext.name });
}

/** `librecode.on(name, fn)` / `on(name, {priority=N}, fn)`. */
export function onApi(ext: LuaExtension): ApiFn {
  return (a: Args) => {
    const name = a.string(1, "name");
    if (a.type(2) === "function") {
      const opts = a.isNil(3) ? {} : (a.table(3, "opts") as Record<string, unknown>);
      register(ext, [name], a.func(2, "fn"), priorityOf(opts.priority, `${a.fn}: argument 3 'opts'`));
      return true;
    }
    if (a.type(2) !== "table") a.fail(2, "fn", "function or {priority=} table");
    const opts = a.table(2, "opts") as Record<string, unknown>;
    register(ext, [name], a.func(3, "fn"), priorityOf(opts.priority, `${a.fn}: argument 2 'opts'`));
    return true;
  };
}

/** `api.create_autocmd(events, fn | {priority, callback})` (nvim-style alias of on). */
export function autocmdApi(ext: LuaExtension): ApiFn {
  return (a: Args) => {
    let names: string[] = [];
    if (a.type(1) === "string") names = [a.string(1, "events")];
    else if (a.type(1) === "table") names = a.strings(1, "events");
    else a.fail(1, "events", "an event name or a list of names");
    if (a.type(2) === "function") {
      register(ext, names, a.func(2, "fn"), 0);
      return true;
    }
    if (a.type(2) !== "table") a.fail(2, "opts", "function or {priority, callback} table");
    const opts = a.table(2, "opts") as Record<string, unknown>;
    const cb = opts.callback;
    if (!(cb instanceof LuaFunctionRef)) throw new ArgError(`${a.fn}: argument 2 'opts'.callback: expected function, got ${luaTypeOf(cb)}`);
    register(ext, names, cb, priorityOf(opts.priority, `${a.fn}: argument 2 'opts'`));
    return true;
  };
}

/** librecode.event: consume() and stop() act on the event the calling handler is running for. */
export function eventApi(ext: LuaExtension): Record<string, ApiFn> {
  return {
    consume: () => {
      ext.currentEvent()?.consume();
    },
    stop: () => {
      ext.currentEvent()?.stop();
    },
  };
}
