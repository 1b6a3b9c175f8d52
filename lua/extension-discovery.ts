// Finding extensions on disk: each extensions.use entry resolved to init.lua directories and *.lua files.
import fs from "node:fs";
import path from "node:path";
import type { ExtensionSource } from "./extension-manifest.js";
import { resolveSource } from "./extension-manifest.js";
import { shortName } from "../engine/extensions/manager.js";

/** One extension found on disk: a directory with `init.lua`, or a single `*.lua` file. */
export type ExtensionCandidate = {
  kind: "manifest" | "file";
  /** The extension root: its directory (on package.path). */
  root: string;
  /** `init.lua` for a manifest, the file itself otherwise. */
  file: string;
  /** Default name: the directory name or the file name without `.lua`. */
  name: string;
};

/** What one `use` entry resolved to. */
export type DiscoveredSource = {
  source: ExtensionSource;
  dir: string;
  status: "found" | "missing";
  reason?: string;
  candidates: ExtensionCandidate[];
};

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function manifestAt(dir: string): ExtensionCandidate {
  return { kind: "manifest", root: dir, file: path.join(dir, "init.lua"), name: path.basename(dir) };
}

// Every *.lua below dir, skipping `lua/` dirs and taking a subdir with init.lua as one extension.
function walk(dir: string, out: ExtensionCandidate[], seenDirs: Set<string>): void {
  const real = realpath(dir);
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isReg = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(full);
        isDir = st.isDirectory();
        isReg = st.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) {
      if (e.name === "lua") continue;
      if (isFile(path.join(full, "init.lua"))) out.push(manifestAt(full));
      else walk(full, out, seenDirs);
    } else if (isReg && e.name.endsWith(".lua")) {
      out.push({ kind: "file", root: dir, file: full, name: e.name.slice(0, -4) });
    }
  }
}

/**
 * Resolves `use` entries to extension candidates in load order: the `use` order, then by path.
 * A file reached twice (symlinks, overlapping entries) loads once, at its first place.
 */
export function discoverExtensions(sources: ExtensionSource[], cwd: string, home: string): DiscoveredSource[] {
  const seen = new Set<string>();
  return sources.map((source) => {
    const where = resolveSource(source, cwd, home);
    if ("problem" in where) return { source, dir: "", status: "missing" as const, reason: where.problem, candidates: [] };
    const dir = where.dir;
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      return { source, dir, status: "missing" as const, reason: `not found: ${dir}`, candidates: [] };
    }
    let found: ExtensionCandidate[] = [];
    if (st.isFile()) found = [{ kind: "file", root: path.dirname(dir), file: dir, name: path.basename(dir).replace(/\.lua$/, "") }];
    // A store directory is named after its commit: the default name comes from the source instead.
    else if (isFile(path.join(dir, "init.lua"))) found = [{ ...manifestAt(dir), ...(source.scheme === "path" ? {} : { name: shortName(source.raw) }) }];
    else {
      walk(dir, found, new Set());
      found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    }
    const candidates = found.filter((c) => {
      const key = realpath(c.file);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { source, dir, status: "found" as const, candidates };
  });
}
