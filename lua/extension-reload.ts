// `/reload [NAME]` in the chat, and the lines a reload shows (the command's output, the watcher's note).
import type { ExtensionHost, ReloadResult } from "./extension-host.js";

/** One line per extension a reload touched; the failure itself is reported (with its traceback) apart. */
export function formatReload(results: readonly ReloadResult[]): string {
  if (results.length === 0) return "No extension changed.";
  return results.map((r) => {
    if (!r.ok) return `${r.name} failed to load and stays off until a reload succeeds: ${r.error.split("\n")[0]}`;
    if (r.change === "added") return `Loaded ${r.name} (a new file).`;
    if (r.change === "removed") return `Unloaded ${r.name} (its file is gone).`;
    return `Reloaded ${r.name}.`;
  }).join("\n");
}

/** Registers `/reload [NAME]` (owner "host") on the host's runtime. */
export function registerReloadCommand(host: ExtensionHost): void {
  host.rt.commands.register("reload", {
    desc: "reload extensions from their files: /reload [NAME] (buffers, windows and the session stay)",
    owner: "host",
    run: (args) => formatReload(host.reload(args.trim() === "" ? undefined : args.trim())),
  });
}
