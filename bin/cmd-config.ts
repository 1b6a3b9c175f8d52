// `librecode config show` and `config validate`.
import { configShowRows, validateConfigFiles } from "../engine/config/index.js";
import { effectiveModel } from "./effective-model.js";
import { printLines } from "./cli-output.js";
import { loadSettings, type ConfigFlags } from "./load-settings.js";
import { printRows } from "./cli-style.js";

/** Prints every effective value with where it came from; a bad config exits 2 with its first problem. */
export function runConfigShow(flags: ConfigFlags): void {
  const loaded = loadSettings(flags);
  // The values above are the config; a run may still use another model (no key for the configured
  // provider: the first provider with one, else the offline demo), so the choice is said too.
  const used = effectiveModel(loaded);
  const note = "model" in used
    ? `# a chat here uses ${used.model}${used.offline ? " (the offline demo: no provider has a key)" : ""}`
    : `# a chat here cannot start: ${used.error}`;
  printRows([...configShowRows(loaded), [{ text: note, style: { fg: "muted" } }]]);
}

/** Checks every config file: `ok` plus the files read (exit 0), or every problem on stderr (exit 2). */
export function runConfigValidate(flags: ConfigFlags): void {
  const r = validateConfigFiles({ cwd: process.cwd(), ...(flags.config ? { configFile: flags.config } : {}) });
  if (r.ok) {
    printLines([`ok: ${r.files.length === 0 ? "no config files (defaults)" : r.files.join(", ")}`]);
    return;
  }
  process.stderr.write(r.errors.join("\n") + "\n");
  process.exitCode = 2;
}
