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

/** abs relative to base, `/`-separated (abs is inside base: the walk only asks about its own entries). */
function relativeTo(base: string, abs: string): string {
  if (abs.startsWith(base)) {
    if (base.endsWith(sep)) return toPosix(abs.slice(base.length));
    if (abs.length === base.length) return "";
    if (abs[base.length] === sep) return toPosix(abs.slice(base.length + 1));
  }
  return toPosix(relative(base, abs));
}

/** Whether the deepest matcher with an opinion ignores abs (git's precedence for nested .gitignore files). */
function isIgnored(matchers: Matcher[], abs: string, isDir: boolean): boolean {
  for (let i = matchers.length - 1; i >= 0; i--) {
    const rel = relativeTo(matchers[i].base, abs);
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
  const target = await stat(join(dir, entry.name)).catch(() => undefined);
  if (!target) return undefined;
  return target.isDirectory() ? true : target.isFile() ? false : undefined;
}

/** What a folder's listing is about to yield: an entry, and for a folder to enter, its listing (already being read). */
type Item = { entry: WalkEntry; listing?: Promise<Dirent[]> };
/** A folder being walked: its items and how far the walk is through them. */
type Frame = { items: Item[]; next: number; matchers: Matcher[] };

function listDir(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
}

/** One folder's entries in order, ignored ones left out; the folders to enter start being listed
 *  now, so the walk waits for one listing while the next ones are read. */
async function openDir(dir: string, rel: string, listing: Promise<Dirent[]>, inherited: Matcher[]): Promise<Frame> {
  const entries = await listing;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Only a folder that lists a .gitignore has one to read (trying each folder costs a failed open).
  const own = entries.some((e) => e.name === ".gitignore") ? await loadGitignore(dir) : undefined;
  const matchers = own ? [...inherited, own] : inherited;
  const items: Item[] = [];
  for (const e of entries) {
    if (e.name === ".git") continue;
    // Sockets, fifos and devices have nothing to read; a symlink is what it points to.
    const isDir = e.isDirectory() ? true : e.isFile() ? false : e.isSymbolicLink() ? await entryIsDir(dir, e) : undefined;
    const abs = join(dir, e.name);
    if (isDir === undefined || isIgnored(matchers, abs, isDir)) continue;
    const entry = { abs, rel: rel === "" ? e.name : `${rel}/${e.name}`, isDir };
    items.push(isDir && !e.isSymbolicLink() ? { entry, listing: listDir(abs) } : { entry });
  }
  return { items, next: 0, matchers };
}

/** Yields files and directories under root (sorted, depth-first, parents first), skipping ignored ones.
 *  Symlinked directories are listed but not entered, so a link loop cannot trap the walk. */
export async function* walkTree(root: string, opts: { cwd: string; signal?: AbortSignal }): AsyncGenerator<WalkEntry> {
  const matchers = await ancestorMatchers(root, opts.cwd);
  // An explicit stack, not nested generators: each entry is yielded once, not through every level above it.
  const stack: Frame[] = [await openDir(root, "", listDir(root), matchers)];
  while (stack.length > 0) {
    if (opts.signal?.aborted) return;
    const top = stack[stack.length - 1]!;
    const item = top.items[top.next++];
    if (item === undefined) {
      stack.pop();
      continue;
    }
    yield item.entry;
    if (item.listing) stack.push(await openDir(item.entry.abs, item.entry.rel, item.listing, top.matchers));
  }
}
