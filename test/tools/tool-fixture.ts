// Real temporary directories for the tool tests, and a context pointing at one.
import type { ToolContext } from "../../engine/kernel/tool-registry.js";
import { tempTree } from "../support/temp-tree.js";

export { tempTree };

/** A tool context rooted at cwd. */
export function toolContext(cwd: string, extra: Partial<ToolContext> = {}): ToolContext {
  return { cwd, signal: new AbortController().signal, ...extra };
}
