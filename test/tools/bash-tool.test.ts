import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bashTool } from "../../engine/tools/bash-tool.js";
import { tempTree, toolContext } from "./tool-fixture.js";

const bash = bashTool({ killGraceMs: 100 });

// A killed grandchild is reparented and may linger as a zombie until reaped; either way it is not running.
function running(pid: number): boolean {
  const statPath = `/proc/${pid}/stat`;
  if (!existsSync(statPath)) return false;
  try {
    const state = readFileSync(statPath, "utf8").replace(/^.*\) /s, "")[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

// The pipe closes a moment before a killed process turns into a zombie, so wait for that state change;
// a process that was not killed (sleep 30) outlives the test timeout and fails the test.
async function gone(pid: number): Promise<boolean> {
  while (running(pid)) await new Promise((r) => setImmediate(r));
  return true;
}

async function waitForFile(path: string): Promise<string> {
  // Polls on the event loop for a file the child writes; bounded by the test timeout, not asserted on.
  while (!existsSync(path) || readFileSync(path, "utf8").trim() === "") await new Promise((r) => setImmediate(r));
  return readFileSync(path, "utf8").trim();
}

describe("bash", () => {
  it("returns combined output and exit code 0", async () => {
    const dir = tempTree({ "f.txt": "x" });
    const result = await bash.run({ command: "ls; echo oops >&2" }, toolContext(dir));
    expect(result).toEqual({
      content: "f.txt\noops\n\nexit code: 0",
      details: { exitCode: 0, signal: null, timedOut: false, aborted: false, droppedBytes: 0, droppedLines: 0, escapedKilled: 0, pipeHeld: false },
    });
  });

  it("reports a non-zero exit code as an error", async () => {
    const result = await bash.run({ command: "echo failing; exit 3" }, toolContext(tempTree()));
    expect(result.content).toBe("failing\n\nexit code: 3");
    expect(result.isError).toBe(true);
    expect(result.details).toMatchObject({ exitCode: 3 });
  });

  it("says when there was no output", async () => {
    expect((await bash.run({ command: "true" }, toolContext(tempTree()))).content).toBe("(no output)\n\nexit code: 0");
  });

  it("runs in the context's directory with empty stdin", async () => {
    const dir = tempTree();
    const result = await bash.run({ command: "pwd; cat; echo done" }, toolContext(dir));
    expect(result.content).toBe(`${dir}\ndone\n\nexit code: 0`);
  });

  it("kills a command that outlives its timeout", async () => {
    const result = await bash.run({ command: "echo started; sleep 5", timeout_ms: 200 }, toolContext(tempTree()));
    expect(result.content).toBe("started\n\nbash: timed out after 200 ms; killed the process group");
    expect(result.isError).toBe(true);
    expect(result.details).toMatchObject({ timedOut: true, exitCode: null, signal: "SIGTERM" });
  });

  it("kills the whole process group, grandchildren that ignore SIGTERM included", async () => {
    const dir = tempTree();
    const command = `bash -c 'trap "" TERM; sleep 30' & echo $! > child.pid; wait`;
    const result = await bash.run({ command, timeout_ms: 200 }, toolContext(dir));
    expect(result.details).toMatchObject({ timedOut: true });
    const grandchild = Number(readFileSync(join(dir, "child.pid"), "utf8"));
    expect(await gone(grandchild)).toBe(true);
  });

  it("keeps the end of long output and says what it dropped", async () => {
    const small = bashTool({ maxBytes: 1000, maxLines: 5 });
    const result = await small.run({ command: "seq 1 100000" }, toolContext(tempTree()));
    expect(result.content.split("\n")).toEqual([
      "[output truncated: dropped the first 99995 lines (588864 bytes) of 588895 bytes; showing the end]",
      "99996",
      "99997",
      "99998",
      "99999",
      "100000",
      "",
      "exit code: 0",
    ]);
    expect(result.details).toMatchObject({ droppedLines: 99995, droppedBytes: 588864 });
  });

  it("is aborted at once through the context's signal, and its group with it", async () => {
    const dir = tempTree();
    const controller = new AbortController();
    const pending = bash.run(
      { command: "sleep 30 & echo $! > child.pid; wait" },
      toolContext(dir, { signal: controller.signal }),
    );
    const grandchild = Number(await waitForFile(join(dir, "child.pid")));
    controller.abort();
    const result = await pending;
    expect(result.content).toBe("(no output)\n\nbash: aborted; killed the process group");
    expect(result.isError).toBe(true);
    expect(await gone(grandchild)).toBe(true);
  });

  it("does not start when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await bash.run({ command: "touch x" }, toolContext(tempTree(), { signal: controller.signal }))).toEqual({
      content: "bash: aborted before it started",
      isError: true,
    });
  });

  it("streams output as it arrives", async () => {
    const updates: string[] = [];
    await bash.run({ command: "echo one; echo two" }, toolContext(tempTree(), { onUpdate: (p) => updates.push(p) }));
    expect(updates.join("")).toBe("one\ntwo\n");
  });

  it("returns when bash exits even if a background job keeps the pipe open", async () => {
    const dir = tempTree();
    const result = await bash.run({ command: "sleep 30 & echo $! > bg.pid; echo back" }, toolContext(dir));
    expect(result.content).toBe("back\n\nexit code: 0\nnote: a background process still holds the output open; stopped reading it (it may still be running)");
    process.kill(Number(readFileSync(join(dir, "bg.pid"), "utf8")), "SIGKILL");
  });

  it("returns at the deadline even when a process that left the group holds the pipe, and kills it", async () => {
    const dir = tempTree();
    const result = await bash.run({ command: "setsid sleep 90 & echo $! > esc.pid; echo waiting; sleep 5", timeout_ms: 300 }, toolContext(dir));
    expect(result.content).toBe("waiting\n\nbash: timed out after 300 ms; killed the process group and 1 process that had left it");
    expect(result.details).toMatchObject({ timedOut: true, escapedKilled: 1, pipeHeld: false });
    expect(await gone(Number(readFileSync(join(dir, "esc.pid"), "utf8")))).toBe(true);
  });

  it("escape (abort) stops a command whose escaped child holds the pipe", async () => {
    const dir = tempTree();
    const controller = new AbortController();
    const pending = bash.run({ command: "setsid sh -c 'echo $$ > esc.pid; exec sleep 90' & sleep 30" }, toolContext(dir, { signal: controller.signal }));
    const escaped = Number(await waitForFile(join(dir, "esc.pid")));
    controller.abort();
    expect((await pending).content).toBe("(no output)\n\nbash: aborted; killed the process group and 1 process that had left it");
    expect(await gone(escaped)).toBe(true);
  });

  it("reports a missing working directory", async () => {
    const dir = join(tempTree(), "gone");
    expect(await bash.run({ command: "true" }, toolContext(dir))).toEqual({
      content: `bash: working directory ${dir}: not found`,
      isError: true,
    });
  });
});
