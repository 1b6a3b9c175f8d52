// The only transport: the `git` program. Clones into a temp directory, reads refs, checks out a
// commit and copies the wanted subdirectory out (without .git).
import { childProcess } from "../kernel/child-process.js";
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A git command that failed; the message is git's last line of complaint. */
export class GitError extends Error {
  override name = "GitError";
}

/** Runs git; throws GitError with its stderr's last line on failure. */
export function git(args: string[], cwd?: string): string {
  const r = childProcess().spawnSync("git", args, {
    cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
    // Never ask for a password on the terminal: a private repo fails instead of hanging.
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", LC_ALL: "C" },
  });
  if (r.error) throw new GitError(`git: ${r.error.message}`);
  if (r.status !== 0) {
    const last = (r.stderr || r.stdout).trim().split("\n").filter((l) => l.trim() !== "").pop() ?? `exit ${r.status}`;
    throw new GitError(last.replace(/^fatal: /, ""));
  }
  return r.stdout;
}

/** A clone in a temp directory; `dispose` removes it. */
export type Clone = { dir: string; dispose: () => void };

/** Clones url (all branches and tags, no checkout) into a new temp directory. */
export function cloneRepo(url: string): Clone {
  const parent = mkdtempSync(join(tmpdir(), "librecode-git-"));
  const dispose = () => rmSync(parent, { recursive: true, force: true });
  try {
    git(["clone", "--quiet", "--no-checkout", "--", url, join(parent, "repo")]);
  } catch (e) {
    dispose();
    throw e;
  }
  return { dir: join(parent, "repo"), dispose };
}

/** Tags and remote branches of a clone, each name -> commit. */
export function listRefs(repo: string): { tags: Map<string, string>; branches: Map<string, string>; head: string | undefined } {
  const tags = new Map<string, string>();
  const branches = new Map<string, string>();
  const out = git(["for-each-ref", "--format=%(refname) %(objectname) %(*objectname)", "refs/tags", "refs/remotes/origin"], repo);
  for (const line of out.split("\n")) {
    const [ref, obj, peeled] = line.split(" ");
    if (!ref) continue;
    // An annotated tag names a tag object; its peeled value is the commit.
    if (ref.startsWith("refs/tags/")) tags.set(ref.slice("refs/tags/".length), peeled || obj!);
    else if (ref !== "refs/remotes/origin/HEAD") branches.set(ref.slice("refs/remotes/origin/".length), obj!);
  }
  let head: string | undefined;
  try {
    head = git(["rev-parse", "--verify", "--quiet", "refs/remotes/origin/HEAD^{commit}"], repo).trim() || undefined;
  } catch {
    head = undefined;
  }
  return { tags, branches, head };
}

/** The full commit id for a (possibly abbreviated) commit, or undefined when the clone has none. */
export function findCommit(repo: string, rev: string): string | undefined {
  try {
    return git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], repo).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Checks out commit and copies `subdir` (or the whole tree) to dest, leaving .git behind. */
export function exportTree(repo: string, commit: string, subdir: string | undefined, dest: string): void {
  git(["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit], repo);
  const from = subdir ? join(repo, subdir) : repo;
  if (!existsSync(from) || !statSync(from).isDirectory()) throw new GitError(`${subdir}: no such directory at ${commit.slice(0, 12)}`);
  cpSync(from, dest, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes(".git") || src === from });
}
