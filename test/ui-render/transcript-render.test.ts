// The `transcript_render` event: a Lua handler draws a transcript block its own way; nil, an
// error or no handler leaves the stock rendering; handlers run once per block version and width.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppPainter } from "../../ui/app-painter.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { callLua, loadChunk } from "../../lua/lua-call.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { tempTree } from "../support/temp-tree.js";

// Tool blocks as one line; every call counted in `calls` (a global the tests read back).
const TOOL_LINE = `
local lc = require("librecode")
calls = 0
lc.on("transcript_render", function(ev)
  calls = calls + 1
  local b = ev.data.block
  if b.kind ~= "tool" then return nil end
  return { lines = { { { text = "tool ", fg = "accent", bold = true }, { text = b.metadata.name } }, "w=" .. ev.data.width } }
end)
`;

function app(source: string, width = 40, height = 10) {
  const dir = tempTree({ "ext.lua": source });
  const rt = new Runtime({ clock: new FakeClock(), width, height, cwd: dir });
  const chat = installStockChat(rt);
  chat.setStatus({ cwd: "/p", provider: "script", model: "demo", thinking_level: "off" });
  const host = new ExtensionHost(rt, { cwd: dir, home: dir });
  host.loadPaths([join(dir, "ext.lua")]);
  const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }));
  let screen = new Screen(width, height);
  const frame = (): string[] => {
    painter.paint(screen.back);
    return screen.back.toLines();
  };
  const resize = (w: number, h: number): void => {
    screen = new Screen(w, h);
    painter.invalidate();
    rt.resize(w, h);
  };
  const lua = (code: string): unknown => {
    const ext = host.extensions()[0]!;
    const r = rt.guard(ext.name, "eval", () => callLua(ext.L, () => loadChunk(ext.L, code, "eval.lua"), []));
    if (!r.ok) throw new Error(r.error.message);
    return r.value[0];
  };
  const add = (b: Record<string, unknown>) => rt.guard("test", "append", () => rt.buffers.appendBlock("transcript", b)).ok;
  return { rt, frame, resize, lua, add, errors: () => rt.errors.map(formatExtensionError) };
}

const TOOL = { kind: "tool", role: "tool", text: "a.txt", metadata: { name: "ls", status: "success" } };
// 40x10: the transcript is the first 6 rows (then the composer's 3 and the status line).
const transcriptRows = (lines: string[]) => lines.slice(0, 6);

describe("transcript_render", () => {
  it("a handler's lines replace a tool block; the other blocks keep the stock rendering", () => {
    const a = app(TOOL_LINE);
    a.add({ kind: "message", role: "user", text: "list it" });
    a.add(TOOL);
    a.add({ kind: "message", role: "assistant", text: "One file." });
    expect(transcriptRows(a.frame())).toEqual([
      " list it                                ",
      "                                        ",
      "tool ls                                 ",
      "w=40                                    ",
      "                                        ",
      "One file.                               ",
    ]);
    expect(a.errors()).toEqual([]);
  });

  it("handlers returning nil leave the screen exactly as without them", () => {
    const hooked = app(`require("librecode").on("transcript_render", function() return nil end)`);
    const plain = app(`-- no handler`);
    for (const a of [hooked, plain]) {
      a.add({ kind: "message", role: "user", text: "hi" });
      a.add(TOOL);
    }
    expect(hooked.frame()).toEqual(plain.frame());
  });

  it("runs once per block version and width: an unchanged block is not asked again", () => {
    const a = app(TOOL_LINE);
    a.add({ kind: "message", role: "user", text: "hi" });
    a.add(TOOL);
    a.frame();
    expect(a.lua("return calls")).toBe(2);
    a.frame();
    a.rt.guard("test", "scroll", () => a.rt.buffers.setText("composer", "typing"));
    a.frame();
    expect(a.lua("return calls")).toBe(2);
    const b = a.rt.buffers.appendBlock("transcript", { kind: "message", role: "assistant", text: "Str", streaming: true });
    a.frame();
    expect(a.lua("return calls")).toBe(3);
    a.rt.guard("test", "delta", () => a.rt.buffers.appendToBlock("transcript", b.id, "eaming"));
    a.frame();
    expect(a.lua("return calls")).toBe(4);
    a.resize(30, 10);
    a.frame();
    expect(a.lua("return calls")).toBe(7);
  });

  it("a handler registered after the first frame redraws the blocks already shown", () => {
    const a = app(`-- registers later`);
    a.add(TOOL);
    expect(a.frame()[4]).not.toBe("tool ls                                 ");
    a.lua(TOOL_LINE);
    expect(transcriptRows(a.frame()).slice(4)).toEqual([
      "tool ls                                 ",
      "w=40                                    ",
    ]);
  });

  it("the first handler by priority that returns lines wins; later ones are not asked", () => {
    const a = app(`
      local lc = require("librecode")
      later = 0
      lc.on("transcript_render", function() later = later + 1; return { lines = { "low" } } end)
      lc.on("transcript_render", { priority = 10 }, function() return { lines = { "high" } } end)
    `);
    a.add({ kind: "message", role: "user", text: "hi" });
    expect(a.frame()[5]).toBe("high                                    ");
    expect(a.lua("return later")).toBe(0);
  });

  it("an empty list hides the block; a string with newlines is several rows", () => {
    const a = app(`
      require("librecode").on("transcript_render", function(ev)
        if ev.data.block.role == "user" then return { lines = {} } end
        return { lines = { "one\\ntwo" } }
      end)
    `);
    a.add({ kind: "message", role: "user", text: "hidden" });
    a.add({ kind: "message", role: "assistant", text: "shown" });
    expect(transcriptRows(a.frame())).toEqual([
      "                                        ",
      "                                        ",
      "                                        ",
      "                                        ",
      "one                                     ",
      "two                                     ",
    ]);
  });

  it("a failing handler falls back to the stock rendering and reports its error once", () => {
    const a = app(`require("librecode").on("transcript_render", function() error("boom") end)`);
    a.add({ kind: "message", role: "user", text: "still here" });
    a.add({ kind: "message", role: "assistant", text: "me too" });
    const lines = a.frame();
    expect(transcriptRows(lines)).toEqual([
      "                                        ",
      "                                        ",
      "                                        ",
      " still here                             ",
      "                                        ",
      "me too                                  ",
    ]);
    a.add({ kind: "message", role: "user", text: "again" });
    a.frame();
    expect(a.errors().map((e) => e.split("\n")[0])).toEqual(["extension ext: transcript_render handler failed: ext.lua:1: boom"]);
  });

  it("a malformed line is an error naming it, and the block is drawn the stock way", () => {
    const a = app(`require("librecode").on("transcript_render", function() return { lines = { "ok", 42 } } end)`);
    a.add({ kind: "message", role: "assistant", text: "stock" });
    expect(a.frame()[5]).toBe("stock                                   ");
    expect(a.errors()).toEqual([
      "extension ext: transcript_render handler failed: transcript_render: lines[2]: expected a string or a list of {text=, fg=, ...} tables, got number",
    ]);
  });
});

describe("transcript_render: the example in docs/lua-api.md", () => {
  it("draws each tool call as one line: status mark, name, first line of the result", () => {
    const doc = readFileSync(join(import.meta.dirname, "../../docs/lua-api.md"), "utf8");
    const section = doc.slice(doc.indexOf("### Drawing transcript blocks"));
    const example = /```lua\n([\s\S]*?)```/.exec(section)![1]!;
    const a = app(`local librecode = require("librecode")\n${example}`);
    a.add({ kind: "message", role: "user", text: "look" });
    a.add({ kind: "tool", role: "tool", text: "a.txt\nb.txt", metadata: { name: "ls", status: "success" } });
    a.add({ kind: "tool", role: "tool", text: "no such file", metadata: { name: "read", status: "error" } });
    expect(transcriptRows(a.frame())).toEqual([
      "                                        ",
      " look                                   ",
      "                                        ",
      "✓ ls  a.txt                             ",
      "                                        ",
      "✗ read  no such file                    ",
    ]);
    expect(a.errors()).toEqual([]);
  });
});
