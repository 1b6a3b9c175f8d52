import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExtensionHost } from "../../lua/extension-host.js";
import { openLoop, project } from "./agent-fixture.js";

describe("a command of a disabled extension", () => {
  it("answers that its extension is disabled and why, not 'unknown command'", async () => {
    const p = project("http://127.0.0.1:9");
    writeFileSync(join(p.cwd, "bad.lua"), `require("librecode").register_command("bad", "fails", function() error("boom") end)`);
    const chat = openLoop(p);
    new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home }).loadPaths([join(p.cwd, "bad.lua")]);
    chat.loop.start(false);
    for (let i = 0; i < 6; i++) await chat.loop.run("/bad");
    const errors = chat.rt.buffers.getBlocks("transcript").filter((b) => b.kind === "error").map((b) => b.text);
    expect(errors.at(-1)).toBe("/bad: extension bad is disabled (after 5 failures in a row; last: bad.lua:1: boom)");
  });
});
