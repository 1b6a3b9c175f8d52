import { describe, expect, it } from "vitest";
import { lcRuntime } from "./harness.js";

/** The error a Lua statement raises (through pcall), or "no error". */
function errorOf(code: string): string {
  const { run } = lcRuntime();
  const [ok, err] = run(`return pcall(function() ${code} end)`);
  return ok === true ? "no error" : String(err);
}

describe("table arguments are checked field by field", () => {
  it.each([
    [`lc.buf.create("x", {buffr = "y"})`, "buf.create: opts.buffr: unknown key"],
    [`lc.buf.create("x", {cursor = "end"})`, "buf.create: opts.cursor: expected integer, got string"],
    [`lc.buf.set("x", {text = 3})`, "buf.set: t.text: expected string, got number"],
    [`lc.buf.set("x", {label = "l", metadta = {}})`, "buf.set: t.metadta: unknown key"],
    [`lc.win.create("w", {bufer = "b"})`, "win.create: opts.bufer: unknown key"],
    [`lc.win.set("composer", {role = 5})`, "win.set: opts.role: expected string, got number"],
    [`lc.win.find({rol = "composer"})`, "win.find: query.rol: unknown key"],
    [`lc.keymap.set("global", "x", function() end, {prio = 1})`, "keymap.set: opts.prio: unknown key"],
    [`lc.keymap.set("global", "x", function() end, {desc = true})`, "keymap.set: opts.desc: expected string, got boolean"],
    [`lc.on("tick", {priorty = 1}, function() end)`, "on: opts.priorty: unknown key"],
    [`lc.on("tick", function() end, {prio = 1})`, "on: opts.prio: unknown key"],
    [`lc.api.create_autocmd("tick", {callbak = function() end})`, "api.create_autocmd: opts.callbak: unknown key"],
    [`lc.api.create_user_command("x", {callback = function() end, dsc = "d"})`, "api.create_user_command: opts.dsc: unknown key"],
    [`lc.ui.draw_text("composer", 0, 0, "x", {colour = "accent"})`, "ui.draw_text: argument 5 'style'.colour: unknown key"],
    [`lc.ui.draw_text("composer", 0, 0, "x", {bold = 1})`, "ui.draw_text: argument 5 'style'.bold: expected boolean, got number"],
    [`lc.ui.draw_spans("composer", 0, 0, {{text = "a", fg = "accent", size = 2}})`, "ui.draw_spans: argument 4 'spans'[1].size: unknown key"],
    [`lc.job.start("true", {on_exit = 1})`, "job.start: opts.on_exit: expected function, got number"],
    [`lc.buf.create("x", {1, 2})`, "buf.create: opts: expected a table of named fields, got a list"],
  ])("%s", (code, message) => {
    expect(errorOf(code)).toBe(message);
  });

  it("tables the API itself returns are accepted back", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set("composer", lc.buf.get("composer"))
      lc.win.set("composer", lc.win.get("composer"))
      lc.buf.create("copy", lc.buf.get("composer"))
      return true`)).toEqual([true]);
  });

  it("a rejected table changes nothing", () => {
    const { rt, run } = lcRuntime();
    run(`lc.buf.set_text("x", "before")`);
    expect(errorOf(`lc.buf.set("x", {text = "after", cursr = 1})`)).toBe("buf.set: t.cursr: unknown key");
    expect(rt.buffers.getText("x")).toBe("before");
  });
});
