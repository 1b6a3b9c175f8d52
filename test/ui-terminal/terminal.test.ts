import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import type { InputEvent } from "../../ui/key-decoder.js";
import { Terminal } from "../../ui/terminal.js";
import { KITTY_POP, KITTY_PUSH, KITTY_QUERY, MODIFY_OTHER_KEYS_OFF, MODIFY_OTHER_KEYS_ON, enterSequence, restoreSequence } from "../../ui/terminal-modes.js";
import { transpileForChild } from "./transpile-for-child.js";

function fakeTty(columns = 100, rows = 30) {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { columns, rows });
  let written = "";
  output.on("data", (d: Buffer) => { written += d.toString("utf8"); });
  const clock = new FakeClock();
  const term = new Terminal({ input, output, clock, guard: false });
  const events: InputEvent[] = [];
  term.onInput((ev) => events.push(ev));
  return { input, output, clock, term, events, written: () => written };
}

describe("Terminal over streams", () => {
  it("enter writes the alternate screen and input modes, then the kitty probe", () => {
    const t = fakeTty();
    t.term.enter();
    expect(t.written()).toBe("\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?1004h\x1b[?1007h" + KITTY_QUERY);
  });

  it("turns on full mouse reporting instead of alternate scroll when asked", () => {
    expect(enterSequence(true)).toBe("\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?1004h\x1b[?1000h\x1b[?1002h\x1b[?1006h");
  });

  it("pushes kitty flags 1 when the terminal answers the query, and pops them on restore", () => {
    const t = fakeTty();
    t.term.enter();
    t.term.receive("\x1b[?0u\x1b[?62c");
    expect(t.term.kittyKeyboard).toBe(true);
    expect(t.written().endsWith(KITTY_PUSH)).toBe(true);
    t.term.restore();
    expect(t.written().endsWith(restoreSequence(false, true))).toBe(true);
    expect(restoreSequence(false, true).startsWith(KITTY_POP)).toBe(true);
    expect(t.events).toEqual([]);
  });

  it("stays on legacy keys when only device attributes answer", () => {
    const t = fakeTty();
    t.term.enter();
    t.term.receive("\x1b[?62;22c");
    t.term.receive("\x1b[?1u");
    expect(t.term.kittyKeyboard).toBe(false);
    expect(t.written()).not.toContain(KITTY_PUSH);
  });

  it("asks for modifyOtherKeys when only device attributes answer, and resets it on restore", () => {
    const t = fakeTty();
    t.term.enter();
    t.term.receive("\x1b[?62;22c");
    expect(t.written().endsWith(MODIFY_OTHER_KEYS_ON)).toBe(true);
    t.term.receive("\x1b[13;2u");
    expect(t.events).toEqual([{ type: "key", key: keyEvent("enter", { shift: true }) }]);
    t.term.restore();
    expect(t.written().endsWith(restoreSequence(false, false, true))).toBe(true);
    expect(restoreSequence(false, false, true).startsWith(MODIFY_OTHER_KEYS_OFF)).toBe(true);
  });

  it("leaves modifyOtherKeys alone when the kitty protocol answered", () => {
    const t = fakeTty();
    t.term.enter();
    t.term.receive("\x1b[?0u\x1b[?62c");
    expect(t.written()).not.toContain(MODIFY_OTHER_KEYS_ON);
  });

  it("restore is idempotent and writes modes off, cursor shown, main screen", () => {
    const t = fakeTty();
    t.term.enter();
    t.term.restore();
    t.term.restore();
    const restore = "\x1b[?1007l\x1b[?1004l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";
    expect(t.written().endsWith(restore)).toBe(true);
    expect(t.written().split(restore).length).toBe(2);
  });

  it("delivers decoded input and turns a lone ESC into escape after the timeout", () => {
    const t = fakeTty();
    t.term.enter();
    t.input.write(Buffer.from("a\x1b[13;2u"));
    t.input.write(Buffer.from("\x1b"));
    return new Promise<void>((done) => setImmediate(() => {
      expect(t.events).toEqual([
        { type: "key", key: keyEvent("a", { text: "a" }) },
        { type: "key", key: keyEvent("enter", { shift: true }) },
      ]);
      t.clock.advance(29);
      expect(t.events.length).toBe(2);
      t.clock.advance(1);
      expect(t.events[2]).toEqual({ type: "key", key: keyEvent("escape") });
      done();
    }));
  });

  it("decodes a UTF-8 character split across reads", () => {
    const t = fakeTty();
    const bytes = Buffer.from("語");
    t.term.receive(bytes.subarray(0, 1));
    t.term.receive(bytes.subarray(1));
    expect(t.events).toEqual([{ type: "key", key: keyEvent("語", { text: "語" }) }]);
  });

  it("reports its size and resizes", () => {
    const t = fakeTty(100, 30);
    const sizes: unknown[] = [];
    t.term.onResize((s) => sizes.push(s));
    t.term.enter();
    expect(t.term.size()).toEqual({ width: 100, height: 30 });
    Object.assign(t.output, { columns: 120, rows: 40 });
    t.output.emit("resize");
    expect(sizes).toEqual([{ width: 120, height: 40 }]);
  });
});

describe("Terminal restore in a real child process", () => {
  let dir = "";
  const restore = restoreSequence(false, false);
  const entered = enterSequence(false) + KITTY_QUERY + "<entered>";

  beforeAll(() => {
    dir = transpileForChild(["ui/terminal.ts"]);
    writeFileSync(join(dir, "child.js"), [
      'import { Terminal } from "./ui/terminal.js";',
      "const t = new Terminal();",
      "t.enter();",
      'process.stdout.write("<entered>");',
      "const mode = process.argv[2];",
      'if (mode === "throw") setTimeout(() => { throw new Error("boom at frame 3"); }, 0);',
      'if (mode === "reject") setTimeout(() => Promise.reject(new Error("model stream broke")), 0);',
      'if (mode === "quit") { t.restore(); t.restore(); process.stdout.write("<after>"); }',
      'if (mode === "suspend") {',
      '  t.onResume(() => { process.stdout.write("<resumed>"); t.restore(); });',
      "  setTimeout(() => t.suspend(), 0);",
      "}",
    ].join("\n"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Runs the child with stderr joined to stdout, so the bytes show the real order of both.
  function run(mode: string, signal?: NodeJS.Signals): Promise<{ out: string; code: number | null }> {
    return new Promise((done, fail) => {
      const child = spawn("sh", ["-c", `exec "${process.execPath}" child.js ${mode} 2>&1`], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString("utf8");
        if (signal && out.includes("<entered>") && !child.killed) child.kill(signal);
      });
      child.on("error", fail);
      child.on("close", (code) => done({ out, code }));
    });
  }

  it("restores, then prints the error, then exits 1 on an uncaught exception", async () => {
    const { out, code } = await run("throw");
    expect(code).toBe(1);
    expect(out.startsWith(entered + restore + "librecode: uncaught exception: Error: boom at frame 3\n    at ")).toBe(true);
    expect(out.split(restore).length).toBe(2);
  });

  it("restores, then prints the error, then exits 1 on an unhandled rejection", async () => {
    const { out, code } = await run("reject");
    expect(code).toBe(1);
    expect(out.startsWith(entered + restore + "librecode: unhandled promise rejection: Error: model stream broke\n")).toBe(true);
  });

  it("restores and exits 143 on SIGTERM", async () => {
    const { out, code } = await run("wait", "SIGTERM");
    expect(code).toBe(143);
    expect(out).toBe(entered + restore + "librecode: terminated by SIGTERM\n");
  });

  it("restores and exits 129 on SIGHUP", async () => {
    const { out, code } = await run("wait", "SIGHUP");
    expect(code).toBe(129);
    expect(out).toBe(entered + restore + "librecode: terminated by SIGHUP\n");
  });

  it("suspends: restores, stops with SIGTSTP, and takes the terminal back on SIGCONT", async () => {
    // The kernel discards SIGTSTP sent to a process whose group is orphaned, which the test
    // runner's own group is when it runs without a controlling terminal (CI, setsid). A shell puts
    // a job in its own group whose parent is in the same session; perl's setpgrp does the same.
    const child = spawn("perl", ["-e", "setpgrp(0, 0) or die $!; exec @ARGV or die $!", process.execPath, "child.js", "suspend"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    const stopped = new Promise<void>((done) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString("utf8");
        if (out === entered + restore) done();
      });
    });
    const closed = new Promise<number | null>((done) => child.on("close", done));
    // A failed expectation must not leave a stopped child holding the worker open.
    onTestFinished(() => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); });
    await stopped;
    // The stop is a real kernel state change: wait for /proc to report it (bounded by a deadline
    // generous enough for a loaded CI machine, since the child restores before it stops itself).
    let state = "";
    for (const deadline = Date.now() + 15_000; state !== "T" && Date.now() < deadline;) {
      state = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ")[0]!;
      if (state !== "T") await new Promise((r) => setTimeout(r, 5));
    }
    expect(state).toBe("T");
    child.kill("SIGCONT");
    expect(await closed).toBe(0);
    expect(out).toBe(entered + restore + enterSequence(false) + KITTY_QUERY + "<resumed>" + restore);
  });

  it("restores once and lets the process end normally after restore", async () => {
    const { out, code } = await run("quit");
    expect(code).toBe(0);
    expect(out).toBe(entered + restore + "<after>");
  });
});
