import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { lcRuntime, tempTree } from "./harness.js";

/** Two (or more) extensions a.lua, b.lua... loaded in path order into one runtime. */
function twoExtensions(files: Record<string, string>) {
  const dir = tempTree(files);
  const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
  const host = new ExtensionHost(rt, { cwd: dir, home: dir });
  host.loadPaths([dir]);
  return { rt, host, errors: () => rt.errors.map(formatExtensionError), dir };
}

const log = (tag: string, extra = "") => `function(ev) local lc = require("librecode") lc.buf.append("log", "${tag} ") ${extra} end`;

describe("events", () => {
  it("runs handlers by priority, ties in registration order across extensions", () => {
    const { rt } = twoExtensions({
      "a.lua": `local lc = require("librecode") lc.on("tick", ${log("a0")}) lc.on("tick", {priority = 5}, ${log("a5")})`,
      "b.lua": `local lc = require("librecode") lc.on("tick", ${log("b0")}) lc.on("tick", {priority = 10}, ${log("b10")})`,
    });
    rt.emit("tick");
    expect(rt.buffers.getText("log")).toBe("b10 a5 a0 b0 ");
  });

  it("a throwing handler between two good ones loses only its own mutations, reported once with a traceback", () => {
    const { rt, errors } = twoExtensions({
      "a.lua": `local lc = require("librecode") lc.on("tick", {priority = 3}, ${log("first")})`,
      "b.lua": `local lc = require("librecode")
lc.on("tick", {priority = 2}, function(ev)
  lc.buf.append("log", "bad ")
  local buf = nil
  return buf.x
end)`,
      "c.lua": `local lc = require("librecode") lc.on("tick", {priority = 1}, ${log("last")})`,
    });
    rt.emit("tick");
    rt.emit("tick");
    expect(rt.buffers.getText("log")).toBe("first last first last ");
    expect(errors()).toEqual([
      "extension b: tick handler failed: b.lua:5: attempt to index a nil value (local 'buf')\nstack traceback:\n\tb.lua:5: in function <b.lua:2>",
    ]);
  });

  it("event.consume skips the default and lets later handlers run; event.stop runs no later handler", () => {
    const { rt, run } = lcRuntime();
    let fallback = 0;
    rt.setKeyFallback(() => fallback++);
    run(`
      lc.on("key", {priority = 2}, function(ev) lc.buf.append("log", "1") if ev.key == "c" then lc.event.consume() end if ev.key == "s" then lc.event.stop() end end)
      lc.on("key", {priority = 1}, function(ev) lc.buf.append("log", "2") end)`);
    expect(rt.dispatchKey(keyEvent("c", { text: "c" }))).toBe(true);
    expect(rt.dispatchKey(keyEvent("s", { text: "s" }))).toBe(true);
    expect(rt.dispatchKey(keyEvent("n", { text: "n" }))).toBe(false);
    expect(rt.buffers.getText("log")).toBe("12" + "1" + "12");
    expect(fallback).toBe(1);
  });

  it("a handler returning true or a flags table consumes or stops", () => {
    const { rt, run } = lcRuntime();
    run(`
      lc.on("key", {priority = 3}, function(ev) if ev.key == "t" then return true end end)
      lc.on("key", {priority = 2}, function(ev) if ev.key == "h" then return {handled = true} end if ev.key == "x" then return {stopped = true} end end)
      lc.on("key", {priority = 1}, function(ev) lc.buf.append("log", ev.key) end)`);
    expect([rt.dispatchKey(keyEvent("t", { text: "t" })), rt.dispatchKey(keyEvent("h", { text: "h" })), rt.dispatchKey(keyEvent("x", { text: "x" })),
      rt.dispatchKey(keyEvent("n", { text: "n" }))]).toEqual([true, true, true, false]);
    expect(rt.buffers.getText("log")).toBe("thn");
  });

  it("gives key handlers the rich event table", () => {
    const { rt, run } = lcRuntime();
    rt.buffers.setText("composer", "hi");
    run(`lc.on("key", function(ev)
      lc.buf.set_text("log", table.concat({ev.name, ev.key, tostring(ev.ctrl), tostring(ev.alt), tostring(ev.shift), ev.text,
        ev.focus.window, ev.focus.role, ev.focus.buffer, ev.focus.kind, ev.composer.text, ev.context.cwd == nil and "nocwd" or "cwd",
        tostring(ev.layout.width), tostring(ev.layout.windows.composer.visible), ev.windows.status.role, ev.buffers.composer.text, ev.data.key}, "|"))
    end)`);
    rt.dispatchKey(keyEvent("ctrl+x", { ctrl: true }));
    expect(rt.buffers.getText("log")).toBe("key|ctrl+x|true|false|false||composer|composer|composer|composer|hi|cwd|80|true|status|hi|ctrl+x");
  });

  it("fills working and context from the host's session context", () => {
    const { rt, run, host } = lcRuntime();
    host.setContext(() => ({ working: true, mode: "chat", session_id: "s-1" }));
    run(`lc.on("tick", function(ev) lc.buf.set_text("log", tostring(ev.working) .. " " .. ev.context.mode .. " " .. ev.context.session_id .. " " .. tostring(ev.context.working)) end)`);
    rt.emit("tick");
    expect(rt.buffers.getText("log")).toBe("true chat s-1 true");
  });

  it("caps transcript blocks in event payloads to the last 32, text to 4000", () => {
    const { rt, run } = lcRuntime();
    for (let i = 0; i < 40; i++) rt.buffers.appendBlock("transcript", { kind: "message", role: "user", text: i === 39 ? "x".repeat(5000) : `m${i}` });
    run(`lc.on("tick", function(ev) local b = ev.buffers.transcript.blocks lc.buf.set_text("log", #b .. " " .. b[1].text .. " " .. #b[32].text) end)`);
    rt.emit("tick");
    expect(rt.buffers.getText("log")).toBe("32 m8 4000");
  });

  it("gives lifecycle handlers {name, payload} and writes payload changes back", () => {
    const { rt, run } = lcRuntime();
    run(`lc.on("tool_result", function(ev) ev.payload.content = ev.payload.content:gsub("sk%-%w+", "[secret]") ev.payload.drop = nil lc.buf.set_text("log", ev.name) end)`);
    const data: Record<string, unknown> = { content: "key sk-abc123 here", drop: 1, keep: true };
    rt.emit("tool_result", data);
    expect(data).toEqual({ content: "key [secret] here", keep: true });
    expect(rt.buffers.getText("log")).toBe("tool_result");
  });

  it("registers the same handlers through create_autocmd and its aliases", () => {
    const { rt, run } = lcRuntime();
    run(`
      lc.api.create_autocmd({"tick", "render"}, function(ev) lc.buf.append("log", "a:" .. ev.name .. " ") end)
      lc.api.nvim_create_autocmd("tick", {priority = 9, callback = function(ev) lc.buf.append("log", "n ") end})
      lc.autocmd.create("tick", function() lc.buf.append("log", "c ") end)`);
    rt.emit("tick");
    rt.emit("render", { width: 80, height: 24 });
    expect(rt.buffers.getText("log")).toBe("n a:tick c a:render ");
  });

  it("checks on's arguments", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.on, "tick", 5))`)).toEqual(["on: argument 2 'fn': expected function or {priority=} table, got number"]);
    expect(run(`return select(2, pcall(lc.on, "tick", {}, nil))`)).toEqual(["on: argument 3 'fn': expected function, got nil"]);
    expect(run(`return select(2, pcall(lc.api.create_autocmd, "tick", {priority = 1}))`)).toEqual(["api.create_autocmd: argument 2 'opts'.callback: expected function, got nil"]);
    expect(run(`return select(2, pcall(lc.on, "tick", {priority = {}}, function() end))`)).toEqual(["on: argument 2 'opts'.priority: expected number, got table"]);
    expect(run(`return select(2, pcall(lc.api.create_autocmd, "tick", {callback = {}}))`)).toEqual(["api.create_autocmd: argument 2 'opts'.callback: expected function, got table"]);
  });

  it("disables an extension that fails 5 times in a row and says why", () => {
    const { rt, host } = twoExtensions({ "a.lua": `require("librecode").on("tick", function() error("boom") end)` });
    for (let i = 0; i < 7; i++) rt.emit("tick");
    const [src] = host.list();
    expect(src!.extensions[0]!.status).toBe("disabled");
    expect(src!.extensions[0]!.reason).toBe("after 5 failures in a row; last: a.lua:1: boom");
    expect(src!.extensions[0]!.handlers).toEqual([]);
    expect(rt.ownerStats("a").failures).toBe(5);
    expect(path.basename(src!.extensions[0]!.file)).toBe("a.lua");
  });
});

describe("values shared between extensions", () => {
  it("a function stored by one extension reaches another as nil, a table as a copy", () => {
    const dir = tempTree({
      "a.lua": `local lc = require("librecode") lc.buf.set_var("shared", "fn", function() return 1 end) lc.buf.set_var("shared", "t", {x = 1})`,
      "b.lua": `local lc = require("librecode") lc.buf.set_text("log", type(lc.buf.get_var("shared", "fn")) .. " " .. lc.buf.get_var("shared", "t").x)`,
    });
    const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
    new ExtensionHost(rt, { cwd: dir, home: dir }).loadPaths([dir]);
    expect(rt.buffers.getText("log")).toBe("nil 1");
  });
});

describe("focus kinds, as the original reported them", () => {
  it("a {focus = composer} keymap does not fire while the completion menu has the keys", () => {
    const { rt, run } = lcRuntime();
    run(`lc.keymap.set({ focus = "composer" }, "down", function(ev) lc.buf.append("log", "composer ") return true end)
         lc.keymap.set({ focus = "autocomplete" }, "down", function(ev) lc.buf.append("log", ev.focus.kind .. " " .. tostring(ev.focus.exclusive) .. " ") end)`);
    rt.dispatchKey(keyEvent("down"));
    rt.guard("test", "menu", () => rt.buffers.setMetadata("composer", "completion", { items: [], selected: 0 }));
    rt.dispatchKey(keyEvent("down"));
    expect(rt.buffers.getText("log")).toBe("composer autocomplete true ");
  });
});
