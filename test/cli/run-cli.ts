// Runs the real bin/librecode (dist/ built from the current sources) in a temp directory.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "../support/temp-tree.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = join(ROOT, "bin", "librecode");

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith(".ts")) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when a source is newer than it (`npm test` has built already; a lone vitest run may not have). */
export function ensureBuilt(): void {
  const main = join(ROOT, "dist", "bin", "main.js");
  const mtime = (p: string): number => { try { return statSync(p).mtimeMs; } catch { return -1; } };
  const stale = (): boolean => {
    const built = mtime(main);
    if (built < 0) return true;
    // bin/librecode runs the start-up bundle only when it is not older than dist/: a stale one
    // would make the tmux tests run the unbundled chat, not what users run.
    if (mtime(join(ROOT, "dist", "bundle", "chat-main.cjs")) < mtime(join(ROOT, "dist", "bin", "chat-main.js"))) return true;
    return ["bin", "engine", "ui", "lua", "layout"].some((d) => newest(join(ROOT, d)) > built);
  };
  if (!stale()) return;
  // Test files run in parallel: the lock makes the others wait for one build, then find it fresh.
  spawnSync("flock", ["/tmp/librecode-test-build.lock", "sh", "-c", "npx tsc -p tsconfig.build.json >/dev/null 2>&1; node scripts/bundle.mjs >/dev/null 2>&1; true"], { cwd: ROOT, stdio: "ignore" });
}

export type CliResult = { stdout: string; stderr: string; code: number };

/**
 * A scratch project in a temp dir that is also $HOME (so the status line shows `~/project`):
 * cwd `project/`, LIBRECODE_HOME `home/`, with files written from `files`.
 */
export function scratch(files: Record<string, string> = {}): { root: string; cwd: string; home: string; path(p: string): string } {
  const root = tempDir("librecode-cli-");
  const cwd = join(root, "project");
  const home = join(root, "home");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(home, { recursive: true });
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(cwd, p)), { recursive: true });
    writeFileSync(join(cwd, p), text);
  }
  return { root, cwd, home, path: (p) => join(cwd, p) };
}

/** Runs `librecode ARGS` in `cwd` with a clean environment (no API keys, no colour preferences). */
export function cli(args: string[], where: { root: string; cwd: string; home: string }, input?: string,
  extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: where.root, LIBRECODE_HOME: where.home, ...extraEnv };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: where.cwd, env, timeout: 20000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code: code ?? -1 }));
    child.stdin.end(input ?? "");
  });
}
