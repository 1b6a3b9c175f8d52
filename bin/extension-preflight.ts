// Whether a run has any Lua extension to load, decided without the Lua VM: fengari and the
// librecode module (~40 modules, tens of ms) are imported only when the answer is yes.
import type { LoadedConfig } from "../engine/config/index.js";
import { discoverExtensions } from "../lua/extension-discovery.js";
import { parseSource, type ExtensionSource } from "../lua/extension-manifest.js";

export type ExtensionPreflightOptions = { cwd: string; home: string; enabled: boolean; paths: string[] };

/**
 * True when ExtensionHost would load or report something: a `--extension` path, a malformed
 * `extensions.use` entry (the host lists it as failed), or a source with extension files in it.
 */
export function extensionsWanted(loaded: LoadedConfig, opts: ExtensionPreflightOptions): boolean {
  if (opts.paths.length > 0) return true;
  const ext = loaded.config.extensions;
  if (!opts.enabled || !ext.enabled) return false;
  const sources: ExtensionSource[] = [];
  for (const [i, entry] of ext.use.entries()) {
    try {
      sources.push(parseSource(entry, `use[${i + 1}]`));
    } catch {
      return true;
    }
  }
  return discoverExtensions(sources, opts.cwd, opts.home).some((d) => d.candidates.length > 0);
}
