// Fetching one remote source at a version into a staging directory, and moving it into the store.
// Nothing under $LIBRECODE_HOME changes until `commitToStore`: a failed clone or checkout leaves
// the store as it was.
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cloneRepo, exportTree, findCommit, listRefs } from "./git.js";
import type { RemoteSource } from "./remote-source.js";
import { resolveVersion, type Resolved } from "./resolve-version.js";
import { hashTree, storeDir } from "./store.js";

/** A source fetched into a staging directory, not yet in the store. */
export type Fetched = { remote: RemoteSource; resolved: Resolved; hash: string; staged: string; dispose: () => void };

/** Clones the source and exports `requested` (or exactly `pinnedCommit`) into a staging directory. */
export function fetchSource(remote: RemoteSource, requested: string, pinnedCommit?: string): Fetched {
  const where = `${remote.key}${requested ? `@${requested}` : ""}`;
  let clone;
  try {
    clone = cloneRepo(remote.url);
  } catch (e) {
    throw new Error(`${where}: cannot clone ${remote.url}: ${(e as Error).message}`);
  }
  const stage = mkdtempSync(join(tmpdir(), "librecode-stage-"));
  const dispose = () => rmSync(stage, { recursive: true, force: true });
  try {
    let resolved: Resolved;
    if (pinnedCommit) {
      const commit = findCommit(clone.dir, pinnedCommit);
      if (!commit) throw new Error(`commit ${pinnedCommit} is not in ${remote.url}`);
      resolved = { tag: "", commit };
    } else {
      resolved = resolveVersion(listRefs(clone.dir), requested, (rev) => findCommit(clone.dir, rev));
    }
    const staged = join(stage, "files");
    exportTree(clone.dir, resolved.commit, remote.subdir, staged);
    return { remote, resolved, hash: hashTree(staged), staged, dispose };
  } catch (e) {
    dispose();
    throw new Error(`${where}: ${(e as Error).message}`);
  } finally {
    clone.dispose();
  }
}

/** Moves the staged files to their store directory (replacing a tampered one); returns it. */
export function commitToStore(f: Fetched, home: string): string {
  const dest = storeDir(home, f.remote.storeKey, f.resolved.commit);
  if (existsSync(dest)) {
    if (hashTree(dest) === f.hash) return dest;
    rmSync(dest, { recursive: true, force: true });
  }
  mkdirSync(dirname(dest), { recursive: true });
  try {
    renameSync(f.staged, dest);
  } catch {
    // Another file system (EXDEV): copy beside the destination, then rename into place.
    const tmp = `${dest}.${process.pid}.tmp`;
    cpSync(f.staged, tmp, { recursive: true });
    renameSync(tmp, dest);
  }
  return dest;
}
