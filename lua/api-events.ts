// librecode.on/off/emit, api.create_autocmd/del_autocmd and librecode.event: Lua handlers on the kernel's EventBus.
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { luaHandler } from "./lua-handler.js";
import { checkFields, fieldsArg, type FieldSchema } from "./table-fields.js";
import { checkRegistration } from "./registration-limits.js";
import { LuaFunctionRef, luaTypeOf } from "./lua-value.js";

function priorityOf(v: unknown, where: string): number {
  if (v === undefined) return 0;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ArgError(`${where}.priority: expected number, got ${luaTypeOf(v)}`);
  return v;
}

/** Registers fn for each event name; returns the id `off` takes. */
function register(ext: LuaExtension, fnName: string, names: string[], fn: LuaFunctionRef, priority: number): number {
  checkRegistration(ext, "handlers", fnName, names.length);
  const handler = luaHandler(ext, fn);
  const removers = names.map((name) => ext.rt.events.on(name, handler, { priority, owner: ext.name }));
  return ext.handlers.add(removers, fn);
}

/** How deep custom events may emit custom events (a loop of two handlers emitting each other). */
export const MAX_EMIT_DEPTH = 32;

/** A custom event name: `ns:event`, both parts non-empty, no spaces (host events never contain ':'). */
const CUSTOM_EVENT = /^[^\s:]+:\S+$/;

const ON_OPTS: FieldSchema = { priority: "any" };
// nvim's autocmd keys that mean something here; `desc` is accepted for nvim-style code and unused.
const AUTOCMD_OPTS: FieldSchema = { priority: "any", callback: "any", command: "any", desc: "string" };

/** `librecode.on(name, fn)` / `on(name, {priority=N}, fn)`. */
export function onApi(ext: LuaExtension): ApiFn {
  return (a: Args) => {
    const name = a.string(1, "name");
    if (a.type(2) === "function") {
      const opts = fieldsArg(a, 3, "opts", ON_OPTS);
      return register(ext, a.fn, [name], a.func(2, "fn"), priorityOf(opts.priority, `${a.fn}: argument 3 'opts'`));
    }
    if (a.type(2) !== "table") a.fail(2, "fn", "function or {priority=} table");
    const opts = checkFields(a.fn, "opts", a.table(2, "opts"), ON_OPTS);
    return register(ext, a.fn, [name], a.func(3, "fn"), priorityOf(opts.priority, `${a.fn}: argument 2 'opts'`));
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
      return register(ext, a.fn, names, a.func(2, "fn"), 0);
    }
    if (a.type(2) !== "table") a.fail(2, "opts", "function or {priority, callback} table");
    const opts = checkFields(a.fn, "opts", a.table(2, "opts"), AUTOCMD_OPTS);
    // `command` is the original's other spelling of `callback`.
    const cb = opts.callback ?? opts.command;
    if (!(cb instanceof LuaFunctionRef)) throw new ArgError(`${a.fn}: argument 2 'opts'.callback: expected function, got ${luaTypeOf(cb)}`);
    return register(ext, a.fn, names, cb, priorityOf(opts.priority, `${a.fn}: argument 2 'opts'`));
  };
}

/** `librecode.off(id)` / `api.nvim_del_autocmd(id)`: removes a registration of this extension. */
export function offApi(ext: LuaExtension): ApiFn {
  return (a: Args) => ext.handlers.remove(a.integer(1, "id"));
}

let emitDepth = 0;

/** `librecode.emit("ns:event", data) -> consumed`: runs every extension's handlers of a custom event. */
export function emitApi(ext: LuaExtension): ApiFn {
  return (a: Args) => {
    const name = a.string(1, "name");
    if (!CUSTOM_EVENT.test(name)) {
      throw new ArgError(`${a.fn}: argument 1 'name': expected a custom event name "namespace:event", got ${JSON.stringify(name)} (host events cannot be emitted)`);
    }
    const data = a.isNil(2) ? {} : (a.table(2, "data") as Record<string, unknown>);
    if (emitDepth >= MAX_EMIT_DEPTH) throw new ArgError(`${a.fn}: ${JSON.stringify(name)}: custom events nested more than ${MAX_EMIT_DEPTH} deep`);
    emitDepth++;
    try {
      return ext.rt.emit(name, data).consumed;
    } finally {
      emitDepth--;
    }
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
