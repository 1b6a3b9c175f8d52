// `librecode extension add/remove/install/update/tidy/doctor`: the manager in engine/extensions,
// plus doctor's manifest checks (which need Lua).
import { librecodeHome } from "../engine/config/index.js";
import { doctorCheck } from "../engine/extensions/doctor.js";
import { addExtension, installExtensions, removeExtension, tidyStore, updateExtensions, type ManagerContext } from "../engine/extensions/manager.js";
import { Runtime } from "../engine/kernel/runtime.js";
import { discoverExtensions } from "../lua/extension-discovery.js";
import { manifestProblem } from "../lua/extension-loader.js";
import { pathSource } from "../lua/extension-manifest.js";
import { printLines } from "./cli-output.js";

export type ManageFlags = { global?: boolean };

function context(flags: ManageFlags): ManagerContext {
  return { cwd: process.cwd(), home: librecodeHome(), env: process.env, global: flags.global === true };
}

/** Runs one manager command; its errors keep their kind (usage: exit 2, failure: exit 1) and gain the command's name. */
function run(command: string, fn: () => string[]): void {
  try {
    printLines(fn());
  } catch (e) {
    const err = e as Error;
    const prefixed = err.message.startsWith(`extension ${command}:`) ? err.message : `extension ${command}: ${err.message}`;
    const out = new Error(prefixed);
    out.name = err.name;
    throw out;
  }
}

export function runExtensionAdd(spec: string, flags: ManageFlags): void {
  run("add", () => addExtension(context(flags), spec));
}

export function runExtensionRemove(what: string, flags: ManageFlags): void {
  run("remove", () => removeExtension(context(flags), what));
}

export function runExtensionInstall(flags: ManageFlags): void {
  run("install", () => installExtensions(context(flags)));
}

export function runExtensionUpdate(names: string[], flags: ManageFlags): void {
  run("update", () => updateExtensions(context(flags), names));
}

export function runExtensionTidy(): void {
  run("tidy", () => tidyStore(context({})));
}

/** Every problem with config, locks, store, hashes and manifests; exit 1 when there is any. */
export function doctorLines(ctx: ManagerContext): { problems: string[]; checked: number } {
  const report = doctorCheck(ctx);
  const problems = [...report.problems];
  const rt = new Runtime({ cwd: ctx.cwd });
  let checked = 0;
  for (const { source, dir } of report.dirs) {
    for (const d of discoverExtensions([pathSource(dir)], ctx.cwd, ctx.home)) {
      for (const c of d.candidates) {
        checked++;
        const p = manifestProblem(rt, c);
        if (p) problems.push(`${source}: ${c.kind === "manifest" && c.root === dir ? "" : `${c.name}: `}${p}`);
      }
    }
  }
  return { problems, checked };
}

export function runExtensionDoctor(): void {
  const { problems, checked } = doctorLines(context({}));
  if (problems.length > 0) {
    printLines(problems);
    process.exitCode = 1;
    return;
  }
  printLines([`no problems (${checked} extension${checked === 1 ? "" : "s"} checked)`]);
}
