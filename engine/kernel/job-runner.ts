// Jobs: real child processes whose output reaches callbacks through a guard, so every callback
// runs in its own transaction like any other (architecture.md "Conventions").
import { spawn, type ChildProcess } from "node:child_process";
import { StringDecoder } from "node:string_decoder";

/** Runs fn for owner in a transaction, reporting a throw (Runtime.guard). */
export type GuardFn = (owner: string, where: string, fn: () => void) => unknown;

export type JobSpec = {
  /** A shell command line (run with `sh -c`), or argv. */
  cmd: string | string[];
  owner?: string;
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string;
  onStdout?(data: string): void;
  onStderr?(data: string): void;
  onExit?(code: number | null, signal: string | null): void;
};

export type JobInfo = { id: number; owner: string; pid: number | undefined; cmd: string | string[] };

/** Live child processes by id. */
export class JobRunner {
  private readonly jobs = new Map<number, { info: JobInfo; child: ChildProcess }>();
  private seq = 0;

  constructor(private readonly guard: GuardFn, private readonly cwd: string = process.cwd()) {}

  /** Starts a job; returns its id. A spawn failure arrives as onStderr text and onExit(127). */
  start(spec: JobSpec): number {
    const id = ++this.seq;
    const owner = spec.owner ?? "host";
    const [file, args] = typeof spec.cmd === "string" ? ["sh", ["-c", spec.cmd]] : [spec.cmd[0] ?? "", spec.cmd.slice(1)];
    const child = spawn(file, args, {
      cwd: spec.cwd ?? this.cwd,
      env: spec.env ? { ...process.env, ...spec.env } : process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const info: JobInfo = { id, owner, pid: child.pid, cmd: spec.cmd };
    this.jobs.set(id, { info, child });
    this.pipe(child.stdout!, owner, "job stdout", spec.onStdout);
    this.pipe(child.stderr!, owner, "job stderr", spec.onStderr);
    child.stdin!.on("error", () => {}); // a child that exits before reading its stdin is not our error
    if (spec.stdin !== undefined) child.stdin!.end(spec.stdin);
    let exited = false;
    const finish = (code: number | null, signal: string | null): void => {
      if (exited) return;
      exited = true;
      this.jobs.delete(id);
      if (spec.onExit) this.guard(owner, "job exit", () => spec.onExit!(code, signal));
    };
    child.on("error", (err) => {
      if (spec.onStderr) this.guard(owner, "job stderr", () => spec.onStderr!(`${err.message}\n`));
      finish(127, null);
    });
    child.on("close", (code, signal) => finish(code, signal));
    return id;
  }

  /** Writes to a job's stdin; false when the job is not live. */
  write(id: number, data: string): boolean {
    const j = this.jobs.get(id);
    if (!j || !j.child.stdin || j.child.stdin.destroyed) return false;
    j.child.stdin.write(data);
    return true;
  }

  /** Sends signal (default SIGTERM); false when the job is not live. */
  kill(id: number, signal: NodeJS.Signals = "SIGTERM"): boolean {
    const j = this.jobs.get(id);
    return j ? j.child.kill(signal) : false;
  }

  /** Live jobs, of owner when given. */
  live(owner?: string): JobInfo[] {
    const all = [...this.jobs.values()].map((j) => j.info);
    return owner === undefined ? all : all.filter((j) => j.owner === owner);
  }

  /** Kills every live job (shutdown). */
  killAll(): void {
    for (const j of this.jobs.values()) j.child.kill("SIGTERM");
  }

  private pipe(stream: NodeJS.ReadableStream, owner: string, where: string, cb?: (data: string) => void): void {
    const decoder = new StringDecoder("utf8");
    stream.on("data", (chunk: Buffer) => {
      const text = decoder.write(chunk);
      if (cb && text !== "") this.guard(owner, where, () => cb(text));
    });
    stream.on("end", () => {
      const rest = decoder.end();
      if (cb && rest !== "") this.guard(owner, where, () => cb(rest));
    });
  }
}
