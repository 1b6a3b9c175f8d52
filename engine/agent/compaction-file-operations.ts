// The files a compaction's summarised turns read or modified, as the original collected them for
// its payloads and its compaction details: the file tools' `path`/`pattern`/`url` arguments, and the
// paths a `bash` command names (modified when the command writes: a `>` redirection, cp, mv, rm,
// mkdir, touch, tee, or `sed -i`/`perl -i`), after those a previous compaction carried forward.
import { parseArguments } from "./lifecycle-payloads.js";
import type { ContextEntry } from "./conversation.js";
import { parseShellCommands, type ShellCommand, type ShellWord } from "./shell-words.js";

/** One file operation: `entry_id` the tool result's, `command` the bash command (cut to 160 characters). */
export type FileOperation = { entry_id: string; action: "read" | "modified"; path: string; tool: string; command: string };

/** Most file operations a compaction lists, as the original. */
export const MAX_FILE_OPERATIONS = 64;
const COMMAND_PREVIEW = 160;
const READS = new Set(["read", "find", "grep", "ls"]);
const WRITES = new Set(["edit", "write"]);
const MUTATORS = new Set(["cp", "mv", "rm", "mkdir", "touch", "tee"]);
const WRITE_REDIRECTS = new Set([">", ">>", "<>", ">|", "&>", "&>>"]);

/** A tool call's result, with the call's name and parsed arguments. */
export type ToolResultEntry = { seq: number; name: string; args: Record<string, unknown>; isError: boolean };

/** The tool results among `entries`, each with the call it answers. */
export function toolResults(entries: ContextEntry[]): ToolResultEntry[] {
  const calls = new Map<string, { name: string; arguments: string }>();
  const out: ToolResultEntry[] = [];
  for (const e of entries) {
    const m = e.message;
    if (m.role === "assistant") for (const c of m.toolCalls ?? []) calls.set(c.id, c);
    if (m.role !== "tool") continue;
    const call = calls.get(m.toolCallId);
    if (!call) continue;
    const parsed = parseArguments(call.arguments);
    out.push({ seq: e.seq, name: call.name, args: "args" in parsed ? parsed.args : {}, isError: m.isError === true });
  }
  return out;
}

/** A string argument, trimmed ("" when absent or not a string). */
export function stringArg(args: Record<string, unknown>, key: string): string {
  return typeof args[key] === "string" ? (args[key] as string).trim() : "";
}

/**
 * The distinct file operations of `prior` (a previous compaction's) then of `entries`' tool calls,
 * at most MAX_FILE_OPERATIONS.
 */
export function fileOperations(entries: ContextEntry[], prior: FileOperation[] = []): FileOperation[] {
  const out: FileOperation[] = [];
  const seen = new Set<string>();
  const add = (op: FileOperation) => {
    const key = [op.action, op.path, op.tool, op.command].join("\0");
    if (op.path === "" || seen.has(key) || out.length >= MAX_FILE_OPERATIONS) return;
    seen.add(key);
    out.push(op);
  };
  prior.forEach(add);
  for (const r of toolResults(entries)) toolOperations(r).forEach(add);
  return out;
}

function toolOperations(r: ToolResultEntry): FileOperation[] {
  const op = (action: FileOperation["action"], path: string): FileOperation[] =>
    [{ entry_id: String(r.seq), action, path, tool: r.name, command: "" }];
  if (READS.has(r.name)) return op("read", stringArg(r.args, "path") || stringArg(r.args, "pattern"));
  if (WRITES.has(r.name)) return op("modified", stringArg(r.args, "path") || stringArg(r.args, "pattern"));
  if (r.name === "fetch") return op("read", stringArg(r.args, "url"));
  if (r.name === "bash") return bashOperations(String(r.seq), stringArg(r.args, "command"));
  return [];
}

/** The paths a bash command names, all read or all modified (when any part of it writes). */
export function bashOperations(entryId: string, command: string): FileOperation[] {
  const commands = parseShellCommands(command) ?? [];
  const action = commands.some(writes) ? "modified" : "read";
  const preview = command.length <= COMMAND_PREVIEW ? command : `${command.slice(0, COMMAND_PREVIEW - 3)}...`;
  return shellPaths(commands).map((path) => ({ entry_id: entryId, action, path, tool: "bash", command: preview }));
}

/** Static words that look like paths (a `/` or `.`, not an option or a sed `s/` script): redirection targets first, then arguments. */
function shellPaths(commands: ShellCommand[]): string[] {
  const paths: string[] = [];
  const take = (w: ShellWord) => {
    if (w.static && looksLikePath(w.text) && !paths.includes(w.text)) paths.push(w.text);
  };
  for (const c of commands) {
    c.redirects.forEach((r) => take(r.word));
    c.args.slice(1).forEach(take);
  }
  return paths;
}

function looksLikePath(word: string): boolean {
  const w = word.trim();
  return w !== "" && !w.startsWith("-") && !w.startsWith("s/") && (w.includes("/") || w.includes("."));
}

function writes(c: ShellCommand): boolean {
  if (c.redirects.some((r) => WRITE_REDIRECTS.has(r.op))) return true;
  const name = c.args[0]?.static ? c.args[0].text.toLowerCase() : "";
  if (MUTATORS.has(name)) return true;
  return (name === "sed" || name === "perl") && c.args.slice(1).some((a) => a.static && a.text.startsWith("-i"));
}
