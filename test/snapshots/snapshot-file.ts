// Whole-screen snapshots as plain .txt files next to the tests, readable in a diff. They are
// written only when UPDATE_SNAPSHOTS=1; otherwise a missing or different file fails the test.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "screens");

/** Compares screen lines with `screens/<name>.txt` (a frame line per file line, trailing `|` marking the right edge). */
export function expectSnapshot(name: string, lines: string[]): void {
  const file = join(DIR, `${name}.txt`);
  // The `|` keeps trailing spaces visible and stops editors from trimming them.
  const text = lines.map((l) => `${l}|`).join("\n") + "\n";
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`snapshot ${name}: ${file} does not exist: run with UPDATE_SNAPSHOTS=1 to write it`);
  expect(text).toBe(readFileSync(file, "utf8"));
}
