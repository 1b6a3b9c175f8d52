// `librecode config show` and `config validate`.
import { configShowRows, validateConfigFiles } from "../engine/config/index.js";
import { printLines } from "./cli-output.js";
import { loadSettings, type ConfigFlags } from "./load-settings.js";
import { printRows } from "./cli-style.js";

/** Prints every effective value with where it came from; a bad config exits 2 with its first problem. */
export function runConfigShow(flags: ConfigFlags): void {
  printRows(configShowRows(loadSettings(flags)));
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
