// extensions.use entries and init.lua manifests, parsed and checked.
import path from "node:path";
import { parseExtensionSource, type ExtensionScheme } from "../engine/config/extension-source.js";
import { lockedDir } from "../engine/extensions/locked-dir.js";
import { luaTypeOf } from "./lua-value.js";

/** One `extensions.use` entry after parsing. */
export type ExtensionSource = {
  /** The entry as written (`path:./ext`, `github:me/tools//vim`). */
  raw: string;
  scheme: ExtensionScheme;
  value: string;
  version?: string;
};

/** What an extension's `init.lua` declares. */
export type Manifest = { name: string; version: string; apiVersion: string; description: string; entry: string };

/** A configuration mistake in `extensions.use`, named by its place in the list. */
export class ExtensionConfigError extends Error {
  override name = "ExtensionConfigError";
}

/** Parses one `extensions.use` entry (`scheme:value` or `{source=, version=}`); throws ExtensionConfigError. */
export function parseSource(entry: unknown, where: string): ExtensionSource {
  let raw: unknown = entry;
  let version: string | undefined;
  if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
    const t = entry as Record<string, unknown>;
    raw = t.source;
    if (t.version !== undefined) version = String(t.version);
  }
  if (typeof raw !== "string") throw new ExtensionConfigError(`extensions: ${where}: expected "scheme:value" or {source=, version=}, got ${JSON.stringify(entry) ?? typeof entry}`);
  try {
    const { scheme, value } = parseExtensionSource(raw);
    return { raw, scheme, value, version };
  } catch (e) {
    throw new ExtensionConfigError(`extensions: ${where}: ${(e as Error).message}`);
  }
}

/**
 * Where a source lives on disk: `path:` against cwd; the others at the commit the lock pins in
 * `$LIBRECODE_HOME/extensions/store` (checked against the lock's hash), or why they cannot load.
 */
export function resolveSource(src: ExtensionSource, cwd: string, home: string): { dir: string } | { problem: string } {
  if (src.scheme === "path") return { dir: path.resolve(cwd, src.value) };
  return lockedDir(src.raw, cwd, home);
}

/** Validates the table an `init.lua` returned; `fallbackName` is the directory name. */
export function parseManifest(value: unknown, fallbackName: string): Manifest {
  if (value === undefined) return { name: fallbackName, version: "", apiVersion: "", description: "", entry: "main.lua" };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`manifest: init.lua: expected a table {name, version, api_version, description, entry}, got ${luaTypeOf(value)}`);
  }
  const t = value as Record<string, unknown>;
  const field = (k: string): string => {
    const v = t[k];
    if (v === undefined) return "";
    if (typeof v !== "string" && typeof v !== "number") throw new Error(`manifest: init.lua: ${k}: expected string, got ${luaTypeOf(v)}`);
    return String(v);
  };
  const entry = field("entry") || "main.lua";
  if (path.isAbsolute(entry) || entry.split(/[\\/]+/).includes("..")) {
    throw new Error(`manifest: init.lua: entry: expected a relative path without .., got ${JSON.stringify(entry)}`);
  }
  return { name: field("name") || fallbackName, version: field("version"), apiVersion: field("api_version"), description: field("description"), entry };
}

/** A `path:` source for a path given on the command line (`render --extension ./x`), not validated. */
export function pathSource(p: string): ExtensionSource {
  return { raw: `path:${p}`, scheme: "path", value: p };
}
