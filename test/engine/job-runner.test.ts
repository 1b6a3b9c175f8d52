import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ensureBuilt, ROOT } from "../cli/run-cli.js";

function exited(rt: Runtime, start: (onExit: (code: number | null, signal: string | null) => void) => number) {
  return new Promise<{ id: number; code: number | null; signal: string | null }>((resolve) => {
    const id = start((code, signal) => resolve({ id, code, signal }));
  });
}

describe("JobRunner through the Runtime", () => {
  it("delivers stdout, stderr and the exit code of a real process in transactions", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    const inTx: boolean[] = [];
    const done = await exited(rt, (onExit) => rt.jobs.start({
      cmd: "printf 'out1\\n'; printf 'err1\\n' >&2; exit 3",
      owner: "ext",
      onStdout: (d) => { inTx.push(rt.tx.active); rt.buffers.append("out", d); },
      onStderr: (d) => { rt.buffers.append("err", d); },
      onExit,
    }));
    expect(done.code).toBe(3);
    expect(rt.buffers.getText("out")).toBe("out1\n");
    expect(rt.buffers.getText("err")).toBe("err1\n");
    expect(inTx).toEqual([true]);
    expect(rt.jobs.live()).toEqual([]);
  });

  it("runs argv without a shell and feeds stdin", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    let out = "";
    await exited(rt, (onExit) => rt.jobs.start({ cmd: ["cat"], input: "héllo 😀", onStdout: (d) => { out += d; }, onExit }));
    expect(out).toBe("héllo 😀");
  });

  it("kills a running job", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    const p = exited(rt, (onExit) => rt.jobs.start({ cmd: ["sleep", "30"], owner: "ext", onExit }));
    const [job] = rt.jobs.live("ext");
    expect(rt.jobs.kill(job!.id)).toBe(true);
    expect(await p).toMatchObject({ code: null, signal: "SIGTERM" });
    expect(rt.jobs.kill(job!.id)).toBe(false);
  });

  it("reports a throwing job callback under its owner and keeps going", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    await exited(rt, (onExit) => rt.jobs.start({
      cmd: "echo hi",
      owner: "ext",
      onStdout: () => { rt.buffers.setText("status", "lost"); throw new Error("callback failed"); },
      onExit,
    }));
    expect(rt.buffers.getText("status")).toBe("");
    expect(rt.errors).toMatchObject([{ owner: "ext", where: "job stdout", message: "callback failed" }]);
  });

  it("turns a missing program into stderr text and exit 127", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    let err = "";
    const done = await exited(rt, (onExit) => rt.jobs.start({ cmd: ["/nonexistent/program-xyz"], onStderr: (d) => { err += d; }, onExit }));
    expect(done.code).toBe(127);
    expect(err).toContain("ENOENT");
  });
});

/** Resolves once the pid is no running process (dead, or a zombie its new parent has not reaped yet). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    let state: string;
    try {
      state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0]!;
    } catch {
      return true;
    }
    if (state === "Z" || state === "X") return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** Resolves when cond() holds (checked every 10 ms: the exit of a killed job arrives on its own time). */
function until(cond: () => boolean): Promise<void> {
  return new Promise((r) => {
    const t = setInterval(() => {
      if (!cond()) return;
      clearInterval(t);
      r();
    }, 10);
  });
}

/** Starts `sh` that forks a `sleep` and prints the sleep's pid; resolves with that pid. */
function grandchild(rt: Runtime, owner: string, onExit: (code: number | null, signal: string | null) => void = () => {}) {
  return new Promise<{ id: number; pid: number }>((resolve) => {
    const id = rt.jobs.start({ cmd: "sleep 30 & echo $!; wait", owner, onStdout: (d) => resolve({ id, pid: Number(d.trim()) }), onExit });
  });
}

describe("JobRunner: stdin, buffering, timeouts and process groups", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it("feeds a piped stdin with write() until closeStdin()", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    const chunks: string[] = [];
    const done = exited(rt, (onExit) => rt.jobs.start({ cmd: ["cat"], onStdout: (d) => { chunks.push(d); }, onExit }));
    const [job] = rt.jobs.live();
    expect(rt.jobs.write(job!.id, "one\n")).toBe(true);
    expect(rt.jobs.write(job!.id, "two\n")).toBe(true);
    expect(rt.jobs.closeStdin(job!.id)).toBe(true);
    expect(rt.jobs.write(job!.id, "late\n")).toBe(false);
    expect(await done).toMatchObject({ code: 0, signal: null });
    expect(chunks.join("")).toBe("one\ntwo\n");
  });

  it("gives a null stdin end-of-file at once and refuses writes", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    let out = "";
    const done = exited(rt, (onExit) => rt.jobs.start({ cmd: "cat; echo eof", stdin: "null", onStdout: (d) => { out += d; }, onExit }));
    expect(rt.jobs.write(rt.jobs.live()[0]!.id, "x")).toBe(false);
    await done;
    expect(out).toBe("eof\n");
  });

  it("delivers buffered output once, all of it, before the exit callback", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    const calls: string[] = [];
    await exited(rt, (onExit) => rt.jobs.start({
      cmd: "for i in 1 2 3; do echo line$i; sleep 0.01; done; echo oops >&2",
      stdoutBuffered: true, stderrBuffered: true,
      onStdout: (d) => { calls.push(`out:${d}`); },
      onStderr: (d) => { calls.push(`err:${d}`); },
      onExit: (code, signal) => { calls.push(`exit:${code}:${signal}`); onExit(code, signal); },
    }));
    expect(calls).toEqual(["out:line1\nline2\nline3\n", "err:oops\n", "exit:0:null"]);
  });

  it("stops a job at its timeout on the runtime clock", async () => {
    const clock = new FakeClock();
    const rt = new Runtime({ clock });
    const done = exited(rt, (onExit) => rt.jobs.start({ cmd: ["sleep", "30"], timeoutMs: 5000, onExit }));
    clock.advance(4999);
    expect(rt.jobs.live()).toHaveLength(1);
    clock.advance(1);
    expect(await done).toMatchObject({ code: null, signal: "SIGTERM" });
  });

  it("kill() signals the whole process group: the job's children die with it", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    let exit: { code: number | null; signal: string | null } | undefined;
    const { id, pid } = await grandchild(rt, "ext", (code, signal) => { exit = { code, signal }; });
    expect(rt.jobs.kill(id, "SIGKILL")).toBe(true);
    expect(await gone(pid)).toBe(true);
    await until(() => exit !== undefined);
    expect(exit).toEqual({ code: null, signal: "SIGKILL" });
  });

  it("removeOwner kills the owner's jobs (children too) and runs none of their callbacks", async () => {
    const rt = new Runtime({ clock: new FakeClock() });
    let exits = 0;
    const { pid } = await grandchild(rt, "ext", () => { exits++; });
    const other = await grandchild(rt, "other");
    rt.removeOwner("ext");
    expect(await gone(pid)).toBe(true);
    await until(() => rt.jobs.live("ext").length === 0);
    expect(rt.jobs.live().map((j) => j.owner)).toEqual(["other"]);
    expect(exits).toBe(0);
    rt.removeOwner("other");
    expect(await gone(other.pid)).toBe(true);
  });

  it("kills every job's process group when the app exits", async () => {
    const runtime = join(ROOT, "dist", "engine", "kernel", "runtime.js");
    const script = `import { Runtime } from ${JSON.stringify(runtime)};
      const rt = new Runtime();
      rt.jobs.start({ cmd: "sleep 30 & echo $!; wait", onStdout: (d) => { console.log(d.trim()); process.exit(0); } });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    const code = await new Promise<number | null>((r) => child.on("close", r));
    expect(code).toBe(0);
    expect(await gone(Number(out.trim()))).toBe(true);
  });
});
