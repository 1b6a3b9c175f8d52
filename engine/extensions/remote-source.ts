// Where a `github:`, `git:` or `official:` source is fetched from and where it is stored.
// `$LIBRECODE_GITHUB_URL` replaces https://github.com; `$LIBRECODE_OFFICIAL_INDEX` replaces the
// index of first-party extensions shipped with the package (official-extensions.json).
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseExtensionSource, splitGitUrl, type ExtensionSource } from "../config/extension-source.js";

/** A source that is fetched with git: its lock key, repository URL, subdirectory and store path. */
export type RemoteSource = { key: string; scheme: "github" | "git" | "official"; url: string; subdir?: string; storeKey: string };

export type Env = Record<string, string | undefined>;

/** The index shipped with the package (two levels above dist/engine/extensions and engine/extensions). */
export function shippedIndexPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const inDist = resolve(here, "../../..", "official-extensions.json");
  return existsSync(inDist) ? inDist : resolve(here, "../..", "official-extensions.json");
}

/** The official index: name -> `github:...` or `git:...` (a relative git URL is against the index's directory). */
export function readOfficialIndex(env: Env): { file: string; entries: Record<string, string> } {
  const file = env.LIBRECODE_OFFICIAL_INDEX ? resolve(env.LIBRECODE_OFFICIAL_INDEX) : shippedIndexPath();
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`official index ${file}: cannot read: ${(e as Error).message.split("\n")[0]}`);
  }
  if (!v || typeof v !== "object" || Array.isArray(v) || Object.values(v).some((x) => typeof x !== "string")) {
    throw new Error(`official index ${file}: expected {"NAME": "github:OWNER/REPO[//SUBDIR]" | "git:URL"}`);
  }
  return { file, entries: v as Record<string, string> };
}

/** A git URL as a store path: host and path without scheme, user or `.git`, unsafe characters as `_`. */
function urlPath(url: string): string {
  const noScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^[^@/]*@/, "").replace(/:(?!\d)/, "/");
  return noScheme.split("/").filter((s) => s !== "" && s !== "." && s !== "..").map((s) => s.replace(/[^A-Za-z0-9._-]/g, "_")).join("/").replace(/\.git$/, "") || "_";
}

function withSubdir(path: string, subdir: string | undefined): string {
  // `-` separates a repository path from a subdirectory inside it, as GitLab's URLs do.
  return subdir ? `${path}/-/${subdir}` : path;
}

/** Where `github:OWNER/REPO` is cloned from. */
export function githubUrl(owner: string, repo: string, env: Env): string {
  const base = (env.LIBRECODE_GITHUB_URL || "https://github.com").replace(/\/+$/, "");
  return `${base}/${owner}/${repo}${base.startsWith("https://github.com") ? ".git" : ""}`;
}

/** Resolves a non-`path:` source to where it is fetched from and stored; throws for an unknown official name. */
export function remoteSource(src: ExtensionSource, env: Env): RemoteSource {
  const key = `${src.scheme}:${src.value}`;
  if (src.scheme === "github") {
    return { key, scheme: "github", url: githubUrl(src.owner!, src.repo!, env), subdir: src.subdir, storeKey: `github/${withSubdir(`${src.owner}/${src.repo}`, src.subdir)}` };
  }
  if (src.scheme === "git") {
    return { key, scheme: "git", url: src.url!, subdir: src.subdir, storeKey: `git/${withSubdir(urlPath(src.url!), src.subdir)}` };
  }
  if (src.scheme === "official") {
    const index = readOfficialIndex(env);
    const target = index.entries[src.value];
    if (target === undefined) {
      throw new Error(`official:${src.value}: not in the official index (${Object.keys(index.entries).sort().join(", ") || "empty"})`);
    }
    const inner = parseExtensionSource(target.startsWith("git:") ? `git:${absoluteGit(target.slice(4), dirname(index.file))}` : target);
    const r = remoteSource(inner, env);
    return { ...r, key, scheme: "official", storeKey: `official/${src.value}` };
  }
  throw new Error(`${key}: a path: source is not fetched`);
}

/** The store path of a source, without reading the official index (`official/NAME`). */
export function storeKeyFor(src: ExtensionSource): string {
  return src.scheme === "official" ? `official/${src.value}` : remoteSource(src, {}).storeKey;
}

function absoluteGit(value: string, base: string): string {
  const { url, subdir } = splitGitUrl(value);
  const abs = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^/]+:/.test(url) || isAbsolute(url) ? url : resolve(base, url);
  return subdir ? `${abs}//${subdir}` : abs;
}
