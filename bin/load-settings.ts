// The layered configuration a command or the chat starts from. Its own file so the chat's start
// does not load cli-style.ts's chalk and wrap-ansi (and wrap-ansi's string-width, ~15 ms at import).
import { loadConfig, type LoadedConfig } from "../engine/config/index.js";

/** Options every config-reading command accepts. */
export type ConfigFlags = { config?: string };

/** The layered configuration for this directory; a ConfigError propagates (exit 2, one line). */
export function loadSettings(flags: ConfigFlags, cwd = process.cwd()): LoadedConfig {
  return loadConfig({ cwd, ...(flags.config ? { configFile: flags.config } : {}) });
}
