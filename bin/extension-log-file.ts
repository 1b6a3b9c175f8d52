// The chat's extension log on disk (LIBRECODE_HOME/extension.log), so `librecode extension log`
// can show what extensions printed and what failed in the latest chat, after it ended.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatLogEntry } from "../engine/kernel/extension-log.js";
import type { Runtime } from "../engine/kernel/runtime.js";

/** The log file's name in LIBRECODE_HOME. */
export const EXTENSION_LOG_FILE = "extension.log";
/** Past this size the chat stops writing the file (the last line says so). */
const MAX_BYTES = 1024 * 1024;

/** Starts the file afresh with what is logged already, then appends every entry. Write failures are ignored: the log is a convenience. */
export function keepExtensionLog(rt: Runtime, home: string): void {
  const path = join(home, EXTENSION_LOG_FILE);
  let bytes = 0;
  const write = (text: string, first = false): void => {
    if (bytes >= MAX_BYTES) return;
    bytes += Buffer.byteLength(text);
    if (bytes >= MAX_BYTES) text += "… (the log stops here: it reached 1 MiB)\n";
    try {
      if (first) {
        mkdirSync(home, { recursive: true });
        writeFileSync(path, text);
      } else appendFileSync(path, text);
    } catch {
      bytes = MAX_BYTES;
    }
  };
  write(rt.log.entries().map((e) => formatLogEntry(e) + "\n").join(""), true);
  rt.log.onAppend((e) => write(formatLogEntry(e) + "\n"));
}

/** The last `count` lines of the file, or null when no chat wrote one yet. */
export function readExtensionLog(home: string, count: number): string[] | null {
  let text: string;
  try {
    text = readFileSync(join(home, EXTENSION_LOG_FILE), "utf8");
  } catch {
    return null;
  }
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.slice(-count);
}
