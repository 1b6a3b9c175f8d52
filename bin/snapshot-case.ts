// One `*.snap.yaml` case: `{size: WxH, layout?, extension?, keys?, transcript?, theme?, bare?}`, with
// paths relative to the case file, turned into renderScreen options.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { lazyYaml } from "../engine/config/lazy-yaml.js";
import { missingExtensionPath } from "./extension-paths.js";
import type { RenderScreenOptions } from "./render-screen.js";

/** A case file that cannot be run; the message names the file and the key. */
export class SnapshotCaseError extends Error {
  override name = "UsageError";
}

export type SnapshotCase = { file: string; expected: string; options: RenderScreenOptions };

const KEYS = ["size", "layout", "extension", "keys", "transcript", "theme", "bare"];

/** `dir/name.snap.yaml` -> `dir/name.txt`: where the expected frame lives. */
export function expectedFile(caseFile: string): string {
  return join(dirname(caseFile), `${basename(caseFile).replace(/\.snap\.ya?ml$/, "")}.txt`);
}

/** Reads and checks a case file. */
export function readSnapshotCase(file: string, shown: string): SnapshotCase {
  const fail = (msg: string): never => {
    throw new SnapshotCaseError(`snapshot: ${shown}: ${msg}`);
  };
  let value: unknown;
  try {
    value = lazyYaml().parse(readFileSync(file, "utf8"));
  } catch (e) {
    return fail(`invalid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fail("expected a mapping {size, layout?, extension?, keys?, transcript?, theme?, bare?}");
  const t = value as Record<string, unknown>;
  for (const k of Object.keys(t)) if (!KEYS.includes(k)) fail(`${k}: unknown key (expected one of ${KEYS.join(", ")})`);
  if (typeof t.size !== "string") fail(`size: expected WIDTHxHEIGHT (e.g. 80x24), got ${JSON.stringify(t.size) ?? "nothing"}`);
  const options: RenderScreenOptions = { size: t.size as string, cwd: dirname(file) };
  const str = (k: string): string | undefined => {
    if (t[k] === undefined) return undefined;
    if (typeof t[k] !== "string") fail(`${k}: expected a string, got ${JSON.stringify(t[k])}`);
    return t[k] as string;
  };
  if (t.layout !== undefined) {
    if (typeof t.layout === "string" || (typeof t.layout === "object" && t.layout !== null && !Array.isArray(t.layout))) options.layout = t.layout as RenderScreenOptions["layout"];
    else fail(`layout: expected a file name or a layout table, got ${JSON.stringify(t.layout)}`);
  }
  if (t.extension !== undefined) {
    const list = Array.isArray(t.extension) ? t.extension : [t.extension];
    if (list.some((p) => typeof p !== "string")) fail(`extension: expected a path or a list of paths, got ${JSON.stringify(t.extension)}`);
    // Checked here, not left to the render: the case is bad and no frame is written for it.
    const missing = missingExtensionPath(list as string[], dirname(file));
    if (missing) fail(`extension: ${missing.path}: no such file or directory`);
    options.extensions = list as string[];
  }
  const keys = str("keys");
  if (keys !== undefined) options.keys = keys;
  const transcript = str("transcript");
  if (transcript !== undefined) options.transcript = transcript;
  const theme = str("theme");
  if (theme !== undefined) {
    if (theme !== "dark" && theme !== "light") fail(`theme: expected dark or light, got "${theme}"`);
    options.theme = theme as "dark" | "light";
  }
  if (t.bare !== undefined) {
    if (typeof t.bare !== "boolean") fail(`bare: expected true or false, got ${JSON.stringify(t.bare)}`);
    options.bare = t.bare as boolean;
  }
  return { file, expected: expectedFile(file), options };
}
