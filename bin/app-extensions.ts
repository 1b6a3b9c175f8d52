// Loading the Lua extensions for one run: config `extensions.use` (unless disabled) plus the
// `--extension PATH` sources, through lua/'s ExtensionHost; then `startup` is emitted.
import type { LoadedConfig } from "../engine/config/index.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import { statusContext } from "../lua/event-table.js";
import { ExtensionHost } from "../lua/extension-host.js";

/** `mode`: what event tables report as `context.mode` (`chat`, or `bare` in bare mode). */
export type AppExtensionOptions = { cwd: string; home: string; enabled: boolean; paths: string[]; mode?: "chat" | "bare" };

/** Loads every extension of this run; load failures are reported on the runtime, never thrown. */
export function loadAppExtensions(rt: Runtime, loaded: LoadedConfig, opts: AppExtensionOptions): ExtensionHost {
  const ext = loaded.config.extensions;
  const host = new ExtensionHost(rt, {
    cwd: opts.cwd, home: opts.home, settings: ext.settings ?? {}, ...(ext.budget_ms !== undefined ? { budgetMs: ext.budget_ms } : {}),
  });
  // Event tables read `working`, `context.session_id` and `context.compacting` from the status buffer the chat loop keeps.
  const mode = opts.mode ?? "chat";
  host.setContext(() => ({ ...statusContext(rt), mode }));
  if (opts.enabled && ext.enabled) host.loadUse(ext.use);
  if (opts.paths.length > 0) host.loadPaths(opts.paths);
  for (const s of host.list()) {
    // A missing configured directory is normal (no .librecode/extensions yet); a missing --extension is not.
    // A missing locked source (not installed, or changed in the store) is one error naming the fix.
    if (s.status === "missing" && (opts.paths.some((p) => s.source === `path:${p}`) || !s.source.startsWith("path:"))) {
      rt.reportError({ owner: "host", where: "extension", message: `${s.source}: ${s.reason}` });
    }
    if (s.status === "failed" && s.extensions.length === 0) rt.reportError({ owner: "host", where: "extension", message: s.reason });
  }
  rt.emit("startup", { width: rt.width, height: rt.height });
  return host;
}
