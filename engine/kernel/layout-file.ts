// Layout files on disk (`--layout` or config `layout: file`): YAML and JSON here; other layers
// (lua/ for `.lua`) register loaders for their own extensions.
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { LayoutError, parseLayoutTable, type LayoutNode } from "../../layout/layout-table.js";

/** Reads one layout file and returns its raw table (not yet validated). */
export type LayoutFileLoader = (path: string) => unknown;

const loaders = new Map<string, LayoutFileLoader>();

/** Registers the loader for an extension such as ".lua" (replacing any earlier one). */
export function registerLayoutFileLoader(ext: string, fn: LayoutFileLoader): void {
  loaders.set(normalizeExt(ext), fn);
}

function normalizeExt(ext: string): string {
  const e = ext.toLowerCase();
  return e.startsWith(".") ? e : `.${e}`;
}

function fileError(path: string, reason: string): LayoutError {
  return new LayoutError(path, reason);
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.message;
    throw fileError(path, `cannot read: ${why}`);
  }
}

function loadYaml(path: string): unknown {
  try {
    return parseYaml(readText(path));
  } catch (e) {
    if (!(e instanceof YAMLParseError)) throw e;
    const line = e.linePos?.[0]?.line;
    const first = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw fileError(line === undefined ? path : `${path}:${line}`, first);
  }
}

function loadJson(path: string): unknown {
  try {
    return JSON.parse(readText(path));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw fileError(path, `invalid JSON: ${e.message}`);
  }
}

/** Loads a layout file's raw table by extension; errors read `layout: <file>: <reason>`. */
export function loadLayoutFile(path: string): unknown {
  const ext = extname(path).toLowerCase();
  const custom = loaders.get(ext);
  if (custom !== undefined) return custom(path);
  if (ext === ".yaml" || ext === ".yml") return loadYaml(path);
  if (ext === ".json") return loadJson(path);
  if (ext === ".lua") {
    throw fileError(path, `${basename(path)} is a Lua layout file, and no Lua loader is registered for .lua`);
  }
  throw fileError(path, `expected a .yaml, .yml, .json or .lua file, got "${ext || basename(path)}"`);
}

/** Loads and validates a layout file; validation errors name the file before the node path. */
export function parseLayoutFile(path: string): LayoutNode {
  const raw = loadLayoutFile(path);
  try {
    return parseLayoutTable(raw);
  } catch (e) {
    if (!(e instanceof LayoutError)) throw e;
    throw fileError(path, e.path === "" ? e.reason : `${e.path}: ${e.reason}`);
  }
}
