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

describe("debug.sethook cannot remove the budget", () => {
  it("aborts `debug.sethook() while true do end` at load and lists the extension failed", () => {
    const { host, errors } = withExtension(`debug.sethook() while true do end`, { budgetMs: 20 });
    expect(errors()[0]!.split("\n")[0]).toBe("extension ext: load failed: ext.lua:1: budget exceeded: callback ran longer than 20 ms");
    expect(host.extensions()[0]!.status).toBe("failed");
  });

  it("aborts the same loop in a keymap, and the next key still works", () => {
    const { rt, errors } = withExtension(`
      local lc = require("librecode")
      lc.keymap.set("global", "x", function() debug.sethook() while true do end end)
      lc.keymap.set("global", "y", function() lc.buf.set_text("status", "ok") return true end)
    `, { maxInstructions: 200_000 });
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    expect(errors()[0]!.split("\n")[0]).toBe("extension ext: keymap x failed: ext.lua:3: budget exceeded: callback ran more than 200000 instructions");
    rt.dispatchKey(keyEvent("y", { text: "y" }));
    expect(rt.buffers.getText("status")).toBe("ok");
  });

  it("a hook set on a coroutine does not remove it either", () => {
    const { run } = withExtension(`lc = require("librecode")`, { maxInstructions: 100_000 });
    expect(() => run(`local co = coroutine.create(function() while true do end end) debug.sethook(co) coroutine.resume(co) error(select(2, coroutine.resume(co)))`))
      .toThrow(/budget exceeded/);
  });

  it("gethook sees only the Lua-level hook, which runs chained behind the host's", () => {
    const { run } = withExtension(`lc = require("librecode")`, { maxInstructions: 1_000_000 });
    expect(run(`return debug.gethook() == nil`)).toEqual([true]);
    const [mask, count, calls] = run(`
      local calls = 0
      local function h(ev) if ev == "call" then calls = calls + 1 end end
      debug.sethook(h, "c")
      local function f() end
      f() f() f()
      local fn, m, c = debug.gethook()
      debug.sethook()
      assert(fn == h)
      return m, c, calls
    `);
    expect([mask, count, (calls as number) >= 3]).toEqual(["c", 0, true]);
    expect(run(`return debug.gethook() == nil`)).toEqual([true]);
  });

  it("counts a Lua count hook and aborts a hook that loops forever", () => {
    const { run } = withExtension(`lc = require("librecode")`, { maxInstructions: 200_000 });
    expect(run(`local n = 0 debug.sethook(function() n = n + 1 end, "", 1000) for i = 1, 20000 do end debug.sethook() return n > 10`)).toEqual([true]);
    expect(() => run(`debug.sethook(function() while true do end end, "", 10) for i = 1, 100 do end`)).toThrow(/budget exceeded: callback ran more than 200000 instructions/);
    expect(run(`debug.sethook() return "alive"`)).toEqual(["alive"]);
  });
});
