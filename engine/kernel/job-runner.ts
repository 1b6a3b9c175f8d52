// Jobs: real child processes whose output reaches callbacks through a guard, so every callback
// runs in its own transaction like any other (architecture.md "Conventions"). Each job leads its
// own process group, so stopping it (or its extension, or the app) takes its children too.
import type { ChildProcess } from "node:child_process";
import { childProcess } from "./child-process.js";
import { constants } from "node:os";
import { StringDecoder } from "node:string_decoder";
import { systemClock, type Clock } from "./scheduler.js";

/** Runs fn for owner in a transaction, reporting a throw (Runtime.guard). */
export type GuardFn = (owner: string, where: string, fn: () => void) => unknown;

export type JobSpec = {
  /** A shell command line (run with `sh -c`), or argv. */
  cmd: string | string[];
  owner?: string;
  cwd?: string;
  /** Added to (and overriding) the app's environment. */
  env?: Record<string, string>;
  /** "pipe" (default): write() feeds it; "null": the job reads end-of-file at once. */
  stdin?: "pipe" | "null";
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Deliver stdout (stderr) once, all of it, just before onExit, instead of chunk by chunk. */
  stdoutBuffered?: boolean;
  stderrBuffered?: boolean;
  /** After this many ms of the runtime clock the job's process group gets SIGTERM. */
  timeoutMs?: number;
  onStdout?(data: string): void;
  onStderr?(data: string): void;
  /** code is null when a signal ended the job; signal is its name ("SIGTERM"). */
  onExit?(code: number | null, signal: string | null): void;
};

export type JobInfo = { id: number; owner: string; pid: number | undefined; cmd: string | string[] };

type Job = { info: JobInfo; child: ChildProcess; spec: JobSpec; cancelled: boolean; timer: unknown };

/** True for a signal name this platform knows ("SIGTERM", "SIGKILL", ...). */
export function isSignalName(name: string): name is NodeJS.Signals {
  return Object.prototype.hasOwnProperty.call(constants.signals, name);
}

/** Live child processes by id. */
export class JobRunner {
  private readonly jobs = new Map<number, Job>();
  private seq = 0;
  // Registered only while jobs run, so many runtimes (tests) do not pile up process listeners.
  private readonly onProcessExit = (): void => this.killAll("SIGKILL");

  constructor(
    private readonly guard: GuardFn,
    private readonly cwd: string = process.cwd(),
    private readonly clock: Clock = systemClock,
  ) {}

  /** Starts a job; returns its id. A spawn failure arrives as onStderr text and onExit(127). */
  start(spec: JobSpec): number {
    const id = ++this.seq;
    const owner = spec.owner ?? "host";
    const [file, args] = typeof spec.cmd === "string" ? ["sh", ["-c", spec.cmd]] : [spec.cmd[0] ?? "", spec.cmd.slice(1)];
    const child = childProcess().spawn(file, args, {
      cwd: spec.cwd ?? this.cwd,
      env: spec.env ? { ...process.env, ...spec.env } : process.env,
      stdio: [spec.stdin === "null" ? "ignore" : "pipe", "pipe", "pipe"],
      detached: true,
    });
    const job: Job = { info: { id, owner, pid: child.pid, cmd: spec.cmd }, child, spec, cancelled: false, timer: undefined };
    if (this.jobs.size === 0) process.on("exit", this.onProcessExit);
    this.jobs.set(id, job);
    const out = this.pipe(job, child.stdout!, "job stdout", spec.onStdout, spec.stdoutBuffered === true);
    const err = this.pipe(job, child.stderr!, "job stderr", spec.onStderr, spec.stderrBuffered === true);
    if (child.stdin) {
      child.stdin.on("error", () => {}); // a child that exits before reading its stdin is not our error
      if (spec.input !== undefined) child.stdin.end(spec.input);
    }
    if (spec.timeoutMs !== undefined) job.timer = this.clock.setTimer(() => this.kill(id, "SIGTERM"), spec.timeoutMs);
    let exited = false;
    const finish = (code: number | null, signal: string | null): void => {
      if (exited) return;
      exited = true;
      this.forget(job);
      if (job.cancelled) return;
      out();
      err();
      if (spec.onExit) this.guard(owner, "job exit", () => spec.onExit!(code, signal));
    };
    child.on("error", (e) => {
      if (spec.onStderr && !job.cancelled) this.guard(owner, "job stderr", () => spec.onStderr!(`${e.message}\n`));
      finish(127, null);
    });
    child.on("close", (code, signal) => finish(code, signal));
    return id;
  }

  /** Writes to a job's stdin; false when the job is not live or its stdin is closed. */
  write(id: number, data: string): boolean {
    const stdin = this.jobs.get(id)?.child.stdin;
    if (!stdin || stdin.destroyed || stdin.writableEnded) return false;
    stdin.write(data);
    return true;
  }

  /** Closes a job's stdin (the job reads end-of-file); false when there was none to close. */
  closeStdin(id: number): boolean {
    const stdin = this.jobs.get(id)?.child.stdin;
    if (!stdin || stdin.destroyed || stdin.writableEnded) return false;
    stdin.end();
    return true;
  }

  /** Sends signal (default SIGTERM) to the job's process group; false when the job is not live. */
  kill(id: number, signal: NodeJS.Signals = "SIGTERM"): boolean {
    const j = this.jobs.get(id);
    if (!j || j.cancelled) return false;
    signalGroup(j.child, signal);
    return true;
  }

  /** Signals a job's process group and drops its callbacks: nothing of it runs again (a
   *  rolled-back start, a disabled or unloaded extension). False when the job is not live. */
  cancel(id: number, signal: NodeJS.Signals = "SIGTERM"): boolean {
    const j = this.jobs.get(id);
    if (!j || j.cancelled) return false;
    j.cancelled = true;
    signalGroup(j.child, signal);
    return true;
  }

  /** Live jobs, of owner when given (a cancelled job is no one's any more, though it may take a
   *  moment to die: the app's exit still kills it). */
  live(owner?: string): JobInfo[] {
    const all = [...this.jobs.values()].filter((j) => !j.cancelled).map((j) => j.info);
    return owner === undefined ? all : all.filter((j) => j.owner === owner);
  }

  /** How many jobs are live (cancelled ones not counted). */
  get size(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (!j.cancelled) n++;
    return n;
  }

  /** Signals every live job's process group (the app is exiting: SIGKILL by default). */
  killAll(signal: NodeJS.Signals = "SIGKILL"): void {
    for (const j of this.jobs.values()) signalGroup(j.child, signal);
  }

  private forget(job: Job): void {
    if (job.timer !== undefined) this.clock.clearTimer(job.timer);
    this.jobs.delete(job.info.id);
    if (this.jobs.size === 0) process.off("exit", this.onProcessExit);
  }

  /** Decodes a stream as UTF-8 across chunks; returns what delivers the rest at exit. */
  private pipe(job: Job, stream: NodeJS.ReadableStream, where: string, cb: ((data: string) => void) | undefined,
    buffered: boolean): () => void {
    const decoder = new StringDecoder("utf8");
    let held = "";
    const deliver = (text: string): void => {
      if (!cb || text === "" || job.cancelled) return;
      if (buffered) held += text;
      else this.guard(job.info.owner, where, () => cb(text));
    };
    stream.on("data", (chunk: Buffer) => deliver(decoder.write(chunk)));
    stream.on("end", () => deliver(decoder.end()));
    return () => {
      if (!buffered || held === "" || !cb || job.cancelled) return;
      const all = held;
      held = "";
      this.guard(job.info.owner, where, () => cb(all));
    };
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is gone (or never formed): signal the child itself.
    child.kill(signal);
  }
}
