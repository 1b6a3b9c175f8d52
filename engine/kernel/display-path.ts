// How paths appear in messages and tool output: relative to the working directory when inside it
// (so the model can pass them straight back), otherwise absolute.
import { isAbsolute, relative, sep } from "node:path";

/** abs relative to cwd with "/" separators when it lies inside cwd ("." for cwd itself), else abs unchanged. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel === "") return ".";
  // ".." or "../x" is outside; "..notes" is a file inside whose name starts with two dots.
  if (rel === ".." || rel.startsWith(".." + sep) || isAbsolute(rel)) return abs;
  return sep === "/" ? rel : rel.split(sep).join("/");
}
