// What every command does with its result: lines to stdout, problems to stderr, an exit code.
import { printRows } from "./cli-style.js";

/** Prints lines to stdout, each ended by a newline (nothing for none). */
export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(lines.join("\n") + "\n");
}

/** Prints one failure line (`librecode <command>: reason`) and sets the exit code. */
export function fail(command: string, reason: string, code: 1 | 2): void {
  printRows([[{ text: `librecode ${command}:`, style: { fg: "error", bold: true } }, { text: ` ${reason}` }]], process.stderr);
  process.exitCode = code;
}
