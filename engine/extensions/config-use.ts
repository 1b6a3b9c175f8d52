// Editing `extensions.use` in one config file (the project's or, with --global, $LIBRECODE_HOME's),
// keeping the rest of the YAML (comments, order) as it was.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { defaultConfig, type ExtensionUse } from "../config/config-schema.js";
import { lazyYaml } from "../config/lazy-yaml.js";

/** The config file `extension add/remove` edit. */
export function configPath(where: { cwd: string; home: string; global?: boolean }): string {
  return where.global ? join(where.home, "config.yaml") : join(where.cwd, ".librecode", "config.yaml");
}

/** The `extensions.use` list a file writes, or undefined when it writes none. */
export function readUse(file: string): ExtensionUse[] | undefined {
  if (!existsSync(file)) return undefined;
  const v = lazyYaml().parse(readFileSync(file, "utf8")) as { extensions?: { use?: ExtensionUse[] } } | null;
  const use = v?.extensions?.use;
  return Array.isArray(use) ? use : undefined;
}

/** The source string of a use entry without its version. */
export function useSource(entry: ExtensionUse): string {
  return typeof entry === "string" ? entry : entry.source;
}

/** The version a use entry asks for ("" when none). */
export function useVersion(entry: ExtensionUse): string {
  return typeof entry === "string" ? "" : (entry.version ?? "");
}

/**
 * Rewrites the file's `extensions.use` with `edit` applied. A file without a list starts from the
 * list it inherits (`inherited`: the layers below, else the default), since a list replaces it.
 */
export function editUse(file: string, inherited: ExtensionUse[] | undefined, edit: (use: ExtensionUse[]) => ExtensionUse[]): void {
  const { parseDocument } = lazyYaml();
  const doc = parseDocument(existsSync(file) ? readFileSync(file, "utf8") : "");
  const current = readUse(file) ?? inherited ?? defaultConfig().extensions.use;
  const next = edit([...current]);
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  doc.setIn(["extensions", "use"], doc.createNode(next));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, doc.toString());
  renameSync(tmp, file);
}
