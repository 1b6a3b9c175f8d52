// librecode.keymap: Lua functions mapped in the kernel's KeymapRegistry.
import type { Handler } from "../engine/kernel/event-bus.js";
import { normalizeTarget, type KeymapTarget } from "../engine/kernel/keymaps.js";
import type { LuaFunctionRef } from "./lua-value.js";
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { luaHandler } from "./lua-handler.js";
import { fieldsArg } from "./table-fields.js";
import { checkRegistration, mapsAlready } from "./registration-limits.js";

function targetArg(a: Args): KeymapTarget {
  if (a.type(1) !== "string" && a.type(1) !== "table") a.fail(1, "target", `"global", a role, a target table or a list`);
  const t = a.value(1, "object") as KeymapTarget;
  try {
    normalizeTarget(t);
  } catch (e) {
    throw new ArgError(`${a.fn}: argument 1 'target': ${(e as Error).message.replace(/^keymap: target[^:]*: /, "")}`);
  }
  return t;
}

/** librecode.keymap: set(target, lhs, fn, opts) and del(target, lhs). */
export function keymapApi(ext: LuaExtension): Record<string, ApiFn> {
  // The Lua function of each kernel handler we mapped. The kernel replaces a mapping of the same
  // target and lhs silently, and del may remove one target of a list, so after each change the
  // functions no mapping uses any more are released (a handler re-mapping keys every frame must
  // not grow the registry).
  const refs = new Map<Handler, LuaFunctionRef>();
  const sweep = () => {
    const live = new Set(ext.rt.keymaps.list().map((k) => k.fn));
    for (const [h, fn] of refs) {
      if (live.has(h)) continue;
      fn.release();
      refs.delete(h);
    }
  };
  ext.onDispose(() => {
    for (const fn of refs.values()) fn.release();
    refs.clear();
  });
  return {
    set: (a) => {
      const target = targetArg(a);
      const lhs = a.string(2, "lhs");
      const fn = a.func(3, "fn");
      if (!mapsAlready(ext, target, lhs)) checkRegistration(ext, "keymaps", a.fn);
      const opts = fieldsArg(a, 4, "opts", { priority: "number", desc: "string", description: "string" });
      const priority = typeof opts.priority === "number" ? opts.priority : 0;
      // `description` is the original's other spelling.
      const desc = typeof opts.desc === "string" ? opts.desc : typeof opts.description === "string" ? opts.description : "";
      const handler = luaHandler(ext, fn);
      ext.rt.keymaps.set(target, lhs, handler, { priority, desc, owner: ext.name });
      refs.set(handler, fn);
      sweep();
      return true;
    },
    del: (a) => {
      const target = targetArg(a);
      const lhs = a.string(2, "lhs");
      const removed = ext.rt.keymaps.del(target, lhs);
      if (removed) sweep();
      return removed;
    },
  };
}
