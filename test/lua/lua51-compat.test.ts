import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { lcRuntime } from "./harness.js";
import { runLua } from "./run-lua.js";

describe("the Lua 5.1 idioms of the original (gopher-lua)", () => {
  it("has unpack, loadstring, table.getn, table.maxn and math.pow", () => {
    expect(runLua(`return {unpack({1, 2})}, loadstring("return 1 + 2")(), table.getn({"a", "b", "c"}), table.maxn({[1] = 1, [7] = 2}), math.pow(2, 10)`))
      .toEqual([[1, 2], 3, 3, 7, 1024]);
  });

  it("prints a float with an integral value as 5.1 did, and keeps other floats", () => {
    expect(runLua(`local w = 80 return tostring(w / 2), "col " .. w / 2, tostring(2.5), string.format("%d", w / 2), math.type(w / 2)`))
      .toEqual(["40", "col 40", "2.5", "40", "float"]);
  });

  it("setfenv/getfenv re-point one function's globals", () => {
    expect(runLua(`
      local env = { answer = 42 }
      local function f() return answer end
      setfenv(f, env)
      return f(), getfenv(f) == env, getfenv() == _G, answer`)).toEqual([42, true, true, undefined]);
  });
});

describe("numbers where the API expects an integer", () => {
  it("accepts w / 2 as a column and truncates toward zero like the original's CheckInt", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "abcdef")
      lc.buf.insert("b", 6 / 2, "-")
      lc.buf.delete_range("b", 0, 1.9)
      return lc.buf.get_text("b"), lc.ui.truncate("abcdef", 4.7), lc.buf.get_lines("b", -0.5)`)).toEqual(["bc-def", "abc…", ["bc-def"]]);
  });
});

describe("the original's aliases and spellings", () => {
  it("buf.delete_text, win.get_buffer/set_buffer and api.nvim_create_namespace", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "1234")
      lc.buf.delete_text("b", 1, 3)
      lc.win.set_buffer("transcript", "b")
      return lc.buf.get_text("b"), lc.win.get_buffer("transcript"), lc.api.nvim_create_namespace("x") == lc.api.create_namespace("x")`))
      .toEqual(["14", "b", true]);
  });

  it("autocmds take {command = fn}; user commands and keymaps take description =", async () => {
    const { run, rt, host } = lcRuntime();
    run(`
      lc.api.create_autocmd("notes:saved", { command = function() lc.buf.set_text("log", "saved") end })
      lc.api.create_user_command("Hi", { description = "say hi", callback = function() return "hi" end })
      lc.keymap.set("global", "ctrl+k", function() return true end, { description = "kill line" })`);
    rt.emit("notes:saved");
    expect(rt.buffers.getText("log")).toBe("saved");
    expect(rt.commands.get("Hi")!.desc).toBe("say hi");
    expect(await host.runCommand("Hi")).toEqual({ ok: true, output: "hi" });
    expect(rt.keymaps.list().find((k) => k.lhs === "ctrl+k")?.desc).toBe("kill line");
  });

  it("ui.pad_right cuts to exactly the width, as the original did", () => {
    const { run } = lcRuntime();
    expect(run(`return lc.ui.pad_right("abcdef", 3), lc.ui.pad_right("語", 4), lc.ui.pad_right("語語", 3)`)).toEqual(["abc", "語  ", "語 "]);
  });
});

describe("key names as the original delivered them to Lua", () => {
  it("alt with a character is the character with alt = true; page keys are pgup and pgdn", () => {
    const { run, rt } = lcRuntime();
    run(`lc.on("key", function(ev) lc.buf.append("log", ev.key .. "/" .. tostring(ev.alt) .. "/" .. ev.text .. " ") end)
         lc.keymap.set("global", "pgup", function() lc.buf.append("log", "[pgup] ") end)
         lc.keymap.set("global", "<M-x>", function() lc.buf.append("log", "[M-x] ") end)`);
    rt.dispatchKey(keyEvent("alt+x", { alt: true }));
    rt.dispatchKey(keyEvent("pageup"));
    rt.dispatchKey(keyEvent("pagedown"));
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    expect(rt.buffers.getText("log")).toBe("[M-x] x/true/ [pgup] pgup/false/ pgdn/false/ x/false/x ");
  });
});

describe("timers", () => {
  it("pass an event table, and their return table applies", () => {
    const { run, rt, clock } = lcRuntime();
    run(`lc.timer.defer(10, function(ev) return { buffers = { log = ev.name .. " " .. ev.data.id .. " " .. ev.layout.width } } end)`);
    clock.advance(10);
    rt.scheduler.runDue();
    expect(rt.buffers.getText("log")).toBe("timer 1 80");
  });
});
