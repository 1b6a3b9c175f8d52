import type { KeymapTarget } from "../engine/keymaps.js";
import { normalizeTarget } from "../engine/keymaps.js";
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

/** librecode.keymap: set(target, lhs, fn, opts) and del(target, lhs). */
export function keymapApi(ext: LuaExtension): Record<string, ApiFn> {
  return {
    set: (a) => {
      const target = targetArg(a);
      const lhs = a.string(2, "lhs");
      const fn = a.func(3, "fn");
      const opts = a.isNil(4) ? {} : (a.table(4, "opts") as Record<string, unknown>);
      const priority = typeof opts.priority === "number" ? opts.priority : 0;
      const desc = typeof opts.desc === "string" ? opts.desc : "";
      ext.rt.keymaps.set(target, lhs, luaHandler(ext, fn), { priority, desc, owner: ext.name });
      return true;
    },
    del: (a) => ext.rt.keymaps.del(targetArg(a), a.string(2, "lhs")),
  };
}
