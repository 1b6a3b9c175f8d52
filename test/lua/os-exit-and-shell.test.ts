import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { withExtension } from "./harness.js";

// True once pid is gone (or only a zombie waiting for init to reap it).
function dead(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2] === "Z";
  } catch {
    return true;
  }
}

// A SIGKILL is delivered when the process is next scheduled, which on a loaded machine is not
// at once: true once pid is dead, false if it still lives after 5 s.
async function diesSoon(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 5000; waited += 20) {
    if (dead(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return dead(pid);
}

describe("os.exit in an extension", () => {
  it("fails the callback and disables that extension by name instead of exiting the host", () => {
    const { rt, host, errors } = withExtension(`
      local lc = require("librecode")
      lc.keymap.set("global", "q", function() os.exit(42) end)
    `);
    rt.dispatchKey(keyEvent("q", { text: "q" }));
    expect(errors().map((e) => e.split("\n")[0])).toEqual([
      "extension ext disabled: it called os.exit(42)",
      "extension ext: keymap q failed: ext.lua:3: os.exit(42): an extension cannot exit librecode; it is disabled",
    ]);
    expect([host.extensions()[0]!.status, host.extensions()[0]!.reason]).toEqual(["disabled", "it called os.exit(42)"]);
    expect(rt.keymaps.list().filter((k) => k.owner === "ext")).toEqual([]);
  });

  it("cannot be caught by pcall", () => {
    const { host } = withExtension(`
      local ok = pcall(os.exit, true)
      librecode.register_command("after", "", function() return "ran" end)
    `);
    expect([host.extensions()[0]!.status, host.extensions()[0]!.reason]).toEqual(["disabled", "it called os.exit(true)"]);
  });
});

describe("io.popen and os.execute", () => {
  it("io.popen(\"sleep 20\") is killed at the callback's budget with its process group", async () => {
    const { dir, run } = withExtension(`lc = require("librecode")`, { budgetMs: 300 });
    const pidFile = path.join(dir, "pid");
    expect(() => run(`local f = io.popen("sleep 21 & echo $! > ${pidFile}; sleep 20") return f:read("a")`))
      .toThrow(`eval.lua:1: io.popen: "sleep 21 & echo $! > ${pidFile}; sleep 20" ran longer than the callback's budget and was killed; use librecode.job.start for long work`);
    expect(await diesSoon(Number(fs.readFileSync(pidFile, "utf8")))).toBe(true);
    expect(run(`return io.popen("echo fine"):read("a")`)).toEqual(["fine\n"]);
  });

  it("the table's exact io.popen(\"sleep 20\") returns at the budget with a clear error", () => {
    const { run } = withExtension(`lc = require("librecode")`, { budgetMs: 200 });
    expect(() => run(`local f = io.popen("sleep 20") return f:read("a")`))
      .toThrow(`eval.lua:1: io.popen: "sleep 20" ran longer than the callback's budget and was killed; use librecode.job.start for long work`);
  });

  it("os.execute returns Lua's triple and sends the command's output to the extension log", () => {
    const { host, run } = withExtension(`lc = require("librecode")`);
    expect(run(`return os.execute("echo out; echo err >&2; exit 3")`)).toEqual([undefined, "exit", 3]);
    expect(host.extensions()[0]!.logs).toEqual(["os.execute: out\nerr"]);
    expect(run(`return os.execute("true")`)).toEqual([true, "exit", 0]);
  });

  it("os.execute of a command that outlives the budget is killed", () => {
    const { run } = withExtension(`lc = require("librecode")`, { budgetMs: 200 });
    expect(() => run(`os.execute("sleep 20")`)).toThrow(`eval.lua:1: os.execute: "sleep 20" ran longer than the callback's budget and was killed; use librecode.job.start for long work`);
  });
});

describe("string caps", () => {
  it("string.rep past 16 MiB is refused before it allocates", () => {
    const { run } = withExtension(`lc = require("librecode")`);
    expect(() => run(`return #string.rep("x", 2^30)`)).toThrow("eval.lua:1: string.rep: result too large (1073741824 bytes; an extension's strings may be at most 16 MiB)");
    expect(() => run(`return #("ab"):rep(2^25, ",")`)).toThrow("eval.lua:1: string.rep: result too large (100663295 bytes; an extension's strings may be at most 16 MiB)");
    expect(run(`return #string.rep("x", 1000)`)).toEqual([1000]);
  });

  it("a doubling loop stops at the cap with the line that concatenated", () => {
    const { run } = withExtension(`lc = require("librecode")`);
    expect(() => run(`local s = "x"\nwhile true do\n  s = s .. s\nend`)).toThrow("eval.lua:3: string concatenation: result too large (33554432 bytes; an extension's strings may be at most 16 MiB)");
  });

  it("table.concat, gsub and format are capped too", () => {
    const { run } = withExtension(`lc = require("librecode")`);
    expect(() => run(`local s = string.rep("x", 2^23) return #table.concat({s, s, s})`)).toThrow("eval.lua:1: table.concat: result too large (25165824 bytes; an extension's strings may be at most 16 MiB)");
    expect(() => run(`local s = string.rep("x", 2^24) return #s:gsub("^x", "yy")`)).toThrow("eval.lua:1: string.gsub: result too large (16777217 bytes; an extension's strings may be at most 16 MiB)");
    expect(() => run(`local s = string.rep("x", 2^23) return #string.format("%s%s.", s, s)`)).toThrow("eval.lua:1: string.format: result too large (16777217 bytes; an extension's strings may be at most 16 MiB)");
    expect(() => run(`return string.format("%d", "x")`)).toThrow("eval.lua:1: bad argument #2 to 'format' (number expected, got string)");
  });
});
