// `grep`: regular-expression search over a tree, seeing only what git would track.
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { ToolDefinition, ToolResult } from "../kernel/tool-registry.js";
import { walkTree } from "./file-walker.js";
import { ripgrepAvailable, ripgrepSearch, type GrepMatch } from "./ripgrep.js";
import { toolFailure } from "./tool-failure.js";
import { displayPath, resolveToolPath } from "./tool-paths.js";

export const GREP_DEFAULT_LIMIT = 100;
export const GREP_MAX_LINE_CHARS = 500;
const GREP_MAX_FILE_BYTES = 10 * 1024 * 1024;

export type GrepOptions = { useRipgrep?: boolean };
export type GrepDetails = { matches: number; truncated: boolean; backend: "ripgrep" | "walker" };

/** The grep tool definition; ripgrep is used when installed unless options.useRipgrep is false. */
export function grepTool(options: GrepOptions = {}): ToolDefinition {
  return {
    name: "grep",
    owner: "host",
    description:
      "Search file contents with a regular expression (JavaScript syntax). Prints `file:line: text` for each " +
      `matching line, at most limit matches (default ${GREP_DEFAULT_LIMIT}). Files ignored by .gitignore, the .git ` +
      "directory and binary files are skipped. path is a directory or a file (default: the working directory); " +
      "glob filters file names, e.g. \"*.ts\" or \"src/**/*.test.ts\".",
    schema: {
      type: "object",
      properties: {
        pattern: { type: "string", description: "Regular expression to search for" },
        path: { type: "string", description: "Directory or file to search (default: the working directory)" },
        glob: { type: "string", description: "Only search files matching this glob (a pattern without '/' matches file names anywhere)" },
        ignore_case: { type: "boolean", description: "Case-insensitive search (default false)" },
        limit: { type: "integer", minimum: 1, description: `Most matches to return (default ${GREP_DEFAULT_LIMIT})` },
      },
      required: ["pattern"],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const pattern = String(args.pattern);
      const ignoreCase = args.ignore_case === true;
      let regex: RegExp;
      try {
        regex = new RegExp(pattern, ignoreCase ? "i" : "");
      } catch (err) {
        return toolFailure(`grep: pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`);
      }
      const root = resolveToolPath(ctx.cwd, typeof args.path === "string" ? args.path : ".");
      const info = await stat(root).catch(() => undefined);
      if (!info) return toolFailure(`grep: ${displayPath(root, ctx.cwd)}: not found`);
      const limit = typeof args.limit === "number" ? args.limit : GREP_DEFAULT_LIMIT;
      const glob = typeof args.glob === "string" ? args.glob : undefined;

      let matches: GrepMatch[] | undefined;
      let backend: GrepDetails["backend"] = "walker";
      if (options.useRipgrep !== false && ripgrepAvailable()) {
        matches = await ripgrepSearch({ pattern, root, rootIsDir: info.isDirectory(), glob, ignoreCase, limit, signal: ctx.signal });
        if (matches) backend = "ripgrep";
      }
      matches ??= await walkerSearch(regex, root, info.isDirectory(), glob, limit, ctx.cwd, ctx.signal);
      if (ctx.signal.aborted) return toolFailure("grep: aborted");
      return formatMatches(matches, limit, backend, pattern, displayPath(root, ctx.cwd), ctx.cwd);
    },
  };
}

async function walkerSearch(regex: RegExp, root: string, isDir: boolean, glob: string | undefined, limit: number,
  cwd: string, signal: AbortSignal): Promise<GrepMatch[]> {
  // picomatch is imported on first use: start-up does not pay for the glob matcher.
  const wanted = glob === undefined ? () => true : (await import("picomatch")).default(glob, { dot: true, basename: !glob.includes("/") });
  const files = isDir ? walkTree(root, { cwd, signal }) : single(root);
  const matches: GrepMatch[] = [];
  for await (const entry of files) {
    if (entry.isDir || !wanted(entry.rel)) continue;
    const size = (await stat(entry.abs).catch(() => undefined))?.size ?? Infinity;
    if (size > GREP_MAX_FILE_BYTES) continue;
    const text = await readFile(entry.abs, "utf8").catch(() => undefined);
    if (text === undefined || text.slice(0, 8192).includes("\0")) continue;
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
      if (!regex.test(line)) continue;
      matches.push({ file: entry.abs, line: i + 1, text: line });
      if (matches.length > limit) return matches;
    }
  }
  return matches;
}

async function* single(file: string) {
  yield { abs: file, rel: basename(file), isDir: false };
}

function formatMatches(matches: GrepMatch[], limit: number, backend: GrepDetails["backend"], pattern: string,
  where: string, cwd: string): ToolResult {
  const truncated = matches.length > limit;
  const shown = matches.slice(0, limit);
  const details: GrepDetails = { matches: shown.length, truncated, backend };
  if (shown.length === 0) return { content: `grep: no matches for ${JSON.stringify(pattern)} in ${where}`, details };
  const lines = shown.map((m) => {
    const text = m.text.length > GREP_MAX_LINE_CHARS ? `${m.text.slice(0, GREP_MAX_LINE_CHARS)} …` : m.text;
    return `${displayPath(m.file, cwd)}:${m.line}: ${text}`;
  });
  if (truncated) lines.push("", `[limit reached: showing the first ${limit} matches; narrow the search or raise limit]`);
  return { content: lines.join("\n"), details };
}
