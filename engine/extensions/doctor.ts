// `extension doctor`, the part that needs no Lua: config entries against locks, locks against the
// store and its hashes. One line per problem.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseExtensionSource } from "../config/extension-source.js";
import { configPath, readUse, useSource } from "./config-use.js";
import { lockPath, readLock } from "./lockfile.js";
import type { ManagerContext } from "./manager.js";
import { storeKeyFor } from "./remote-source.js";
import { hashTree, storeDir } from "./store.js";

/** The problems found, and every extension directory that is there to be checked further (manifests). */
export type DoctorReport = { problems: string[]; dirs: { source: string; dir: string }[] };

/** Checks the project's and the global config, lock and store. */
export function doctorCheck(ctx: ManagerContext): DoctorReport {
  const problems: string[] = [];
  const dirs: { source: string; dir: string }[] = [];
  for (const global of [false, true]) {
    const where = { ...ctx, global };
    const cfg = configPath(where);
    const lockFile = lockPath(where);
    let lock;
    try {
      lock = readLock(lockFile);
    } catch (e) {
      problems.push(`${lockFile}: ${(e as Error).message}`);
      continue;
    }
    const use = readUse(cfg) ?? [];
    for (const u of use) {
      const s = useSource(u);
      if (s.startsWith("path:")) {
        const dir = resolve(global ? ctx.home : ctx.cwd, s.slice(5));
        if (existsSync(dir)) dirs.push({ source: s, dir });
        continue;
      }
      if (!lock.extensions[s]) problems.push(`${s}: in ${cfg} but not in ${lockFile}: run \`librecode extension install${global ? " --global" : ""}\``);
    }
    for (const [key, e] of Object.entries(lock.extensions)) {
      if (!use.some((u) => useSource(u) === key)) problems.push(`${key}: in ${lockFile} but not in extensions.use of ${cfg}`);
      const dir = storeDir(ctx.home, storeKeyFor(parseExtensionSource(key)), e.commit);
      if (!existsSync(dir)) {
        problems.push(`${key}: missing: ${e.tag || e.commit.slice(0, 12)} is not in the store: run \`librecode extension install${global ? " --global" : ""}\``);
        continue;
      }
      const hash = hashTree(dir);
      if (hash !== e.hash) problems.push(`${key}: tampered: files in ${dir} changed since install (hash ${hash}, lock ${e.hash})`);
      else dirs.push({ source: key, dir });
    }
  }
  return { problems, dirs };
}
