// A runtime without the UI for the commands that only need the registries: `tool list/run`,
// `extension list/run`. Built-in tools first, then the configured extensions.
import { librecodeHome } from "../engine/config/index.js";
import { Runtime } from "../engine/kernel/runtime.js";
import { registerConfiguredTools } from "../engine/tools/builtin-tools.js";
import { formatExtensionError, type ExtensionHost } from "../lua/extension-host.js";
import { loadAppExtensions } from "./app-extensions.js";
import { loadSettings } from "./load-settings.js";

export type ExtensionRuntimeFlags = { config?: string; extensions?: boolean };

/** The runtime with built-in tools and (unless --no-extensions) the configured extensions loaded. */
export function extensionRuntime(flags: ExtensionRuntimeFlags): { runtime: Runtime; host: ExtensionHost } {
  const cwd = process.cwd();
  const loaded = loadSettings(flags, cwd);
  const runtime = new Runtime({ cwd });
  registerConfiguredTools(runtime.tools, loaded.config.tools);
  const host = loadAppExtensions(runtime, loaded, { cwd, home: librecodeHome(), enabled: flags.extensions !== false, paths: [] });
  return { runtime, host };
}

/** Extension errors as the CLI prints them (one line each, a Lua traceback below when there is one). */
export function printRuntimeErrors(runtime: Runtime): void {
  for (const e of runtime.errors) {
    process.stderr.write((e.owner === "host" ? `librecode: ${e.where}: ${e.message}` : formatExtensionError(e)) + "\n");
  }
}
