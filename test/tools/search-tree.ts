// One small project tree for the grep and find tests: ignored files at several depths.
import { tempTree } from "./tool-fixture.js";

/** A tree with a root .gitignore, a nested one that re-includes a file, a .git dir and a binary file. */
export function searchTree(): string {
  return tempTree({
    ".gitignore": "*.log\nbuild/\n",
    ".git/config": "needle in git\n",
    ".hidden/h.txt": "needle hidden\n",
    "a.ts": "const needle = 1;\n",
    "bin.dat": new Uint8Array([...Buffer.from("needle"), 0, 1, 2]),
    "build/out.js": "needle built\n",
    "debug.log": "needle in log\n",
    "src/.gitignore": "gen/\n!keep.log\n",
    "src/b.ts": "// Needle upper\nneedle two\n",
    "src/keep.log": "needle kept\n",
    "src/gen/g.ts": "needle generated\n",
  });
}
