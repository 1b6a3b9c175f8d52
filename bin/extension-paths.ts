// `--extension PATH` (render) and a snapshot case's `extension:` must exist. A missing configured
// directory is normal (no .librecode/extensions yet, app-extensions.ts); a path named on purpose
// that is not there is bad input: one line, exit 2, no frame drawn without it.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./usage-error.js";

/** The first of `paths` (relative to cwd) that does not exist, resolved, or undefined. */
export function missingExtensionPath(paths: readonly string[], cwd: string): { path: string; resolved: string } | undefined {
  for (const p of paths) {
    const resolved = resolve(cwd, p);
    if (!existsSync(resolved)) return { path: p, resolved };
  }
  return undefined;
}

/** Throws `extension: path:P: not found: /abs/P`, the words the host reports a missing source with. */
export function checkExtensionPaths(paths: readonly string[], cwd: string): void {
  const missing = missingExtensionPath(paths, cwd);
  if (missing) throw new UsageError(`extension: path:${missing.path}: not found: ${missing.resolved}`);
}
