import { describe, expect, it } from "vitest";
import { cli, ensureBuilt, scratch } from "./run-cli.js";

ensureBuilt();

describe.concurrent("extensions cannot end or scribble on the host process", () => {
  it("extension list shows the extension that called os.exit(42) and exits 0", async () => {
    const dir = scratch({ ".librecode/extensions/quitter.lua": `os.exit(42)\n`, ".librecode/extensions/fine.lua": `librecode.register_command("hi", "", function() return "hi" end)\n` });
    const r = await cli(["extension", "list"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => /^ {2}\S/.test(l))).toEqual([
      `  fine  loaded  ${dir.path(".librecode/extensions/fine.lua")}`,
      `  quitter  disabled: it called os.exit(42)  ${dir.path(".librecode/extensions/quitter.lua")}`,
    ]);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("extension"))).toEqual([
      "extension quitter disabled: it called os.exit(42)",
      "extension quitter: load failed: quitter.lua:1: os.exit(42): an extension cannot exit librecode; it is disabled",
    ]);
  });

  it("os.execute output stays out of render --format json", async () => {
    const dir = scratch({ ".librecode/extensions/noisy.lua": `os.execute("echo noise; echo more noise >&2")\n` });
    const r = await cli(["render", "--size", "40x10", "--format", "json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("windows");
    expect(r.stderr).toBe("");
  });

  it("render stops a timer that re-defers itself at 0 ms, reports it and still prints the frame", async () => {
    const dir = scratch({ ".librecode/extensions/loop.lua": `local function f() librecode.timer.defer(0, f) end\nf()\n` });
    const r = await cli(["render", "--size", "30x4"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("extension loop: timer failed: runaway timer: more than 1000 rounds without time passing; its timers were stopped\n");
    expect(r.stdout.split("\n")).toHaveLength(5);
  });
});
