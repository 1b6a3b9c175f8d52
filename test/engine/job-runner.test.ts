import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";

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
    await exited(rt, (onExit) => rt.jobs.start({ cmd: ["cat"], stdin: "héllo 😀", onStdout: (d) => { out += d; }, onExit }));
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
