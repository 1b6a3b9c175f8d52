// Start-up: where a locked source's files are. Reads the project lock, then the global one, and
// checks the store; never touches the network.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseExtensionSource } from "../config/extension-source.js";
import { readLock, type LockEntry } from "./lockfile.js";
import { storeKeyFor } from "./remote-source.js";
import { hashTree, storeDir } from "./store.js";

/** The lock entry for a source key: the project's lock first, then `$LIBRECODE_HOME`'s. */
export function findLockEntry(key: string, cwd: string, home: string): { entry: LockEntry; lock: string } | undefined {
  for (const lock of [join(cwd, ".librecode", "extensions.lock"), join(home, "extensions.lock")]) {
    const entry = readLock(lock).extensions[key];
    if (entry) return { entry, lock };
  }
  return undefined;
}

/** The store directory for a locked `github:`/`git:`/`official:` source, or why it cannot be loaded. */
export function lockedDir(raw: string, cwd: string, home: string): { dir: string } | { problem: string } {
  const src = parseExtensionSource(raw);
  const key = `${src.scheme}:${src.value}`;
  let found;
  try {
    found = findLockEntry(key, cwd, home);
  } catch (e) {
    return { problem: (e as Error).message };
  }
  if (!found) return { problem: `not in extensions.lock: run \`librecode extension install\`` };
  const dir = storeDir(home, storeKeyFor(src), found.entry.commit);
  if (!existsSync(dir)) return { problem: `not installed (${found.entry.commit.slice(0, 12)} is not in the store): run \`librecode extension install\`` };
  if (hashTree(dir) !== found.entry.hash) {
    return { problem: `files in ${dir} changed since install (hash mismatch): run \`librecode extension install\` to restore them` };
  }
  return { dir };
}
