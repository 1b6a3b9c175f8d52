// librecode.job: the kernel's JobRunner for one extension; callbacks run guarded like every callback.
import path from "node:path";
import { isSignalName, type JobSpec } from "../engine/kernel/job-runner.js";
import { ArgError, type Args, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { LuaFunctionRef } from "./lua-value.js";
import { fieldsArg, type FieldSchema } from "./table-fields.js";

const STRING_MAP = {
  expected: "a table of strings",
  ok: (v: unknown) => typeof v === "object" && v !== null && Object.values(v).every((s) => typeof s === "string" || typeof s === "number"),
};
const POSITIVE = { expected: "a positive integer", ok: (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0 };

/** The fields of `job.start`'s opts. */
const START_OPTS: FieldSchema = {
  cwd: "string", env: STRING_MAP, stdin: ["pipe", "null"], on_stdout: "function", on_stderr: "function", on_exit: "function",
  stdout_buffered: "boolean", stderr_buffered: "boolean", timeout_ms: POSITIVE,
};

function command(a: Args): string | string[] {
  if (a.type(1) === "string") return a.string(1, "cmd");
  const v = a.type(1) === "table" ? a.table(1, "cmd", "array") : undefined;
  if (!Array.isArray(v) || v.length === 0 || v.some((s) => typeof s !== "string")) {
    a.fail(1, "cmd", "a shell command string or an argv list of strings");
  }
  return v as string[];
}

function signalArg(a: Args): NodeJS.Signals {
  if (a.isNil(2)) return "SIGTERM";
  const raw = a.string(2, "signal").toUpperCase();
  const name = raw.startsWith("SIG") ? raw : `SIG${raw}`;
  if (!isSignalName(name)) throw new ArgError(`${a.fn}: argument 2 'signal': expected a signal name like "SIGTERM" or "KILL", got ${JSON.stringify(a.string(2, "signal"))}`);
  return name;
}

/** librecode.job: start(cmd, opts) -> id, send(id, s), close_stdin(id), stop(id[, signal]), list(). */
export function jobApi(ext: LuaExtension): Record<string, ApiFn> {
  const rt = ext.rt;
  const own = (id: number) => rt.jobs.live(ext.name).some((j) => j.id === id);
  return {
    start: (a) => {
      const cmd = command(a);
      const o = fieldsArg(a, 2, "opts", START_OPTS);
      const fns = [o.on_stdout, o.on_stderr, o.on_exit].filter((f): f is LuaFunctionRef => f instanceof LuaFunctionRef);
      let id = 0;
      const cb = (f: unknown) => (f instanceof LuaFunctionRef ? (...args: unknown[]) => void ext.call(f, [id, ...args]) : undefined);
      const stdout = cb(o.on_stdout);
      const stderr = cb(o.on_stderr);
      const exit = cb(o.on_exit);
      const spec: JobSpec = {
        cmd, owner: ext.name,
        cwd: typeof o.cwd === "string" ? path.resolve(rt.cwd, o.cwd) : rt.cwd,
        stdin: o.stdin === "null" ? "null" : "pipe",
        stdoutBuffered: o.stdout_buffered === true, stderrBuffered: o.stderr_buffered === true,
        ...(o.env ? { env: Object.fromEntries(Object.entries(o.env as Record<string, unknown>).map(([k, v]) => [k, String(v)])) } : {}),
        ...(typeof o.timeout_ms === "number" ? { timeoutMs: o.timeout_ms } : {}),
        ...(stdout ? { onStdout: (d: string) => stdout(d) } : {}),
        ...(stderr ? { onStderr: (d: string) => stderr(d) } : {}),
        // The functions are released once the job is over, whether or not on_exit exists.
        onExit: (code, signal) => {
          try {
            exit?.(code, signal);
          } finally {
            for (const f of fns) f.release();
          }
        },
      };
      id = rt.jobs.start(spec);
      // A callback that started a job and then failed leaves no job behind (and no callback of it runs).
      rt.tx.record(() => {
        rt.jobs.cancel(id, "SIGKILL");
        for (const f of fns) f.release();
      });
      return id;
    },
    send: (a) => {
      const id = a.integer(1, "id");
      return own(id) && rt.jobs.write(id, a.text(2, "data"));
    },
    close_stdin: (a) => {
      const id = a.integer(1, "id");
      return own(id) && rt.jobs.closeStdin(id);
    },
    stop: (a) => {
      const id = a.integer(1, "id");
      const signal = signalArg(a);
      return own(id) && rt.jobs.kill(id, signal);
    },
    list: () => rt.jobs.live(ext.name).map((j) => ({ id: j.id, pid: j.pid, cmd: j.cmd })),
  };
}
