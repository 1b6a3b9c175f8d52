import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { withExtension } from "./harness.js";

describe("instruction budget", () => {
  it("aborts a runaway handler and leaves the state usable", () => {
    const { rt, errors, run } = withExtension(`
      local lc = require("librecode")
      lc.keymap.set("global", "x", function() lc.buf.set_text("status", "partial") while true do end end)
    `, { maxInstructions: 200_000 });
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    expect(errors()[0]!.split("\n")[0]).toBe("extension ext: keymap x failed: ext.lua:3: budget exceeded: callback ran more than 200000 instructions");
    expect(rt.buffers.getText("status")).toBe("");
    expect(run(`return 1 + 1`)).toEqual([2]);
  });

  it("cannot be swallowed by a pcall inside the runaway code", () => {
    const { run } = withExtension(`lc = require("librecode")`, { maxInstructions: 100_000 });
    expect(() => run(`while true do pcall(function() while true do end end) end`)).toThrow(/budget exceeded/);
    expect(run(`return "alive"`)).toEqual(["alive"]);
  });

  it("aborts by wall time when no instruction cap is set", () => {
    const { run } = withExtension(`lc = require("librecode")`, { budgetMs: 20 });
    expect(() => run(`while true do end`)).toThrow("eval.lua:1: budget exceeded: callback ran longer than 20 ms");
  });
});

describe("instruction budget in coroutines", () => {
  it("aborts a runaway coroutine and later coroutines run normally", () => {
    const { run } = withExtension(`lc = require("librecode")`, { maxInstructions: 100_000 });
    expect(() => run(`local co = coroutine.wrap(function() while true do end end) co()`)).toThrow(/budget exceeded/);
    expect(run(`local co = coroutine.wrap(function() local n = 0 for i = 1, 50000 do n = n + i end return n end) return co()`)).toEqual([1250025000]);
  });
});
