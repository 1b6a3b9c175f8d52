// `bash`: one command in a real shell. It runs in its own process group so a timeout or an abort
// takes down everything it started (pipelines, `&` jobs, compilers' workers), not just bash itself.
import { childProcess } from "../kernel/child-process.js";
import { stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import type { ToolDefinition, ToolResult } from "../kernel/tool-registry.js";
import { OutputTail } from "./output-tail.js";
import { escapedDescendants } from "./process-tree.js";
import { toolFailure } from "./tool-failure.js";

export const BASH_DEFAULT_TIMEOUT_MS = 120_000;
export const BASH_MAX_BYTES = 50 * 1024;
export const BASH_MAX_LINES = 2000;

export type BashOptions = {
  /** timeout_ms when the call gives none (config `tools.bash_timeout_ms`; default 120000). */
  defaultTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL on timeout (default 2000 ms). */
  killGraceMs?: number;
  /** How long to wait for output after bash exits while a background job still holds the pipe (default 200 ms). */
  drainMs?: number;
  maxBytes?: number;
  maxLines?: number;
};

export type BashDetails = {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  droppedBytes: number;
  droppedLines: number;
  /** Processes outside the group that were killed at the deadline or abort (they had called setsid). */
  escapedKilled: number;
  /** Something still held the output pipes after bash exited; we stopped reading them. */
  pipeHeld: boolean;
};

/** The bash tool definition. */
export function bashTool(options: BashOptions = {}): ToolDefinition {
  const defaultTimeoutMs = options.defaultTimeoutMs ?? BASH_DEFAULT_TIMEOUT_MS;
  return {
    name: "bash",
    owner: "host",
    description:
      "Run a command with `bash -c` in the working directory and return its combined stdout and stderr and " +
      `its exit code. Output beyond ${BASH_MAX_LINES} lines or ${BASH_MAX_BYTES / 1024} KB keeps only the end. ` +
      `The command is killed (with everything it started) after timeout_ms (default ${defaultTimeoutMs / 1000} s). ` +
      "stdin is empty, so interactive programs will not wait for input; background jobs should redirect their output.",
    schema: {
      type: "object",
      properties: {
        command: { type: "string", description: "The command line, run with bash -c" },
        timeout_ms: { type: "integer", minimum: 1, description: `Kill the command after this many milliseconds (default ${defaultTimeoutMs})` },
      },
      required: ["command"],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const cwdInfo = await stat(ctx.cwd).catch(() => undefined);
      if (!cwdInfo?.isDirectory()) return toolFailure(`bash: working directory ${ctx.cwd}: not found`);
      if (ctx.signal.aborted) return toolFailure("bash: aborted before it started");
      const timeoutMs = typeof args.timeout_ms === "number" ? args.timeout_ms : defaultTimeoutMs;
      return runBash(String(args.command), timeoutMs, ctx.cwd, ctx.signal, ctx.onUpdate, options);
    },
  };
}

function runBash(
  command: string,
  timeoutMs: number,
  cwd: string,
  signal: AbortSignal,
  onUpdate: ((partial: string) => void) | undefined,
  options: BashOptions,
): Promise<ToolResult> {
  const tail = new OutputTail(options.maxBytes ?? BASH_MAX_BYTES, options.maxLines ?? BASH_MAX_LINES);
  const child = childProcess().spawn("bash", ["-c", command], {
    cwd,
    detached: true, // a new process group whose id is the child's pid
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PAGER: "cat", GIT_PAGER: "cat" },
  });
  let timedOut = false;
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  let escaped: number[] = [];
  let pipeHeld = false;
  const open = new Set([child.stdout, child.stderr]);

  const kill = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // ESRCH: already gone.
    }
  };
  // The group, and what left it while its parent chain still leads back to bash (found the first
  // time, before killing the group orphans them).
  const killGroup = (sig: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    if (escaped.length === 0) escaped = escapedDescendants(child.pid, child.pid);
    kill(-child.pid, sig);
    for (const pid of escaped) kill(pid, sig);
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("close", () => open.delete(stream));
    const decoder = new StringDecoder("utf8");
    stream.on("data", (chunk: Buffer) => {
      const text = decoder.write(chunk);
      if (text === "") return;
      tail.push(text);
      onUpdate?.(text);
    });
  }
  const timeoutTimer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    killTimer = setTimeout(() => killGroup("SIGKILL"), options.killGraceMs ?? 2000);
  }, timeoutMs);
  const onAbort = () => {
    aborted = true;
    killGroup("SIGKILL");
  };
  signal.addEventListener("abort", onAbort, { once: true });

  return new Promise<ToolResult>((resolve) => {
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    const finish = (result: ToolResult) => {
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      signal.removeEventListener("abort", onAbort);
      resolve(result);
    };
    child.on("error", (err) => finish(toolFailure(`bash: cannot start: ${err.message}`)));
    child.on("exit", (code, sig) => {
      exitCode = code;
      exitSignal = sig;
      // A background job (or one that escaped the group and a kill) may hold the pipe open
      // forever; once bash itself is done we stop listening, deadline or not.
      drainTimer = setTimeout(() => {
        pipeHeld = open.size > 0;
        child.stdout.destroy();
        child.stderr.destroy();
      }, options.drainMs ?? 200);
    });
    child.on("close", (code, sig) => {
      const details: BashDetails = {
        exitCode: exitCode ?? code,
        signal: exitSignal ?? sig,
        timedOut,
        aborted,
        droppedBytes: 0,
        droppedLines: 0,
        escapedKilled: escaped.length,
        pipeHeld,
      };
      finish(formatResult(tail, details, timeoutMs));
    });
  });
}

function formatResult(tail: OutputTail, details: BashDetails, timeoutMs: number): ToolResult {
  const out = tail.result();
  details.droppedBytes = out.droppedBytes;
  details.droppedLines = out.droppedLines;
  const parts: string[] = [];
  if (out.droppedBytes > 0) {
    parts.push(`[output truncated: dropped the first ${out.droppedLines} lines (${out.droppedBytes} bytes) of ${out.totalBytes} bytes; showing the end]`);
  }
  const text = out.text.endsWith("\n") ? out.text.slice(0, -1) : out.text;
  parts.push(text === "" ? "(no output)" : text);
  let status: string;
  const others = details.escapedKilled === 0 ? "" : ` and ${details.escapedKilled} ${details.escapedKilled === 1 ? "process" : "processes"} that had left it`;
  if (details.timedOut) status = `bash: timed out after ${timeoutMs} ms; killed the process group${others}`;
  else if (details.aborted) status = `bash: aborted; killed the process group${others}`;
  else if (details.exitCode === null) status = `bash: killed by ${details.signal}`;
  else status = `exit code: ${details.exitCode}`;
  parts.push("", status);
  if (details.pipeHeld) parts.push("note: a background process still holds the output open; stopped reading it (it may still be running)");
  const isError = details.timedOut || details.aborted || details.exitCode !== 0;
  return isError ? { content: parts.join("\n"), details, isError } : { content: parts.join("\n"), details };
}
