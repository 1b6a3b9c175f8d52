// A directory walk that sees the tree the way git does: every .gitignore on the way (nested ones
// included, deeper rules winning) and never .git itself. grep, find and the fallback of both use it.
import type { Dirent } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { Ignore } from "ignore";

export type WalkEntry = { abs: string; rel: string; isDir: boolean };

type Matcher = { base: string; ig: Ignore };

async function loadGitignore(dir: string): Promise<Matcher | undefined> {
  const text = await readFile(join(dir, ".gitignore"), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  // Imported at the first .gitignore, not at start-up.
  const { default: ignore } = await import("ignore");
  return { base: dir, ig: ignore().add(text) };
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** Whether the deepest matcher with an opinion ignores abs (git's precedence for nested .gitignore files). */
function isIgnored(matchers: Matcher[], abs: string, isDir: boolean): boolean {
  for (let i = matchers.length - 1; i >= 0; i--) {
    const rel = toPosix(relative(matchers[i].base, abs));
    if (rel === "" || rel.startsWith("..")) continue;
    const verdict = matchers[i].ig.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

// .gitignore files above the root still apply: up to the enclosing repository's top, or, outside any
// repository, up to the working directory.
async function ancestorMatchers(root: string, cwd: string): Promise<Matcher[]> {
  const chain: string[] = [];
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    chain.push(dir);
    if (dirname(dir) === dir) break;
  }
  let top = -1;
  for (let i = 0; i < chain.length; i++) {
    if (await exists(join(chain[i], ".git"))) {
      top = i;
      break;
    }
  }
  if (top === -1) top = chain.indexOf(cwd);
  const matchers: Matcher[] = [];
  for (let i = top; i >= 0; i--) {
    const m = await loadGitignore(chain[i]);
    if (m) matchers.push(m);
  }
  return matchers;
}

async function entryIsDir(dir: string, entry: Dirent): Promise<boolean | undefined> {
  if (entry.isDirectory()) return true;
  if (entry.isFile()) return false;
  if (!entry.isSymbolicLink()) return undefined; // sockets, fifos, devices: nothing to read
  const target = await stat(join(dir, entry.name)).catch(() => undefined);
  if (!target) return undefined;
  return target.isDirectory() ? true : target.isFile() ? false : undefined;
}

/** Yields files and directories under root (sorted, depth-first, parents first), skipping ignored ones.
 *  Symlinked directories are listed but not entered, so a link loop cannot trap the walk. */
export async function* walkTree(root: string, opts: { cwd: string; signal?: AbortSignal }): AsyncGenerator<WalkEntry> {
  const matchers = await ancestorMatchers(root, opts.cwd);
  async function* visit(dir: string, depthMatchers: Matcher[]): AsyncGenerator<WalkEntry> {
    if (opts.signal?.aborted) return;
    const own = await loadGitignore(dir);
    const active = own ? [...depthMatchers, own] : depthMatchers;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === ".git") continue;
      const abs = join(dir, entry.name);
      const isDir = await entryIsDir(dir, entry);
      if (isDir === undefined || isIgnored(active, abs, isDir)) continue;
      yield { abs, rel: toPosix(relative(root, abs)), isDir };
      if (isDir && !entry.isSymbolicLink()) yield* visit(abs, active);
    }
  }
  yield* visit(root, matchers);
}
