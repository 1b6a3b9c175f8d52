// `/reload [NAME]` and `extensions.watch` for the chat. lua/ is imported only when an extension
// was loaded (a start without one never loads the Lua VM); then `/reload` says there is nothing.
import type { App } from "./create-app.js";

/** Registers `/reload` and, with `extensions.watch: true`, starts the file watcher; returns its stop.
 *  `say` shows what a watched save did (default: a system line in the transcript). */
export async function wireReload(app: Pick<App, "runtime" | "extensions" | "loaded">, say?: (text: string) => void): Promise<() => void> {
  const rt = app.runtime;
  const host = app.extensions;
  if (host === null) {
    rt.commands.register("reload", {
      desc: "reload extensions from their files: /reload [NAME]", owner: "host",
      run: () => "No extension is loaded, so there is nothing to reload (a new one loads at the next start).",
    });
    return () => {};
  }
  const { formatReload, registerReloadCommand } = await import("../lua/extension-reload.js");
  registerReloadCommand(host);
  if (!app.loaded.config.extensions.watch) return () => {};
  const { ExtensionWatcher } = await import("../lua/extension-watch.js");
  const watcher = new ExtensionWatcher(host, {
    // What failed is reported apart (with its traceback); the note says what the save did.
    onReload: (results) => {
      const text = formatReload(results);
      if (say) say(text);
      else rt.guard("host", "reload", () => rt.buffers.appendBlock("transcript", { kind: "system", role: "system", text }));
    },
  });
  return () => watcher.close();
}
