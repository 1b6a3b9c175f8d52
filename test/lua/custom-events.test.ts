import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { lcRuntime, tempTree } from "./harness.js";

function extensions(files: Record<string, string>) {
  const dir = tempTree(files);
  const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
  const host = new ExtensionHost(rt, { cwd: dir, home: dir });
  host.loadPaths([dir]);
  return { rt, host, errors: () => rt.errors.map(formatExtensionError), dir };
}

describe("on/off", () => {
  it("on returns an id per registration and off removes exactly that one", () => {
    const { rt, run } = lcRuntime();
    const [a, b] = run(`
      local a = lc.on("tick", function() lc.buf.append("log", "a") end)
      local b = lc.on("tick", {priority = 1}, function() lc.buf.append("log", "b") end)
      return a, b`);
    expect([a, b]).toEqual([1, 2]);
    rt.emit("tick");
    expect(run(`return lc.off(2), lc.off(2), lc.off(99)`)).toEqual([true, false, false]);
    rt.emit("tick");
    expect(rt.buffers.getText("log")).toBe("baa");
  });

  it("api.nvim_del_autocmd removes an autocmd registered for several events", () => {
    const { rt, run } = lcRuntime();
    run(`
      local id = lc.api.nvim_create_autocmd({"tick", "resize"}, {callback = function(ev) lc.buf.append("log", ev.name .. " ") end})
      lc.on("tick", function() lc.buf.append("log", "kept ") end)
      lc.buf.set_text("id", tostring(id))`);
    rt.emit("tick");
    run(`lc.api.nvim_del_autocmd(tonumber(lc.buf.get_text("id")))`);
    rt.emit("tick");
    rt.resize(60, 20);
    expect(rt.buffers.getText("log")).toBe("tick kept kept ");
  });

  it("a handler may remove itself while the event runs", () => {
    const { rt, run } = lcRuntime();
    run(`
      local id
      id = lc.on("tick", function() lc.buf.append("log", "once ") lc.off(id) end)`);
    rt.emit("tick");
    rt.emit("tick");
    expect(rt.buffers.getText("log")).toBe("once ");
  });

  it("checks its argument", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.off, "x"))`)).toEqual(["off: argument 1 'id': expected integer, got string"]);
  });
});

describe("emit", () => {
  it("runs every extension's handlers of a custom event with its data and returns whether one consumed it", () => {
    const { rt } = extensions({
      "a.lua": `local lc = require("librecode")
        lc.register_command("save", "", function(args)
          local consumed = lc.emit("notes:saved", {path = args, lines = 3})
          return "consumed=" .. tostring(consumed)
        end)`,
      "b.lua": `local lc = require("librecode")
        lc.on("notes:saved", function(ev) lc.buf.append("log", ev.name .. " " .. ev.data.path .. " " .. ev.data.lines) return true end)`,
    });
    return rtRun(rt, "save", "todo.md").then((out) => {
      expect(out).toBe("consumed=true");
      expect(rt.buffers.getText("log")).toBe("notes:saved todo.md 3");
    });
  });

  it("returns false when no handler consumed it, and with no handler at all", () => {
    const { run } = lcRuntime();
    expect(run(`return lc.emit("x:none")`)).toEqual([false]);
    run(`lc.on("x:seen", function() end)`);
    expect(run(`return lc.emit("x:seen", {})`)).toEqual([false]);
  });

  it("a failing handler of a custom event loses its own changes; the emitter goes on", () => {
    const { rt, run, errors } = lcRuntime();
    run(`
      lc.on("x:go", {priority = 2}, function() lc.buf.set_text("a", "lost") error("boom") end)
      lc.on("x:go", function() lc.buf.set_text("b", "kept") end)`);
    expect(run(`lc.buf.set_text("c", "before") return lc.emit("x:go")`)).toEqual([false]);
    expect([rt.buffers.getText("a"), rt.buffers.getText("b"), rt.buffers.getText("c")]).toEqual(["", "kept", "before"]);
    expect(errors()[0]!.split("\n")[0]).toBe("extension ext: x:go handler failed: eval.lua:2: boom");
  });

  it("refuses host event names", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.emit, "key", {}))`)).toEqual([
      `emit: argument 1 'name': expected a custom event name "namespace:event", got "key" (host events cannot be emitted)`,
    ]);
    expect(run(`return select(2, pcall(lc.emit, ":saved"))`)).toEqual([
      `emit: argument 1 'name': expected a custom event name "namespace:event", got ":saved" (host events cannot be emitted)`,
    ]);
    expect(run(`return select(2, pcall(lc.emit, "a:b", "text"))`)).toEqual(["emit: argument 2 'data': expected table, got string"]);
  });

  it("stops two handlers that emit each other at a fixed depth: only the innermost handler fails", () => {
    const { rt, run, errors } = lcRuntime();
    run(`
      lc.on("ping:a", function() lc.buf.append("n", "a") lc.emit("ping:b") end)
      lc.on("ping:b", function() lc.buf.append("n", "b") lc.emit("ping:a") end)`);
    run(`pcall(lc.emit, "ping:a")`);
    expect(rt.buffers.getText("n")).toBe("ab".repeat(15) + "a");
    expect(errors().some((e) => e.includes(`emit: "ping:a": custom events nested more than 32 deep`))).toBe(true);
  });
});

async function rtRun(rt: Runtime, name: string, args: string): Promise<string> {
  return String(await rt.commands.get(name)!.run(args));
}
