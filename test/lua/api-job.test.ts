import { describe, expect, it } from "vitest";
import { lcRuntime } from "./harness.js";

/** Resolves when cond() holds (a real process answers on its own time). */
function until(cond: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const t = setInterval(() => {
      if (!cond()) return;
      clearInterval(t);
      resolve();
    }, 5);
  });
}

describe("librecode.job", () => {
  it("runs argv and reports output chunks and the exit code to guarded callbacks that may use any API", async () => {
    const { rt, run } = lcRuntime();
    const [id] = run(`
      return lc.job.start({"sh", "-c", "printf 'a\\\\n'; printf 'e' >&2; exit 4"}, {
        on_stdout = function(id, data) lc.buf.append("out", id .. ":" .. data) end,
        on_stderr = function(id, data) lc.buf.append("err", data) end,
        on_exit = function(id, code, signal) lc.buf.set_text("exit", id .. " " .. code .. " " .. tostring(signal)) end,
      })`);
    await until(() => rt.buffers.getText("exit") !== "");
    expect([rt.buffers.getText("out"), rt.buffers.getText("err"), rt.buffers.getText("exit")]).toEqual([`${id}:a\n`, "e", `${id} 4 nil`]);
    expect(run(`return #lc.job.list()`)).toEqual([0]);
  });

  it("runs a shell string in cwd with env, delivering buffered stdout once before on_exit", async () => {
    const { rt, run, dir } = lcRuntime({ files: { "sub/x.txt": "" } });
    run(`
      lc.job.start("pwd; echo $GREETING; ls", {cwd = "sub", env = {GREETING = "hi"}, stdout_buffered = true,
        on_stdout = function(_, data) lc.buf.append("log", "[" .. data .. "]") end,
        on_exit = function() lc.buf.append("log", "exit") end})`);
    await until(() => rt.buffers.getText("log").endsWith("exit"));
    expect(rt.buffers.getText("log")).toBe(`[${dir}/sub\nhi\nx.txt\n]exit`);
  });

  it("feeds a piped stdin with send until close_stdin; a null stdin takes no input", async () => {
    const { rt, run } = lcRuntime();
    const [sent] = run(`
      local id = lc.job.start({"cat"}, {on_stdout = function(_, d) lc.buf.append("out", d) end,
        on_exit = function(_, code) lc.buf.set_text("code", tostring(code)) end})
      local ok = lc.job.send(id, "one ") and lc.job.send(id, 2)
      lc.job.close_stdin(id)
      return ok and not lc.job.send(id, "late")`);
    expect(sent).toBe(true);
    await until(() => rt.buffers.getText("code") === "0");
    expect(rt.buffers.getText("out")).toBe("one 2");
    expect(run(`local id = lc.job.start("cat", {stdin = "null"}) return lc.job.send(id, "x")`)).toEqual([false]);
  });

  it("stop sends a signal to the job, which on_exit reports; list shows live jobs", async () => {
    const { rt, run } = lcRuntime();
    const [listed, stopped] = run(`
      local id = lc.job.start({"sleep", "30"}, {on_exit = function(_, code, signal) lc.buf.set_text("exit", tostring(code) .. " " .. signal) end})
      local l = lc.job.list()
      return l[1].id == id and l[1].cmd[1] == "sleep" and type(l[1].pid) == "number", lc.job.stop(id, "KILL")`);
    expect([listed, stopped]).toEqual([true, true]);
    await until(() => rt.buffers.getText("exit") !== "");
    expect(rt.buffers.getText("exit")).toBe("nil SIGKILL");
    expect(run(`return lc.job.stop(1), lc.job.stop(999)`)).toEqual([false, false]);
  });

  it("stops a job at timeout_ms on the runtime clock", async () => {
    const { rt, run, clock } = lcRuntime();
    run(`lc.job.start({"sleep", "30"}, {timeout_ms = 1000, on_exit = function(_, code, signal) lc.buf.set_text("exit", signal) end})`);
    clock.advance(1000);
    await until(() => rt.buffers.getText("exit") !== "");
    expect(rt.buffers.getText("exit")).toBe("SIGTERM");
  });

  it("a failing callback loses its own changes and is reported with the extension's name", async () => {
    const { rt, run, errors } = lcRuntime();
    run(`lc.job.start("echo hi", {on_stdout = function() lc.buf.set_text("status", "lost") error("bad output") end,
      on_exit = function() lc.buf.set_text("done", "yes") end})`);
    await until(() => rt.buffers.getText("done") === "yes");
    expect(rt.buffers.getText("status")).toBe("");
    expect(errors()[0]!.split("\n")[0]).toBe("extension ext: job stdout failed: eval.lua:1: bad output");
  });

  it("a callback that starts a job and then fails leaves no job behind", () => {
    const { rt, run } = lcRuntime();
    run(`lc.on("tick", function() lc.job.start({"sleep", "30"}) error("after start") end)`);
    rt.emit("tick");
    expect(rt.jobs.live()).toEqual([]);
  });

  it("a disposed (disabled, unloaded) extension's jobs are killed and their callbacks never run", async () => {
    const { rt, run, host } = lcRuntime();
    run(`lc.job.start("sleep 30", {on_exit = function() lc.buf.set_text("exit", "ran") end})`);
    const [job] = rt.jobs.live("ext");
    host.extensions()[0]!.dispose();
    await until(() => rt.jobs.live().length === 0);
    expect(job!.pid).toBeGreaterThan(0);
    expect(rt.buffers.getText("exit")).toBe("");
  });

  it("checks its arguments and option fields", () => {
    const { run } = lcRuntime();
    const err = (code: string) => run(`return select(2, pcall(function() ${code} end))`)[0];
    expect(err(`lc.job.start(5)`)).toBe("job.start: argument 1 'cmd': expected a shell command string or an argv list of strings, got number");
    expect(err(`lc.job.start({})`)).toBe("job.start: argument 1 'cmd': expected a shell command string or an argv list of strings, got table");
    expect(err(`lc.job.start("true", {stdn = "null"})`)).toBe("job.start: opts.stdn: unknown key");
    expect(err(`lc.job.start("true", {stdin = "file"})`)).toBe(`job.start: opts.stdin: expected "pipe" or "null", got "file"`);
    expect(err(`lc.job.start("true", {timeout_ms = -1})`)).toBe("job.start: opts.timeout_ms: expected a positive integer, got number");
    expect(err(`lc.job.start("true", {on_exit = "print"})`)).toBe("job.start: opts.on_exit: expected function, got string");
    expect(err(`lc.job.stop(1, "NOPE")`)).toBe(`job.stop: argument 2 'signal': expected a signal name like "SIGTERM" or "KILL", got "NOPE"`);
  });
});
