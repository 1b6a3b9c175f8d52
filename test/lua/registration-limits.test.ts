import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { withExtension } from "./harness.js";

const owned = (xs: { owner: string }[]) => xs.filter((x) => x.owner === "ext").length;

describe("registration limits per extension", () => {
  it("key handlers stop at 1000, across callbacks", () => {
    const { rt, errors } = withExtension(`
      local lc = require("librecode")
      for i = 1, 999 do lc.on("key", function() end) end
      lc.keymap.set("global", "<C-r>", function() for i = 1, 100000 do lc.on("key", function() end) end end)
    `);
    rt.dispatchKey(keyEvent("r", { ctrl: true }));
    expect(errors()[0]!.split("\n")[0]).toBe("extension ext: keymap ctrl+r failed: on: extension ext already has 1000 event handlers (the most one extension may register is 1000)");
    // Registrations are not rolled back: the one that fit stays, none past the limit.
    expect(owned(rt.events.list())).toBe(1000);
  });

  it("keymaps stop at 1000, and re-mapping an existing key at the limit still works", () => {
    // No wall-clock budget: 2000 refused calls under a loaded test run may take longer than 200 ms.
    const { rt, run } = withExtension(`lc = require("librecode")`, { maxInstructions: 10_000_000 });
    run(`for i = 1, 1000 do lc.keymap.set({ role = "r" .. i }, "x", function() end) end`);
    expect(() => run(`for i = 1, 2000 do pcall(lc.keymap.set, "global", "y", function() end) end lc.keymap.set("global", "y", function() end)`))
      .toThrow("keymap.set: extension ext already has 1000 keymaps (the most one extension may register is 1000)");
    expect(run(`return lc.keymap.set({ role = "r1" }, "x", function() end)`)).toEqual([true]);
    expect(owned(rt.keymaps.list())).toBe(1000);
    rt.dispatchKey(keyEvent("x", { text: "x" }));
  });

  it("commands stop at 200, tools at 100, live timers at 1000", () => {
    const { run } = withExtension(`lc = require("librecode")`);
    expect(() => run(`for i = 1, 201 do lc.register_command("c" .. i, "", function() end) end`))
      .toThrow("register_command: extension ext already has 200 commands (the most one extension may register is 200)");
    expect(() => run(`for i = 1, 101 do lc.register_tool("t" .. i, "", function() end) end`))
      .toThrow("register_tool: extension ext already has 100 tools (the most one extension may register is 100)");
    expect(() => run(`for i = 1, 1001 do lc.timer.defer(1000, function() end) end`))
      .toThrow("timer.defer: extension ext already has 1000 live timers (the most one extension may register is 1000)");
  });
});
