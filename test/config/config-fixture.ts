/** Temp project + home directories with real config files, for the config tests. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "../support/temp-tree.js";

export type ConfigFixture = { cwd: string; home: string; write(rel: string, lines: string[]): string };

/** A fresh temp dir with `proj/` (the cwd) and `home/` ($LIBRECODE_HOME). */
export function configFixture(): ConfigFixture {
  const root = tempDir("librecode-config-");
  const cwd = join(root, "proj");
  const home = join(root, "home");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(home, { recursive: true });
  return {
    cwd,
    home,
    write(rel, lines) {
      const path = join(root, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, lines.join("\n") + "\n");
      return path;
    },
  };
}
