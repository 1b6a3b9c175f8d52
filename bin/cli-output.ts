// What every command does with its result: lines to stdout, problems to stderr, an exit code.
import { loadConfig, type LoadedConfig } from "../engine/config/index.js";
import { printRows } from "./cli-style.js";

/** Options every config-reading command accepts. */
export type ConfigFlags = { config?: string };

/** Prints lines to stdout, each ended by a newline (nothing for none). */
export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(lines.join("\n") + "\n");
}

/** Prints one failure line (`librecode <command>: reason`) and sets the exit code. */
export function fail(command: string, reason: string, code: 1 | 2): void {
  printRows([[{ text: `librecode ${command}:`, style: { fg: "error", bold: true } }, { text: ` ${reason}` }]], process.stderr);
  process.exitCode = code;
}

/** The layered configuration for this directory; a ConfigError propagates (exit 2, one line). */
export function loadSettings(flags: ConfigFlags, cwd = process.cwd()): LoadedConfig {
  return loadConfig({ cwd, ...(flags.config ? { configFile: flags.config } : {}) });
}
