// extensions.lock: per source the requested version, the resolved tag, the commit and the hash of
// the installed files. JSON, keys sorted, written atomically (temp file, then rename).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** One pinned source. `requested` is "" when no version was asked for; `tag` "" when none was resolved. */
export type LockEntry = { requested: string; tag: string; commit: string; hash: string };

export type Lockfile = { lockfile_version: 1; extensions: Record<string, LockEntry> };

/** A lockfile that cannot be read as one; the message names the file. */
export class LockfileError extends Error {
  override name = "UsageError";
}

/** `.librecode/extensions.lock` of a project, or `$LIBRECODE_HOME/extensions.lock` with global. */
export function lockPath(where: { cwd: string; home: string; global?: boolean }): string {
  return where.global ? join(where.home, "extensions.lock") : join(where.cwd, ".librecode", "extensions.lock");
}

/** Reads a lockfile; a missing file is an empty lock. */
export function readLock(file: string): Lockfile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { lockfile_version: 1, extensions: {} };
    throw new LockfileError(`${file}: cannot read: ${(e as Error).message}`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new LockfileError(`${file}: expected JSON, got a parse error (${(e as Error).message})`);
  }
  const t = v as Partial<Lockfile> | null;
  if (!t || typeof t !== "object" || typeof t.extensions !== "object" || t.extensions === null) {
    throw new LockfileError(`${file}: expected {"lockfile_version": 1, "extensions": {...}}`);
  }
  for (const [src, e] of Object.entries(t.extensions)) {
    const ok = e && typeof e === "object" && ["requested", "tag", "commit", "hash"].every((k) => typeof (e as Record<string, unknown>)[k] === "string");
    if (!ok || !/^[0-9a-f]{40}$/.test(e.commit)) throw new LockfileError(`${file}: ${src}: expected {requested, tag, commit (40 hex digits), hash}`);
  }
  return { lockfile_version: 1, extensions: t.extensions };
}

/** Writes the lock (sorted, one entry per source); an empty lock still writes the file. */
export function writeLock(file: string, lock: Lockfile): void {
  const sorted: Record<string, LockEntry> = {};
  for (const k of Object.keys(lock.extensions).sort()) {
    const e = lock.extensions[k]!;
    sorted[k] = { requested: e.requested, tag: e.tag, commit: e.commit, hash: e.hash };
  }
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ lockfile_version: 1, extensions: sorted }, null, 2) + "\n");
  renameSync(tmp, file);
}
