import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claimTerminal, repairStaleTerminal } from "../../ui/terminal-marker.js";
import { tempDir } from "../support/temp-tree.js";

/** A real process, and a promise that settles once it is dead and reaped. */
function child() {
  const p = spawn("sleep", ["30"], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => p.on("exit", () => resolve()));
  return { pid: p.pid!, kill: async () => { p.kill("SIGKILL"); await exited; } };
}

function repairer(home: string, tty: string | null) {
  const written: string[] = [];
  let sane = 0;
  const repair = () => repairStaleTerminal(home, { tty, write: (s) => written.push(s), sane: () => sane++ });
  return { repair, written, sanes: () => sane };
}

describe("the stale-session marker", () => {
  it("after a chat killed by SIGKILL, the next start on its terminal restores every mode and removes the marker", async () => {
    const home = tempDir();
    const run = child();
    claimTerminal(home, { pid: run.pid, tty: "34816" });
    expect(readdirSync(join(home, "run"))).toEqual([`terminal-${run.pid}.json`]);
    const r = repairer(home, "34816");
    // While the run lives its terminal is its own.
    expect(r.repair()).toEqual([]);
    await run.kill();
    expect(r.repair()).toEqual([run.pid]);
    expect(r.written).toEqual([
      "\x1b[<u\x1b[>4m\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?1004l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l\x1b[?1007l",
    ]);
    expect(r.sanes()).toBe(1);
    expect(readdirSync(join(home, "run"))).toEqual([]);
    expect(r.repair()).toEqual([]);
    expect(r.written).toHaveLength(1);
  });

  it("leaves the marker of a dead run on another terminal for that terminal's next start", async () => {
    const home = tempDir();
    const run = child();
    claimTerminal(home, { pid: run.pid, tty: "34817" });
    await run.kill();
    expect(repairer(home, "34816").repair()).toEqual([]);
    expect(repairer(home, "34817").repair()).toEqual([run.pid]);
  });

  it("a run that ends normally removes its marker", () => {
    const home = tempDir();
    const release = claimTerminal(home, { pid: process.pid, tty: "34816" });
    expect(existsSync(join(home, "run", `terminal-${process.pid}.json`))).toBe(true);
    release();
    expect(readdirSync(join(home, "run"))).toEqual([]);
  });

  it("a home without markers (or without a home) writes nothing", () => {
    const r = repairer(join(tempDir(), "missing"), "34816");
    expect(r.repair()).toEqual([]);
    expect(r.written).toEqual([]);
  });
});
