// One home for the tests' temporary directories: each is made under the OS temp dir and removed
// when its test file ends (test/support/temp-cleanup.ts registers the removal for every file).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const made: string[] = [];

/** A fresh empty directory named `<prefix>XXXXXX`, removed after the test file. */
export function tempDir(prefix = "librecode-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh directory holding `files` (relative path -> content), removed after the test file. */
export function tempTree(files: Record<string, string | Uint8Array> = {}, prefix?: string): string {
  const dir = tempDir(prefix);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/**
 * Removes every directory made so far by this file's tests. A child the test ended (a shell under
 * tmux writing its history on exit) may still be adding files, so removal retries; a directory that
 * still cannot go is left behind rather than failing the suite.
 */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } catch (error) {
      process.stderr.write(`temp-tree: left ${dir}: ${(error as Error).message}\n`);
    }
  }
}
