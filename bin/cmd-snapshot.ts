// `librecode snapshot [DIR|FILE...] [--update]`: every `*.snap.yaml` case rendered as `render`
// would, compared with the `.txt` beside it; a unified diff per difference, exit 1 on any.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { formatExtensionError } from "../lua/extension-host.js";
import { renderScreen } from "./render-screen.js";
import { readSnapshotCase } from "./snapshot-case.js";
import { UsageError } from "./usage-error.js";

export type SnapshotFlags = { update?: boolean };

const CASE = /\.snap\.ya?ml$/;

/** Every case file under the given files and directories (default `.`), sorted, each once. */
export function findCases(targets: string[], cwd: string): string[] {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (CASE.test(e.name)) out.add(p);
    }
  };
  for (const t of targets.length > 0 ? targets : ["."]) {
    const p = resolve(cwd, t);
    if (!existsSync(p)) throw new UsageError(`snapshot: ${t}: no such file or directory`);
    if (statSync(p).isDirectory()) walk(p);
    else if (CASE.test(p)) out.add(p);
    else throw new UsageError(`snapshot: ${t}: expected a directory or a *.snap.yaml file`);
  }
  return [...out].sort();
}

/** Outcome of one case: `diff` is set when the frame differs from the `.txt`. */
export type CaseResult = { file: string; status: "ok" | "updated" | "differs" | "missing"; diff?: string; errors: string[] };

/** Renders one case and compares (or, with update, writes) its `.txt`. */
export async function runCase(file: string, cwd: string, update: boolean): Promise<CaseResult> {
  const shown = relative(cwd, file) || file;
  const c = readSnapshotCase(file, shown);
  const screen = await renderScreen(c.options);
  const errors = screen.json.errors.map((e) => (e.owner === "host" ? `${e.where}: ${e.message}` : formatExtensionError(e)));
  const had = existsSync(c.expected) ? readFileSync(c.expected, "utf8") : undefined;
  if (had === screen.text) return { file: shown, status: "ok", errors };
  if (update) {
    writeFileSync(c.expected, screen.text);
    return { file: shown, status: "updated", errors };
  }
  const txt = relative(cwd, c.expected) || c.expected;
  if (had === undefined) return { file: shown, status: "missing", errors };
  return { file: shown, status: "differs", diff: createTwoFilesPatch(txt, `${shown} (rendered)`, had, screen.text), errors };
}

/** Runs the cases; prints `ok`/`FAIL`/`updated` per case, the diffs, then a count line. */
export async function runSnapshot(targets: string[], flags: SnapshotFlags): Promise<void> {
  const cwd = process.cwd();
  const files = findCases(targets, cwd);
  if (files.length === 0) throw new UsageError(`snapshot: no *.snap.yaml case under ${targets.length > 0 ? targets.join(", ") : "."}`);
  let failed = 0;
  for (const f of files) {
    const r = await runCase(f, cwd, flags.update === true);
    for (const e of r.errors) process.stderr.write(`${r.file}: ${e}\n`);
    if (r.status === "ok" || r.status === "updated") {
      process.stdout.write(`${r.status === "ok" ? "ok     " : "updated"} ${r.file}\n`);
      continue;
    }
    failed++;
    process.stdout.write(r.status === "missing" ? `FAIL    ${r.file}: no expected frame yet (run with --update to write it)\n` : `FAIL    ${r.file}\n${r.diff}`);
  }
  process.stdout.write(`${files.length - failed} passed, ${failed} failed\n`);
  if (failed > 0) process.exitCode = 1;
}
