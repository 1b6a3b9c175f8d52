import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { formatExtensionList } from "../../bin/cmd-extension.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { tempTree } from "./harness.js";

const BAD = `local lc = require("librecode")
lc.register_command("bad", "always fails", function() error("boom") end)
lc.on("tick", function() error("tock") end)`;

function loadBad() {
  const dir = tempTree({ "bad.lua": BAD });
  const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
  const host = new ExtensionHost(rt, { cwd: dir, home: dir });
  host.loadPaths([dir]);
  return { rt, host, dir };
}

const notices = (rt: Runtime) => rt.errors.filter((e) => e.where === "disabled").map(formatExtensionError);

describe("an extension disabled after repeated failures", () => {
  it("is reported once, naming the extension, the count and the last error", () => {
    const { rt } = loadBad();
    for (let i = 0; i < 8; i++) rt.emit("tick");
    expect(notices(rt)).toEqual(["extension bad disabled after 5 failures: bad.lua:3: tock"]);
  });

  it("keeps its commands, which answer that it is disabled and why", async () => {
    const { rt, host } = loadBad();
    for (let i = 0; i < 5; i++) await host.runCommand("bad");
    expect(notices(rt)).toEqual(["extension bad disabled after 5 failures: bad.lua:2: boom"]);
    expect(await host.runCommand("bad")).toEqual({
      ok: false, error: "extension run: bad: extension bad is disabled (after 5 failures in a row; last: bad.lua:2: boom)",
    });
    expect(rt.commands.get("bad")!.desc).toBe("always fails (disabled)");
  });

  it("shows as disabled with the reason in `extension list`", () => {
    const { rt, host, dir } = loadBad();
    for (let i = 0; i < 5; i++) rt.emit("tick");
    expect(formatExtensionList(host.list()).slice(0, 3)).toEqual([
      `path:${dir}  loaded`,
      `  bad  disabled: after 5 failures in a row; last: bad.lua:3: tock  ${dir}/bad.lua`,
      "    commands: bad",
    ]);
  });
});
