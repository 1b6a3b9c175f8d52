import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAppExtensions } from "../../bin/app-extensions.js";
import { loadConfig } from "../../engine/config/index.js";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { tempDir } from "../support/temp-tree.js";

describe("extensions loaded by the app", () => {
  it("see the chat's working flag and session id in event tables", () => {
    const dir = tempDir("lc-appext-");
    const file = join(dir, "ctx.lua");
    writeFileSync(file, `
      local lc = require("librecode")
      lc.on("key", function(ev)
        lc.buf.set_text("probe", tostring(ev.working) .. " " .. ev.context.session_id .. " " .. ev.context.mode)
      end)
    `);
    const rt = new Runtime({ width: 80, height: 24, cwd: dir });
    const loaded = loadConfig({ cwd: dir, home: join(dir, "home"), env: {} });
    loadAppExtensions(rt, loaded, { cwd: dir, home: join(dir, "home"), enabled: false, paths: [file] });
    rt.buffers.setMetadata("status", "working", true);
    rt.buffers.setMetadata("status", "session_id", "s-42");
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    expect(rt.buffers.getText("probe")).toBe("true s-42 chat");
  });
});
