// `grep`: regular-expression search over a tree, seeing only what git would track.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { ToolDefinition, ToolResult } from "../kernel/tool-registry.js";
import { walkTree } from "./file-walker.js";
import { RegexWorker } from "./regex-worker.js";
import { ripgrepAvailable, ripgrepSearch, type GrepMatch } from "./ripgrep.js";
import { toolFailure } from "./tool-failure.js";
import { displayPath, resolveToolPath } from "./tool-paths.js";

export const GREP_DEFAULT_LIMIT = 100;
export const GREP_MAX_LINE_CHARS = 500;
const GREP_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** How long the JS walker's regex may run before the search is stopped (ripgrep is linear-time). */
export const GREP_TIMEOUT_MS = 30_000;

export type GrepOptions = { useRipgrep?: boolean; timeoutMs?: number };
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
      if (!matches) {
        const timeoutMs = options.timeoutMs ?? GREP_TIMEOUT_MS;
        const found = await walkerSearch(regex, root, info.isDirectory(), glob, limit, ctx.cwd, ctx.signal, timeoutMs);
        if (found === "timeout") {
          return toolFailure(`grep: pattern ${JSON.stringify(pattern)} ran longer than ${timeoutMs / 1000} s and was stopped; it may backtrack catastrophically, simplify it`);
        }
        matches = found === "aborted" ? [] : found;
      }
      if (ctx.signal.aborted) return toolFailure("grep: aborted");
      return formatMatches(matches, limit, backend, pattern, displayPath(root, ctx.cwd), ctx.cwd);
    },
  };
}

// The walk (gitignore rules, globs) stays here; the regex runs in a worker fed batches of paths.
async function walkerSearch(regex: RegExp, root: string, isDir: boolean, glob: string | undefined, limit: number,
  cwd: string, signal: AbortSignal, timeoutMs: number): Promise<GrepMatch[] | "timeout" | "aborted"> {
  // picomatch is imported on first use: start-up does not pay for the glob matcher.
  const wanted = glob === undefined ? () => true : (await import("picomatch")).default(glob, { dot: true, basename: !glob.includes("/") });
  const files = isDir ? walkTree(root, { cwd, signal }) : single(root);
  const worker = new RegexWorker(regex.source, regex.flags, limit, GREP_MAX_FILE_BYTES, timeoutMs, signal);
  let batch: string[] = [];
  for await (const entry of files) {
    if (worker.finished) break;
    if (entry.isDir || !wanted(entry.rel)) continue;
    batch.push(entry.abs);
    if (batch.length >= 64) {
      worker.send(batch);
      batch = [];
    }
  }
  worker.send(batch);
  worker.end();
  const outcome = await worker.outcome;
  return outcome.kind === "done" ? outcome.matches : outcome.kind;
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
