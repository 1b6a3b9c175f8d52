// Where librecode keeps its own files. Apart from load-config so the chat's first import (the
// early terminal hold) can find it without loading the config machinery.
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** `$LIBRECODE_HOME`, or `~/.librecode`. */
export function librecodeHome(env: Record<string, string | undefined> = process.env): string {
  const home = env.LIBRECODE_HOME;
  return home && home.trim() !== "" ? resolve(home) : join(homedir(), ".librecode");
}
