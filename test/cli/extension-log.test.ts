import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keepExtensionLog } from "../../bin/extension-log-file.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { scratch } from "./run-cli.js";
import { cliInProcess as run } from "./run-in-process.js";

// A chat's runtime as far as the log goes: extensions loaded, the log file kept, then events.
function chatWithExtensions(home: string, files: Record<string, string>): { rt: Runtime; clock: FakeClock } {
  const clock = new FakeClock(Date.UTC(2026, 11, 4, 21, 58, 3));
  const rt = new Runtime({ clock, width: 40, height: 10 });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, name), text);
  new ExtensionHost(rt, { cwd: home, home }).loadPaths(Object.keys(files).map((f) => join(home, f)));
  keepExtensionLog(rt, home);
  return { rt, clock };
}

describe("librecode extension log", () => {
  it("prints what extensions printed and what failed in the latest chat, load errors included", async () => {
    const where = scratch();
    const { rt, clock } = chatWithExtensions(where.home, {
      "greet.lua": `local lc = require("librecode")\nprint("hello", 42)\nlc.on("turn_end", function() lc.log("turn over") error("boom") end)\n`,
      "broken.lua": "local x = = 1\n",
    });
    clock.advance(2000);
    rt.emit("turn_end", {});
    expect(await run(["extension", "log"], where)).toEqual({ code: 0, stderr: "", stdout: [
      "21:58:03  greet  hello 42",
      "21:58:03  broken  error: load failed: broken.lua:1: unexpected symbol near '='",
      "21:58:05  greet  turn over",
      "21:58:05  greet  error: turn_end handler failed: greet.lua:3: boom",
      "",
    ].join("\n") });
    expect((await run(["extension", "log", "-n", "1"], where)).stdout).toBe("21:58:05  greet  error: turn_end handler failed: greet.lua:3: boom\n");
  });

  it("says where the log will be when no chat wrote one yet, and refuses a bad --lines", async () => {
    const where = scratch();
    expect((await run(["extension", "log"], where)).stdout).toBe(`no extension log yet: each chat writes ${where.home}/extension.log\n`);
    expect((await run(["extension", "log", "-n", "0"], where)).stderr).toBe('librecode extension log: --lines: expected a number >= 1, got "0"\n');
  });
});
