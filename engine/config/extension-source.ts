// Parsing and validation of `extensions.use` entries (`path:`, `official:`, `github:`, `git:`).

export type ExtensionScheme = "path" | "official" | "github" | "git";

/** A validated extension source; `subdir` for github and git sources written `...//subdir`. */
export type ExtensionSource = {
  scheme: ExtensionScheme;
  value: string;
  version?: string;
  owner?: string;
  repo?: string;
  /** The repository URL of a `git:` source. */
  url?: string;
  subdir?: string;
};

const SCHEMES: readonly ExtensionScheme[] = ["path", "official", "github", "git"];

/** `URL[//SUBDIR]` split where the subdirectory starts: the first `//` after the URL's own `scheme://`. */
export function splitGitUrl(value: string): { url: string; subdir?: string } {
  const proto = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  const from = proto ? proto[0].length : 0;
  // file:///x keeps its third slash: the subdir separator is a `//` after at least one character.
  const at = value.indexOf("//", from + 1);
  if (at < 0) return { url: value };
  return { url: value.slice(0, at), subdir: value.slice(at + 2) };
}

/** Why `source` is not a valid `scheme:value` string, or undefined when it is. */
export function extensionSourceProblem(source: string): string | undefined {
  const got = JSON.stringify(source);
  const colon = source.indexOf(":");
  const scheme = colon < 0 ? "" : source.slice(0, colon);
  if (!SCHEMES.includes(scheme as ExtensionScheme)) {
    return `expected a source path:, official:, github: or git:, got ${got}`;
  }
  const value = source.slice(colon + 1);
  if (value.trim() === "") return `expected a value after "${scheme}:", got ${got}`;
  const checked = scheme === "git" ? (splitGitUrl(value).subdir ?? "") : value;
  if (scheme === "git" && /\s/.test(value)) return `expected git:<url>[//<subdir>] without spaces, got ${got}`;
  if (checked.split(/[\\/]/).some((seg) => seg === "." || seg === "..")) {
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
  if (scheme === "git") {
    const { url, subdir } = splitGitUrl(value);
    out.url = url;
    if (subdir) out.subdir = subdir;
  }
  return out;
}
