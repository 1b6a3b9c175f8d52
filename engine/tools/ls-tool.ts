// `ls`: one directory's entries, sorted, directories marked with a trailing '/'.
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ToolDefinition } from "../kernel/tool-registry.js";
import { errnoCode, fsReason, toolFailure } from "./tool-failure.js";
import { displayPath, resolveToolPath } from "./tool-paths.js";

export const LS_MAX_ENTRIES = 500;

export type LsDetails = { count: number; truncated: boolean };

async function isDirEntry(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  return (await stat(join(dir, entry.name)).catch(() => undefined))?.isDirectory() ?? false;
}

/** The ls tool definition. */
export function lsTool(): ToolDefinition {
  return {
    name: "ls",
    owner: "host",
    description:
      "List a directory's entries (hidden ones included), sorted by name, directories ending with '/'. " +
      `At most ${LS_MAX_ENTRIES} entries. Use find or grep to search a tree.`,
    schema: {
      type: "object",
      properties: {
        path: { type: "string", description: "Directory to list (default: the working directory)" },
      },
      additionalProperties: false,
    },
    async run(args, ctx) {
      const dir = resolveToolPath(ctx.cwd, typeof args.path === "string" ? args.path : ".");
      const shown = displayPath(dir, ctx.cwd);
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        const code = errnoCode(err);
        if (code === "ENOENT") return toolFailure(`ls: ${shown}: not found`);
        if (code === "ENOTDIR") return toolFailure(`ls: ${shown} is not a directory`);
        return toolFailure(`ls: ${shown}: ${fsReason(err)}`);
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const truncated = entries.length > LS_MAX_ENTRIES;
      const names = await Promise.all(
        entries.slice(0, LS_MAX_ENTRIES).map(async (e) => e.name + ((await isDirEntry(dir, e)) ? "/" : "")),
      );
      const details: LsDetails = { count: entries.length, truncated };
      if (names.length === 0) return { content: `(${shown} is empty)`, details };
      if (truncated) names.push("", `[${entries.length - LS_MAX_ENTRIES} more entries not shown]`);
      return { content: names.join("\n"), details };
    },
  };
}
