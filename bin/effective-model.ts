// The provider and model a run would use with this config, environment and saved keys: what
// `model list` stars and `config show` reports under its table.
import { AuthStore } from "../engine/auth/auth-store.js";
import { librecodeHome, type LoadedConfig } from "../engine/config/index.js";
import { resolveProvider } from "../engine/model/provider-registry.js";

/** `{model: "provider/model", offline}` for the run's choice, or `{error}` when none can be made. */
export function effectiveModel(loaded: LoadedConfig, keys = new AuthStore(librecodeHome()).storedKeys()):
  { model: string; offline: boolean } | { error: string } {
  try {
    const r = resolveProvider(loaded.config, { sources: loaded.sources, cwd: process.cwd() }, process.env, keys);
    return { model: `${r.providerId}/${r.model}`, offline: r.offline };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
