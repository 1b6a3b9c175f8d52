// `librecode model list`.
import { AuthStore } from "../engine/auth/auth-store.js";
import { librecodeHome } from "../engine/config/index.js";
import { filterModelList, listModels, modelListRows } from "../engine/model/provider-registry.js";
import { effectiveModel } from "./effective-model.js";
import { loadSettings, type ConfigFlags } from "./load-settings.js";
import { printRows, terminalWidth } from "./cli-style.js";

/** The configured providers and their models (only those matching `search`); the one a run would use
 *  is starred; on a terminal, fitted to its width. */
export function runModelList(flags: ConfigFlags, search?: string): void {
  const loaded = loadSettings(flags);
  const keys = new AuthStore(librecodeHome()).storedKeys();
  // A provider without its key is still listed (with "not set"); then nothing is starred.
  const used = effectiveModel(loaded, keys);
  const current = "model" in used ? used.model : undefined;
  const entries = filterModelList(listModels(loaded.config, process.env, keys), search ?? "");
  if (entries.length === 0) {
    process.stderr.write(`librecode model list: no model matches "${search}"\n`);
    process.exitCode = 1;
    return;
  }
  // On a terminal the table fits its width (columns go, as in /model); piped, every column is printed.
  printRows(modelListRows(entries, current, terminalWidth(process.stdout)));
}
