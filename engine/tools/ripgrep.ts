// ripgrep, when installed, searches big trees much faster than the JS walker; its output is parsed
// into the same matches. Anything unusual (rg missing, a pattern rg's regex engine rejects) returns
// undefined and the caller falls back to the walker.
import { childProcess } from "../kernel/child-process.js";
import { basename, dirname, resolve } from "node:path";

export type GrepMatch = { file: string; line: number; text: string };

let available: boolean | undefined;

/** Whether an `rg` executable is on PATH (checked once per process). */
export function ripgrepAvailable(): boolean {
  available ??= childProcess().spawnSync("rg", ["--version"], { stdio: "ignore" }).status === 0;
  return available;
}

export type RipgrepQuery = {
  pattern: string;
  root: string;
  rootIsDir: boolean;
  glob?: string;
  ignoreCase: boolean;
  limit: number;
  signal: AbortSignal;
};

/** Runs rg and collects up to limit + 1 matches (absolute file paths), or undefined when rg failed. */
export function ripgrepSearch(q: RipgrepQuery): Promise<GrepMatch[] | undefined> {
  const args = ["--line-number", "--no-heading", "--with-filename", "--null", "--color", "never", "--hidden",
    "--no-require-git", "--sort", "path", "--no-messages", "--glob", "!.git"];
  if (q.ignoreCase) args.push("--ignore-case");
  if (q.glob !== undefined) args.push("--glob", q.glob);
  // rg anchors globs like "src/*.ts" at its working directory, so it runs inside the searched directory.
  const cwd = q.rootIsDir ? q.root : dirname(q.root);
  args.push("--regexp", q.pattern, "--", q.rootIsDir ? "." : basename(q.root));
  return new Promise((settle) => {
    const child = childProcess().spawn("rg", args, { cwd, stdio: ["ignore", "pipe", "ignore"], signal: q.signal });
    const matches: GrepMatch[] = [];
    let pending = "";
    let done = false;
    const take = (line: string) => {
      const nul = line.indexOf("\0");
      const colon = line.indexOf(":", nul + 1);
      if (nul === -1 || colon === -1) return;
      matches.push({ file: resolve(cwd, line.slice(0, nul)), line: Number(line.slice(nul + 1, colon)), text: line.slice(colon + 1) });
      if (matches.length > q.limit && !done) {
        done = true;
        child.kill("SIGKILL");
      }
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (done) return;
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (!done) take(line);
    });
    child.on("error", () => settle(undefined));
    child.on("close", (code) => {
      if (!done && pending !== "") take(pending);
      // 0: matches, 1: none; 2 with matches means some files were unreadable, which is fine.
      if (done || code === 0 || code === 1 || (code === 2 && matches.length > 0)) settle(matches.slice(0, q.limit + 1));
      else settle(undefined);
    });
  });
}
