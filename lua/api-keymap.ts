// librecode.keymap: Lua functions mapped in the kernel's KeymapRegistry.
import { normalizeTarget, targetKeyOf, type KeymapTarget } from "../engine/kernel/keymaps.js";
import { normalizeLhs } from "../engine/kernel/key-notation.js";
import type { LuaFunctionRef } from "./lua-value.js";
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { luaHandler } from "./lua-handler.js";

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

// The kernel replaces a mapping of the same target and lhs silently; we key our registry refs the
// same way so the replaced Lua function is released (a handler re-mapping keys every frame must
// not grow the registry).
function mappingKey(target: KeymapTarget, lhs: string): string {
  return `${targetKeyOf(normalizeTarget(target))}\0${normalizeLhs(lhs)}`;
}

/** librecode.keymap: set(target, lhs, fn, opts) and del(target, lhs). */
export function keymapApi(ext: LuaExtension): Record<string, ApiFn> {
  const refs = new Map<string, LuaFunctionRef>();
  const forget = (key: string) => {
    refs.get(key)?.release();
    refs.delete(key);
  };
  return {
    set: (a) => {
      const target = targetArg(a);
      const lhs = a.string(2, "lhs");
      const fn = a.func(3, "fn");
      const opts = a.isNil(4) ? {} : (a.table(4, "opts") as Record<string, unknown>);
      const priority = typeof opts.priority === "number" ? opts.priority : 0;
      const desc = typeof opts.desc === "string" ? opts.desc : "";
      ext.rt.keymaps.set(target, lhs, luaHandler(ext, fn), { priority, desc, owner: ext.name });
      const key = mappingKey(target, lhs);
      forget(key);
      refs.set(key, fn);
      return true;
    },
    del: (a) => {
      const target = targetArg(a);
      const lhs = a.string(2, "lhs");
      const removed = ext.rt.keymaps.del(target, lhs);
      if (removed) forget(mappingKey(target, lhs));
      return removed;
    },
  };
}
