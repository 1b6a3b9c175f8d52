// Parsing and validation of `extensions.use` entries (`path:`, `official:`, `github:`).

export type ExtensionScheme = "path" | "official" | "github";

/** A validated extension source; `subdir` only for github sources written `owner/repo//subdir`. */
export type ExtensionSource = {
  scheme: ExtensionScheme;
  value: string;
  version?: string;
  owner?: string;
  repo?: string;
  subdir?: string;
};

const SCHEMES: readonly ExtensionScheme[] = ["path", "official", "github"];

/** Why `source` is not a valid `scheme:value` string, or undefined when it is. */
export function extensionSourceProblem(source: string): string | undefined {
  const got = JSON.stringify(source);
  const colon = source.indexOf(":");
  const scheme = colon < 0 ? "" : source.slice(0, colon);
  if (!SCHEMES.includes(scheme as ExtensionScheme)) {
    return `expected a source path:, official: or github:, got ${got}`;
  }
  const value = source.slice(colon + 1);
  if (value.trim() === "") return `expected a value after "${scheme}:", got ${got}`;
  if (value.split(/[\\/]/).some((seg) => seg === "." || seg === "..")) {
    return `expected no "." or ".." path segments, got ${got}`;
  }
  if (scheme === "official" && value.includes("/")) {
    return `expected an official extension name without "/", got ${got}`;
  }
  if (scheme === "github" && !/^[^/\s]+\/[^/\s]+(\/\/[^\s]+)?$/.test(value)) {
    return `expected github:<owner>/<repo>[//<subdir>], got ${got}`;
  }
  return undefined;
}

/** Parses one `extensions.use` entry; throws Error(problem) when it is invalid. */
export function parseExtensionSource(entry: string | { source: string; version?: string }): ExtensionSource {
  const raw = typeof entry === "string" ? entry : entry.source;
  const problem = extensionSourceProblem(raw);
  if (problem) throw new Error(problem);
  const colon = raw.indexOf(":");
  const scheme = raw.slice(0, colon) as ExtensionScheme;
  const value = raw.slice(colon + 1);
  const out: ExtensionSource = { scheme, value };
  if (typeof entry !== "string" && entry.version !== undefined) out.version = entry.version;
  if (scheme === "github") {
    const [repoPart, subdir] = value.split("//", 2) as [string, string | undefined];
    const [owner, repo] = repoPart.split("/") as [string, string];
    out.owner = owner;
    out.repo = repo;
    if (subdir) out.subdir = subdir;
  }
  return out;
}
