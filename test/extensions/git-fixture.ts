// Real git repositories in a temp dir, served as `file://` URLs: `github:OWNER/REPO` resolves
// under `LIBRECODE_GITHUB_URL=file://<root>/gh`.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import type { ManagerContext } from "../../engine/extensions/manager.js";

/** Runs git in dir with a fixed identity; returns stdout. */
export function git(dir: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", ...args], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A manifest extension's files under `prefix` whose command `name` answers `answer`. */
export function extFiles(prefix: string, name: string, answer: string, apiVersion = "1"): Record<string, string> {
  return {
    [`${prefix}init.lua`]: `return {name = "${name}", version = "1.0.0", api_version = "${apiVersion}", entry = "main.lua"}\n`,
    [`${prefix}main.lua`]: `librecode.register_command("${name}", "", function() return "${answer}" end)\n`,
  };
}

export type World = {
  root: string;
  ctx: ManagerContext;
  /** A fresh context for another project (or another machine with `home`). */
  project(name: string, home?: string): ManagerContext;
  /** Writes files into repo OWNER/REPO, commits them, and tags the commit when `tag` is given; returns the commit. */
  commit(repo: string, files: Record<string, string>, tag?: string): string;
  repoDir(repo: string): string;
  cleanup(): void;
};

/** A temp world: repos under `gh/`, a project `proj/`, `LIBRECODE_HOME` `home/`. */
export function world(): World {
  const root = mkdtempSync(join(tmpdir(), "lc-mgr-"));
  const gh = join(root, "gh");
  const env = { LIBRECODE_GITHUB_URL: `file://${gh}`, LIBRECODE_OFFICIAL_INDEX: join(root, "official.json") };
  const project = (name: string, home = join(root, "home")): ManagerContext => {
    mkdirSync(join(root, name), { recursive: true });
    return { cwd: join(root, name), home, env };
  };
  const repoDir = (repo: string) => join(gh, repo);
  return {
    root, ctx: project("proj"), project, repoDir,
    commit(repo, files, tag) {
      const dir = repoDir(repo);
      if (!existsSync(join(dir, ".git"))) {
        mkdirSync(dir, { recursive: true });
        git(dir, "init", "-q");
      }
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", tag ?? "change");
      if (tag) git(dir, "tag", "-a", tag, "-m", tag);
      return git(dir, "rev-parse", "HEAD");
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Copies a repository (with its .git) to dest. */
export function copyRepo(from: string, dest: string): void {
  cpSync(from, dest, { recursive: true });
}

/** Every file below dir (relative, sorted), with its text: a snapshot to compare before and after. */
export function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}
