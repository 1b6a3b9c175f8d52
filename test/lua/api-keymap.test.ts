import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { lcRuntime } from "./harness.js";

const press = (key: string, init: Parameters<typeof keyEvent>[1] = {}) => keyEvent(key, init);

describe("librecode.keymap", () => {
  it("runs a focus keymap before on('key') handlers; returning true consumes", () => {
    const { rt, run } = lcRuntime();
    let fallback = 0;
    rt.setKeyFallback(() => fallback++);
    run(`
      lc.on("key", function(ev) lc.buf.append("log", "h" .. ev.key .. " ") end)
      lc.keymap.set({focus = "composer"}, "<C-x>", function(ev) lc.buf.append("log", "k" .. ev.key .. " ") return true end)`);
    expect(rt.dispatchKey(press("ctrl+x", { ctrl: true }))).toBe(true);
    expect(rt.buffers.getText("log")).toBe("kctrl+x hctrl+x ");
    expect(fallback).toBe(0);
  });

  it("matches only the focused target plus global", () => {
    const { rt, run } = lcRuntime();
    run(`
      lc.keymap.set({role = "transcript"}, "a", function() lc.buf.append("log", "t") end)
      lc.keymap.set("composer", "a", function() lc.buf.append("log", "c") end)
      lc.keymap.set("global", "a", function() lc.buf.append("log", "g") end)
      lc.keymap.set({{window = "status"}, {buffer = "composer"}}, "a", function() lc.buf.append("log", "l") end)`);
    rt.dispatchKey(press("a", { text: "a" }));
    expect(rt.buffers.getText("log")).toBe("cgl");
  });

  it("orders keymaps by opts.priority and keeps desc", () => {
    const { rt, run } = lcRuntime();
    run(`
      lc.keymap.set("global", "<cr>", function() lc.buf.append("log", "low ") end, {desc = "low one"})
      lc.keymap.set("global", "return", function() lc.buf.append("log", "replaced ") end, {desc = "replaced"})
      lc.keymap.set({focus = "composer"}, "enter", function() lc.buf.append("log", "high ") end, {priority = 5, desc = "send"})`);
    rt.dispatchKey(press("enter"));
    expect(rt.buffers.getText("log")).toBe("high replaced ");
    expect(rt.keymaps.list().map((k) => [k.lhs, k.desc])).toEqual([["enter", "replaced"], ["enter", "send"]]);
  });

  it("* matches every key", () => {
    const { rt, run } = lcRuntime();
    run(`lc.keymap.set({focus = "composer"}, "*", function(ev) lc.buf.append("log", ev.key) return true end)`);
    for (const k of ["x", "G", "$"]) rt.dispatchKey(press(k, { text: k }));
    rt.dispatchKey(press("escape"));
    expect(rt.buffers.getText("log")).toBe("xG$escape");
  });

  it("del removes a mapping and says whether there was one", () => {
    const { rt, run } = lcRuntime();
    run(`lc.keymap.set("global", "q", function() lc.buf.append("log", "q") end)`);
    expect(run(`return lc.keymap.del("global", "<q>"), lc.keymap.del("global", "q")`)).toEqual([true, false]);
    rt.dispatchKey(press("q", { text: "q" }));
    expect(rt.buffers.getText("log")).toBe("");
  });

  it("del of one target of a list leaves the mapping on the others", () => {
    const { rt, run } = lcRuntime();
    run(`lc.keymap.set({ {role = "composer"}, {role = "notes"} }, "ctrl+g", function() lc.buf.append("log", "g") return true end)`);
    expect(run(`return lc.keymap.del({role = "composer"}, "<c-g>")`)).toEqual([true]);
    rt.dispatchKey(press("g", { ctrl: true }));
    rt.windows.create("notes", { role: "notes", buffer: "notes" });
    rt.focus = "notes";
    rt.dispatchKey(press("g", { ctrl: true }));
    expect(rt.buffers.getText("log")).toBe("g");
  });

  it("releases a replaced mapping's function (re-mapping every frame does not grow the registry)", () => {
    const { run } = lcRuntime();
    const [before, after] = run(`
      local function count() local n = 0 for _ in pairs(debug.getregistry()) do n = n + 1 end return n end
      lc.keymap.set("global", "z", function() end)
      local before = count()
      for i = 1, 200 do lc.keymap.set("global", "<z>", function() end) end
      lc.timer.defer(0, function() end)
      return before, count()`);
    expect((after as number) - (before as number)).toBeLessThanOrEqual(1);
  });

  it("checks its arguments", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.keymap.set, 5, "x", function() end))`)).toEqual([
      `keymap.set: argument 1 'target': expected "global", a role, a target table or a list, got number`,
    ]);
    expect(run(`return select(2, pcall(lc.keymap.set, {}, "x", function() end))`)).toEqual([
      "keymap.set: argument 1 'target': expected one of focus, buffer, window, role or scope",
    ]);
    expect(run(`return select(2, pcall(lc.keymap.set, "global", "x", "notfn"))`)).toEqual(["keymap.set: argument 3 'fn': expected function, got string"]);
    expect(run(`return select(2, pcall(lc.keymap.del, "global", nil))`)).toEqual(["keymap.del: argument 2 'lhs': expected string, got nil"]);
  });
});
