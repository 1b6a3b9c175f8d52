// node:child_process on first use. Every start builds the job runner, the bash tool and the
// editor hand-off, few spawn before the first frame, and loading the builtin costs ~1.5 ms there.
import { createRequire } from "node:module";

type ChildProcessModule = typeof import("node:child_process");
let loaded: ChildProcessModule | undefined;

/** node:child_process, required the first time something spawns. */
export function childProcess(): ChildProcessModule {
  return (loaded ??= createRequire(import.meta.url)("node:child_process") as ChildProcessModule);
}
