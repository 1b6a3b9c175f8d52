/** Temp homes, a stepping clock, and a compiled copy of the store that a plain `node` child can import. */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { tempDir } from "../support/temp-tree.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A fresh `$LIBRECODE_HOME` (not yet created on disk). */
export function tempHome(): string {
  return join(tempDir("librecode-session-"), "home");
}

/** A clock the test moves by hand. */
export function steppingClock(start = Date.UTC(2026, 10, 25, 16, 0)): { now(): number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/**
 * Transpiles engine/session and engine/auth with the real TypeScript compiler into a temp dir that
 * links the repo's node_modules, so a child `node` process runs the same store code without a build.
 * Returns the directory; the store is at `<dir>/engine/session/session-store.js`.
 */
export function compileStoreForChild(): string {
  const out = tempDir("librecode-child-");
  writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(join(repo, "node_modules"), join(out, "node_modules"), "dir");
  for (const folder of ["engine/session", "engine/auth"]) {
    mkdirSync(join(out, folder), { recursive: true });
    for (const file of readdirSync(join(repo, folder)).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(repo, folder, file), "utf8");
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText;
      writeFileSync(join(out, folder, file.replace(/\.ts$/, ".js")), js);
    }
  }
  return out;
}
