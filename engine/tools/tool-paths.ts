// Paths the model passes are absolute, "~/..." or relative to the session's working directory;
// paths the tools print are relative to it when inside, so the model can pass them straight back.
import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";

export { displayPath } from "../kernel/display-path.js";

/** Resolves a tool's path argument against cwd ("~" and "~/x" mean the home directory). */
export function resolveToolPath(cwd: string, path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return resolve(homedir(), path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}
