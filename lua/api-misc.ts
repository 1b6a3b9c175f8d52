// The smaller librecode groups: commands, tools, timers, actions, namespaces and log.
import { commandWhere } from "../engine/kernel/command-registry.js";
import type { ToolResult } from "../engine/kernel/tool-registry.js";
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { checkFields } from "./table-fields.js";
import { checkRegistration, ownsName } from "./registration-limits.js";
import { LuaFunctionRef, luaTypeOf } from "./lua-value.js";
import { tostringAt } from "./lua51-compat.js";
import { eventTable, hostEvent } from "./event-table.js";
import { applyHandlerReturn } from "./handler-return.js";

/** Thrown by an extension command's run() when the Lua function failed; the error is already reported. */
export class CommandFailed extends Error {
  override name = "CommandFailed";
  readonly reported = true;
}

function words(args: string): string[] {
  return args.split(/\s+/).filter((w) => w !== "");
}

/** Registers a Lua function as a command: `fn(args, words)`; returns what it returns (as text). */
export function registerLuaCommand(ext: LuaExtension, name: string, desc: string, fn: LuaFunctionRef, apiFn = "register_command"): void {
  if (!ownsName(ext, "commands", name)) checkRegistration(ext, "commands", apiFn);
  ext.rt.commands.register(name, {
    desc,
    owner: ext.name,
    run: (args: string) => {
      const r = ext.rt.guard(ext.name, commandWhere(name), () => ext.call(fn, [args, words(args)]));
      if (!r.ok) throw new CommandFailed(r.error.message);
      const out = r.value[0];
      return out === undefined || out instanceof LuaFunctionRef ? undefined : out;
    },
  });
}

function toolResult(v: unknown): ToolResult {
  if (v === undefined) return { content: "" };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { content: String(v) };
  if (typeof v === "object" && v !== null) {
    const t = v as Record<string, unknown>;
    return { content: typeof t.content === "string" ? t.content : JSON.stringify(t.content ?? ""), details: t.details, isError: t.is_error === true || undefined };
  }
  return { content: "" };
}

/** Registers a Lua tool in the kernel ToolRegistry, next to the built-in tools. */
export function registerLuaTool(ext: LuaExtension, name: string, desc: string, fn: LuaFunctionRef, schema: Record<string, unknown>): void {
  ext.rt.tools.register({
    name,
    description: desc,
    schema,
    owner: ext.name,
    run: async (args) => {
      const r = ext.rt.guard(ext.name, `tool ${name}`, () => ext.call(fn, [args]));
      if (!r.ok) return { content: `tool ${name} failed: ${r.error.message}`, isError: true };
      return toolResult(r.value[0]);
    },
  });
}

function commandSpec(a: Args, i: number): { desc: string; fn: LuaFunctionRef } {
  if (a.type(i) === "function") return { desc: "", fn: a.func(i, "fn") };
  if (a.type(i) !== "table") a.fail(i, "fn", "function or {desc, callback} table");
  const t = checkFields(a.fn, "opts", a.table(i, "opts"), { callback: "any", desc: "string", description: "string" });
  if (!(t.callback instanceof LuaFunctionRef)) {
    throw new ArgError(`${a.fn}: argument ${i} 'opts'.callback: expected function, got ${luaTypeOf(t.callback)}`);
  }
  // `description` is the original's other spelling of `desc`.
  const desc = typeof t.desc === "string" ? t.desc : typeof t.description === "string" ? t.description : "";
  return { desc, fn: t.callback };
}

/** `api.create_user_command(name, fn | {desc, callback})` and its aliases. */
export function userCommandApi(ext: LuaExtension): ApiFn {
  return (a) => {
    const name = a.string(1, "name");
    const { desc, fn } = commandSpec(a, 2);
    registerLuaCommand(ext, name, desc, fn, a.fn);
    return true;
  };
}

/** A timer callback gets an event table, as the original's did: `{name = "timer", data = {id}, ...}`. */
function callTimer(ext: LuaExtension, fn: LuaFunctionRef, id: number): void {
  const ev = hostEvent("timer", { id });
  const [r] = ext.call(fn, [eventTable(ext.rt, ev, ext.context())], ev);
  applyHandlerReturn(ext, ev, r);
}

function delay(a: Args): number {
  const ms = a.number(1, "ms");
  return Math.max(0, ms);
}

/** register_command, register_tool, create_namespace, timer.*, action.run and log. */
export function miscApi(ext: LuaExtension): {
  top: Record<string, ApiFn>; timer: Record<string, ApiFn>; action: Record<string, ApiFn>; api: Record<string, ApiFn>;
} {
  const rt = ext.rt;
  return {
    top: {
      register_command: (a) => {
        registerLuaCommand(ext, a.string(1, "name"), a.optString(2, "desc") ?? "", a.func(3, "fn"), a.fn);
        return true;
      },
      register_tool: (a) => {
        const name = a.string(1, "name");
        const desc = a.optString(2, "desc") ?? "";
        const fn = a.func(3, "fn");
        const schema = a.isNil(4) ? { type: "object", properties: {} } : (a.table(4, "schema") as Record<string, unknown>);
        if (!ownsName(ext, "tools", name)) checkRegistration(ext, "tools", a.fn);
        registerLuaTool(ext, name, desc, fn, schema);
        return true;
      },
      log: (a) => {
        const parts: string[] = [];
        for (let i = 1; i <= a.count; i++) {
          parts.push(tostringAt(a.L, i));
        }
        ext.log(parts.join(" "));
      },
    },
    timer: {
      defer: (a) => {
        const ms = delay(a);
        const fn = a.func(2, "fn");
        checkRegistration(ext, "timers", a.fn);
        // A one-shot releases its function once it ran (timers set every frame must not leak).
        const id: number = rt.scheduler.defer(ms, () => {
          try {
            callTimer(ext, fn, id);
          } finally {
            fn.release();
          }
        }, ext.name);
        return id;
      },
      interval: (a) => {
        const ms = delay(a);
        const fn = a.func(2, "fn");
        checkRegistration(ext, "timers", a.fn);
        const id: number = rt.scheduler.interval(ms, () => callTimer(ext, fn, id), ext.name);
        return id;
      },
      stop: (a) => rt.scheduler.stop(a.integer(1, "id")),
    },
    action: {
      run: (a) => rt.actions.run(a.string(1, "name")),
    },
    api: {
      create_namespace: (a) => rt.namespaces.create(a.string(1, "name")),
      nvim_create_namespace: (a) => rt.namespaces.create(a.string(1, "name")),
    },
  };
}
