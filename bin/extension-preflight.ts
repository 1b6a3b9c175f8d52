// Whether a run may have a Lua extension to load, decided without lua/ (whose modules import
// fengari): the Lua VM and the librecode module (~40 modules, tens of ms) load only when it may.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseExtensionSource, type LoadedConfig } from "../engine/config/index.js";

export type ExtensionPreflightOptions = { cwd: string; home: string; enabled: boolean; paths: string[] };

/**
 * False only when ExtensionHost would load and report nothing: no `--extension` path, and every
 * `extensions.use` entry valid and pointing nowhere (a `path:` that does not exist; no extension
 * store under $LIBRECODE_HOME for the other schemes). The usual fresh start has none of them.
 */
export function extensionsWanted(loaded: LoadedConfig, opts: ExtensionPreflightOptions): boolean {
  if (opts.paths.length > 0) return true;
  const ext = loaded.config.extensions;
  if (!opts.enabled || !ext.enabled) return false;
  return ext.use.some((entry) => {
    let src;
    try {
      src = parseExtensionSource(entry);
    } catch {
      return true; // the host lists it as failed
    }
    // A locked source loads from the store, or its absence is reported: either way the host runs.
    return src.scheme === "path" ? existsSync(resolve(opts.cwd, src.value)) : true;
  });
}
