// `librecode extension add/remove/install/update/tidy`: config, lock and store kept in step.
// Every command fetches everything it needs first; only then are store, lock and config written.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ExtensionUse } from "../config/config-schema.js";
import { parseExtensionSource, type ExtensionSource } from "../config/extension-source.js";
import { configPath, editUse, readUse, useSource, useVersion } from "./config-use.js";
import { commitToStore, fetchSource, type Fetched } from "./fetch-source.js";
import { lockPath, readLock, writeLock, type Lockfile } from "./lockfile.js";
import { remoteSource, storeKeyFor, type Env } from "./remote-source.js";
import { hashTree, storeDir, storeEntries } from "./store.js";

/** Where the manager works: the project (cwd) or, with global, `$LIBRECODE_HOME`. */
export type ManagerContext = { cwd: string; home: string; env: Env; global?: boolean };

/** A mistake in what was asked (exit 2); other errors are failures (exit 1). */
export class ExtensionUsageError extends Error {
  override name = "UsageError";
}

/** `SOURCE@VERSION` split at the last `@` that is not part of a URL's `user@host`. */
export function splitSpec(spec: string): { source: string; version: string } {
  const at = spec.lastIndexOf("@");
  if (at > spec.indexOf(":") && !spec.slice(at + 1).includes(":") && at < spec.length - 1) return { source: spec.slice(0, at), version: spec.slice(at + 1) };
  return { source: spec, version: "" };
}

function parse(source: string): ExtensionSource {
  try {
    return parseExtensionSource(source);
  } catch (e) {
    throw new ExtensionUsageError(`${(e as Error).message}`);
  }
}

/** The name `remove` and `update` accept besides the source: the last path segment or official name. */
export function shortName(key: string): string {
  const src = parseExtensionSource(key);
  const tail = (src.subdir ?? (src.scheme === "git" ? src.url!.replace(/\.git$/, "") : src.value)).split("/").filter(Boolean);
  return tail[tail.length - 1] ?? key;
}

const short = (commit: string) => commit.slice(0, 12);
const label = (f: Fetched) => (f.resolved.tag ? `${f.resolved.tag} (${short(f.resolved.commit)})` : short(f.resolved.commit));

/** Records a lock file so `tidy` (run from anywhere) keeps what it pins. */
function registerLock(home: string, lock: string): void {
  const file = join(home, "extensions", "locks.json");
  const known = knownLocks(home);
  if (known.includes(lock)) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify([...known, lock].sort(), null, 2) + "\n");
}

function knownLocks(home: string): string[] {
  try {
    const v = JSON.parse(readFileSync(join(home, "extensions", "locks.json"), "utf8")) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function saveLock(ctx: ManagerContext, lock: Lockfile): void {
  const file = lockPath(ctx);
  writeLock(file, lock);
  registerLock(ctx.home, resolve(file));
}

/** What a project file inherits when it has no list of its own: the global file's, else the default. */
function inheritedUse(ctx: ManagerContext): ExtensionUse[] | undefined {
  return ctx.global ? undefined : readUse(configPath({ ...ctx, global: true }));
}

/** `extension add SOURCE[@VERSION]`: fetch, then store, lock and config. */
export function addExtension(ctx: ManagerContext, spec: string): string[] {
  const { source, version } = splitSpec(spec);
  const src = parse(source);
  const key = `${src.scheme}:${src.value}`;
  const entry: ExtensionUse = version ? { source: key, version } : key;
  const replace = (use: ExtensionUse[]) => {
    const i = use.findIndex((u) => useSource(u) === key);
    if (i >= 0) use[i] = entry;
    else use.push(entry);
    return use;
  };
  if (src.scheme === "path") {
    editUse(configPath(ctx), inheritedUse(ctx), replace);
    return [`added ${key} to ${configPath(ctx)}`];
  }
  const f = fetchSource(remoteSourceOrUsage(src, ctx.env), version);
  try {
    commitToStore(f, ctx.home);
    const lock = readLock(lockPath(ctx));
    lock.extensions[key] = { requested: version, tag: f.resolved.tag, commit: f.resolved.commit, hash: f.hash };
    saveLock(ctx, lock);
    editUse(configPath(ctx), inheritedUse(ctx), replace);
  } finally {
    f.dispose();
  }
  return [`added ${key}${version ? `@${version}` : ""}: ${label(f)}`];
}

function remoteSourceOrUsage(src: ExtensionSource, env: Env) {
  try {
    return remoteSource(src, env);
  } catch (e) {
    throw new ExtensionUsageError((e as Error).message);
  }
}

/** `extension remove NAME|SOURCE`: out of config and lock; the store entry stays for `tidy`. */
export function removeExtension(ctx: ManagerContext, what: string): string[] {
  const file = configPath(ctx);
  const use = readUse(file) ?? [];
  const wanted = splitSpec(what).source;
  const match = use.filter((u) => {
    const s = useSource(u);
    return s === wanted || (!s.startsWith("path:") && shortName(s) === wanted);
  });
  if (match.length === 0) {
    throw new ExtensionUsageError(`extension remove: ${what}: not in extensions.use of ${file} (${use.map(useSource).join(", ") || "empty"})`);
  }
  if (match.length > 1) throw new ExtensionUsageError(`extension remove: ${what}: matches ${match.map(useSource).join(" and ")}; name the source`);
  const key = useSource(match[0]!);
  editUse(file, inheritedUse(ctx), (list) => list.filter((u) => useSource(u) !== key));
  const lock = readLock(lockPath(ctx));
  if (lock.extensions[key]) {
    delete lock.extensions[key];
    saveLock(ctx, lock);
  }
  return [`removed ${key}${key.startsWith("path:") ? "" : " (its files stay in the store until `librecode extension tidy`)"}`];
}

/** Commits every fetched source and writes the lock, after all fetches succeeded. */
function commitAll(ctx: ManagerContext, lock: Lockfile, fetched: { key: string; requested: string; f: Fetched }[]): void {
  try {
    for (const { key, requested, f } of fetched) {
      commitToStore(f, ctx.home);
      lock.extensions[key] = { requested, tag: f.resolved.tag, commit: f.resolved.commit, hash: f.hash };
    }
    saveLock(ctx, lock);
  } finally {
    for (const { f } of fetched) f.dispose();
  }
}

function fetchAll<T>(items: T[], fetch: (item: T) => { key: string; requested: string; f: Fetched } | undefined): { key: string; requested: string; f: Fetched }[] {
  const done: { key: string; requested: string; f: Fetched }[] = [];
  try {
    for (const it of items) {
      const r = fetch(it);
      if (r) done.push(r);
    }
  } catch (e) {
    for (const d of done) d.f.dispose();
    throw e;
  }
  return done;
}

/**
 * `extension install`: every locked source at exactly its commit (checked against the lock's
 * hash), and config entries not yet locked at the version they ask for.
 */
export function installExtensions(ctx: ManagerContext): string[] {
  const lock = readLock(lockPath(ctx));
  const out: string[] = [];
  const locked = Object.entries(lock.extensions).filter(([key, e]) => {
    const dir = storeDir(ctx.home, storeKeyFor(parseExtensionSource(key)), e.commit);
    const ok = existsSync(dir) && hashTree(dir) === e.hash;
    if (ok) out.push(`${key}: ${e.tag || short(e.commit)} already installed`);
    return !ok;
  });
  const unlocked = pinnedOnce(readUse(configPath(ctx)) ?? []).filter((u) => !useSource(u).startsWith("path:") && !lock.extensions[useSource(u)]);
  const fetched = fetchAll([...locked.map(([key, e]) => ({ key, requested: e.requested, commit: e.commit, hash: e.hash })),
    ...unlocked.map((u) => ({ key: useSource(u), requested: useVersion(u), commit: "", hash: "" }))], (it) => {
    const f = fetchSource(remoteSourceOrUsage(parse(it.key), ctx.env), it.requested, it.commit || undefined);
    if (it.hash && f.hash !== it.hash) {
      f.dispose();
      throw new Error(`${it.key}: the files at ${short(it.commit)} hash to ${f.hash}, the lock says ${it.hash}`);
    }
    const tag = it.commit ? lock.extensions[it.key]!.tag : f.resolved.tag;
    f.resolved = { tag, commit: f.resolved.commit };
    out.push(`${it.key}: installed ${tag || short(f.resolved.commit)} (${short(f.resolved.commit)})`);
    return { key: it.key, requested: it.requested, f };
  });
  commitAll(ctx, lock, fetched);
  return out.length > 0 ? out : ["nothing to install"];
}

/** One entry per source: a source listed twice (as the original's guide shows both forms) is
 *  installed at the version an entry pins (the last one that pins one), else as first listed. */
function pinnedOnce(use: ExtensionUse[]): ExtensionUse[] {
  const bySource = new Map<string, ExtensionUse>();
  for (const u of use) {
    const had = bySource.get(useSource(u));
    if (had === undefined || useVersion(u) !== "") bySource.set(useSource(u), u);
  }
  return [...bySource.values()];
}

/** `extension update [NAME...]`: the newest version each requested range allows; rewrites the lock. */
export function updateExtensions(ctx: ManagerContext, names: string[]): string[] {
  const lock = readLock(lockPath(ctx));
  const use = pinnedOnce(readUse(configPath(ctx)) ?? []);
  const keys = Object.keys(lock.extensions).filter((k) => names.length === 0 || names.includes(k) || names.includes(shortName(k)));
  for (const n of names) {
    if (!keys.some((k) => k === n || shortName(k) === n)) throw new ExtensionUsageError(`extension update: ${n}: not in ${lockPath(ctx)} (${Object.keys(lock.extensions).join(", ") || "empty"})`);
  }
  const out: string[] = [];
  const fetched = fetchAll(keys, (key) => {
    const entry = use.find((u) => useSource(u) === key);
    const requested = entry ? useVersion(entry) : lock.extensions[key]!.requested;
    const f = fetchSource(remoteSourceOrUsage(parse(key), ctx.env), requested);
    const was = lock.extensions[key]!;
    if (f.resolved.commit === was.commit && requested === was.requested) {
      out.push(`${key}: ${was.tag || short(was.commit)} is the newest${requested ? ` for ${requested}` : ""}`);
    } else out.push(`${key}: ${was.tag || short(was.commit)} -> ${label(f)}`);
    return { key, requested, f };
  });
  commitAll(ctx, lock, fetched);
  return out.length > 0 ? out : ["nothing to update"];
}

/** `extension tidy`: deletes store entries no known lock pins (this project's, the global one, and every lock written before). */
export function tidyStore(ctx: ManagerContext): string[] {
  const locks = new Set([resolve(lockPath({ ...ctx, global: false })), resolve(lockPath({ ...ctx, global: true })), ...knownLocks(ctx.home)]);
  const kept = new Set<string>();
  for (const file of locks) {
    if (!existsSync(file)) continue;
    for (const [key, e] of Object.entries(readLock(file).extensions)) kept.add(`${storeKeyFor(parseExtensionSource(key))}/${e.commit}`);
  }
  const out: string[] = [];
  for (const e of storeEntries(ctx.home)) {
    if (kept.has(`${e.storeKey}/${e.commit}`)) continue;
    rmSync(e.dir, { recursive: true, force: true });
    out.push(`removed ${e.storeKey}/${e.commit}`);
  }
  return out.length > 0 ? out : ["nothing to remove"];
}
