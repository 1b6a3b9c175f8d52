// `find`: file names by glob, seeing only what git would track.
import { stat } from "node:fs/promises";
import type { ToolDefinition } from "../kernel/tool-registry.js";
import { walkTree } from "./file-walker.js";
import { toolFailure } from "./tool-failure.js";
import { displayPath, resolveToolPath } from "./tool-paths.js";

export const FIND_DEFAULT_LIMIT = 1000;

export type FindDetails = { count: number; truncated: boolean };

/** The find tool definition. */
export function findTool(): ToolDefinition {
  return {
    name: "find",
    owner: "host",
    description:
      "Find files and directories whose path matches a glob. A pattern without '/' matches names at any depth " +
      "(\"*.ts\"); one with '/' matches the path below `path` (\"src/**/*.test.ts\", \"docs/*\"). Directories end " +
      `with '/'. Respects .gitignore and skips .git. At most limit results (default ${FIND_DEFAULT_LIMIT}).`,
    schema: {
      type: "object",
      properties: {
        pattern: { type: "string", description: "Glob to match, e.g. \"*.md\" or \"src/**/*.ts\"" },
        path: { type: "string", description: "Directory to search (default: the working directory)" },
        limit: { type: "integer", minimum: 1, description: `Most results to return (default ${FIND_DEFAULT_LIMIT})` },
      },
      required: ["pattern"],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const pattern = String(args.pattern);
      const root = resolveToolPath(ctx.cwd, typeof args.path === "string" ? args.path : ".");
      const shownRoot = displayPath(root, ctx.cwd);
      const info = await stat(root).catch(() => undefined);
      if (!info) return toolFailure(`find: ${shownRoot}: not found`);
      if (!info.isDirectory()) return toolFailure(`find: ${shownRoot} is not a directory`);
      const limit = typeof args.limit === "number" ? args.limit : FIND_DEFAULT_LIMIT;
      // Imported on first use: start-up does not pay for the glob matcher.
      const { default: picomatch } = await import("picomatch");
      const matches = picomatch(pattern, { dot: true, basename: !pattern.includes("/") });
      const found: string[] = [];
      let truncated = false;
      for await (const entry of walkTree(root, { cwd: ctx.cwd, signal: ctx.signal })) {
        if (!matches(entry.rel)) continue;
        if (found.length === limit) {
          truncated = true;
          break;
        }
        found.push(displayPath(entry.abs, ctx.cwd) + (entry.isDir ? "/" : ""));
      }
      if (ctx.signal.aborted) return toolFailure("find: aborted");
      const details: FindDetails = { count: found.length, truncated };
      if (found.length === 0) return { content: `find: nothing matches ${JSON.stringify(pattern)} in ${shownRoot}`, details };
      if (truncated) found.push("", `[limit reached: showing the first ${limit} results; narrow the pattern or raise limit]`);
      return { content: found.join("\n"), details };
    },
  };
}
