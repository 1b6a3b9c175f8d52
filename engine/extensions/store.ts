// The content-addressed store: `$LIBRECODE_HOME/extensions/store/<scheme>/<path>/<commit>/`, one
// directory per source and commit holding the extension's files, and the hash that pins them.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** The store's root under `$LIBRECODE_HOME`. */
export function storeRoot(home: string): string {
  return join(home, "extensions", "store");
}

/** Where one source's files at one commit live. */
export function storeDir(home: string, storeKey: string, commit: string): string {
  return join(storeRoot(home), storeKey, commit);
}

function files(dir: string, root: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, root, out);
    else if (e.isFile() || e.isSymbolicLink()) out.push(relative(root, p));
  }
}

/**
 * `sha256-<hex>` over every file below dir: its relative path, whether it is executable, and its
 * bytes, in path order. Any added, removed or changed file changes it.
 */
export function hashTree(dir: string): string {
  const list: string[] = [];
  files(dir, dir, list);
  list.sort();
  const h = createHash("sha256");
  for (const rel of list) {
    const p = join(dir, rel);
    const exec = (statSync(p).mode & 0o111) !== 0 ? "x" : "-";
    const body = readFileSync(p);
    h.update(`${rel.split("\\").join("/")}\0${exec}\0${body.length}\0`);
    h.update(body);
  }
  return `sha256-${h.digest("hex")}`;
}

/** Every `<storeKey>/<commit>` directory in the store (a commit directory is 40 hex digits). */
export function storeEntries(home: string): { storeKey: string; commit: string; dir: string }[] {
  const root = storeRoot(home);
  const out: { storeKey: string; commit: string; dir: string }[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (/^[0-9a-f]{40}$/.test(e.name)) out.push({ storeKey: relative(root, dir).split("\\").join("/"), commit: e.name, dir: p });
      else walk(p);
    }
  };
  walk(root);
  return out.sort((a, b) => (a.dir < b.dir ? -1 : 1));
}
