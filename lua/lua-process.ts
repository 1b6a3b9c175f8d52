// Shell commands run from Lua (io.popen, os.execute): bounded by the callback's budget, output captured.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { LuaState } from "fengari";
import { hostLimits } from "./host-limits.js";
import { MAX_STRING_BYTES } from "./string-caps.js";

/** How a finished command ended, in Lua's terms: `true|nil, "exit"|"signal", code`. */
export type ExitTriple = [boolean, string, number | string];

/** What a command wrote and how it ended. */
export type CommandOutput = { stdout: Buffer; stderr: Buffer; exit: ExitTriple };

// setsid makes the shell a process-group leader, so the whole group can be killed at the deadline
// (children it put in the background included).
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((p) => fs.existsSync(p));

function killGroup(pid: number | undefined): void {
  if (!pid || !SETSID) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone: nothing left of the group.
  }
}

/**
 * Runs `cmd` with `sh -c`, stdin from `input`, stdout and stderr captured (never the terminal),
 * with the running callback's remaining budget as the deadline. At the deadline, or when the
 * output passes the string cap, the command's process group is killed and the callback is aborted
 * with a message naming `what` (io.popen / os.execute).
 */
export function runShell(L: LuaState, what: string, cmd: string, input?: Buffer): CommandOutput {
  const limits = hostLimits(L);
  const left = limits.remainingMs();
  if (left <= 0) return limits.abort(L, `${what}: the callback's budget is used up; use librecode.job.start for long work`);
  const [file, args] = SETSID ? [SETSID, ["/bin/sh", "-c", cmd]] : ["/bin/sh", ["-c", cmd]];
  const r = spawnSync(file, args, {
    input,
    stdio: ["pipe", "pipe", "pipe"],
    timeout: Math.max(1, Math.ceil(left)),
    killSignal: "SIGKILL",
    maxBuffer: MAX_STRING_BYTES,
  });
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  // Whatever the command left running (background children, escaped pipes) goes with it.
  killGroup(r.pid);
  if (code === "ETIMEDOUT") {
    return limits.abort(L, `${what}: "${short(cmd)}" ran longer than the callback's budget and was killed; use librecode.job.start for long work`);
  }
  if (code === "ENOBUFS") {
    return limits.abort(L, `${what}: "${short(cmd)}" wrote more than ${MAX_STRING_BYTES} bytes and was killed`);
  }
  const exit: ExitTriple = r.signal ? [false, "signal", r.signal] : [r.status === 0, "exit", r.status ?? 0];
  return { stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr ?? Buffer.alloc(0), exit };
}

function short(cmd: string): string {
  return cmd.length > 120 ? `${cmd.slice(0, 117)}...` : cmd;
}
