import path from "node:path";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { callLua, loadChunk } from "../../lua/lua-call.js";
import { tempTree } from "../support/temp-tree.js";

export { tempTree };

export type HarnessOptions = { files?: Record<string, string>; budgetMs?: number; maxInstructions?: number; width?: number; height?: number };

/** A runtime (80x24 unless told, fake clock) with extensions loaded from files; `ext.lua` holds `source`. */
export function withExtension(source: string, opts: HarnessOptions = {}) {
  const dir = tempTree({ "ext.lua": source, ...(opts.files ?? {}) });
  const clock = new FakeClock();
  const rt = new Runtime({ clock, width: opts.width ?? 80, height: opts.height ?? 24, cwd: dir });
  const host = new ExtensionHost(rt, { cwd: dir, home: dir, budgetMs: opts.budgetMs ?? (opts.maxInstructions ? 0 : undefined), maxInstructions: opts.maxInstructions });
  host.loadPaths([path.join(dir, "ext.lua")]);
  const errors = () => rt.errors.map(formatExtensionError);
  /** Runs Lua code inside the extension (as a guarded callback) and returns its results. */
  const run = (code: string): unknown[] => {
    const ext = host.extensions()[0]!;
    const r = rt.guard(ext.name, "eval", () => ext.budget.run(() => callLua(ext.L, () => loadChunk(ext.L, code, "eval.lua"), [])));
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { rt, host, dir, clock, errors, run };
}

/** The runtime of withExtension with the usual preamble `local lc = require("librecode")`. */
export function lcRuntime(opts: HarnessOptions = {}) {
  return withExtension(`lc = require("librecode")`, opts);
}
