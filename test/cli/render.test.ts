import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import stringWidth from "string-width";
import { feed, headlessTerminal, screenLines } from "../ui-terminal/xterm-oracle.js";
import { cli, ensureBuilt, ROOT, scratch } from "./run-cli.js";
import { cliInProcess as run } from "./run-in-process.js";

// Most tests run the command line in-process; the few marked "real process" run bin/librecode.
beforeAll(() => ensureBuilt(), 120000);

const FIXTURE = [
  `{"role":"user","text":"list the files"}`,
  `{"role":"thinking","text":"I should run ls."}`,
  `{"role":"tool","name":"bash","arguments":{"command":"ls"},"text":"a.txt\\nb.txt","status":"success"}`,
  `{"role":"assistant","text":"There are **two** files: \`a.txt\` and \`b.txt\`."}`,
].join("\n") + "\n";

type Frame = {
  width: number; height: number; focus: string; cursor: { row: number; col: number };
  windows: Record<string, { x: number; y: number; width: number; height: number; visible: boolean; role: string; buffer: string; renderer: string; content: unknown }>;
  lines: string[]; buffers: Record<string, { text: string; cursor: number; label: string; blocks: { kind: string; role: string; text: string }[]; marks: unknown[] }>;
  errors: { owner: string; where: string; message: string }[];
};

describe.concurrent("librecode render --format text", () => {
  it("prints exactly height lines of exactly width cells (real process)", async () => {
    const r = await cli(["render", "--size", "37x9"], scratch());
    expect(r.code).toBe(0);
    const lines = r.stdout.replace(/\n$/, "").split("\n");
    expect(lines).toHaveLength(9);
    expect(lines.map((l) => stringWidth(l))).toEqual(Array(9).fill(37));
  });

  it("shows a transcript fixture and typed keys (ctrl+t shows thinking)", async () => {
    const dir = scratch({ "chat.jsonl": FIXTURE });
    const r = await run(["render", "--size", "50x14", "--transcript", "chat.jsonl", "--keys", "hi<c-t>"], dir);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").slice(0, 14)).toEqual([
      "                                                  ",
      " list the files                                   ",
      "                                                  ",
      "I should run ls.                                  ",
      "                                                  ",
      " bash ls                                          ",
      "  a.txt                                           ",
      "  b.txt                                           ",
      "                                                  ",
      "There are two files: a.txt and b.txt.             ",
      "╭─ message ──────────────────────────────────────╮",
      "│ hi                                             │",
      "╰────────────────────────────────────────────────╯",
      "script (offline demo)                    ~/project",
    ]);
  });

  it("folds tool output to ui.tool_lines from the config", async () => {
    const tool = `{"role":"tool","name":"bash","arguments":{"command":"seq 4"},"text":"1\\n2\\n3\\n4","status":"success"}\n`;
    const dir = scratch({ "chat.jsonl": tool, ".librecode/config.yaml": "ui:\n  tool_lines: 1\n" });
    const r = await run(["render", "--size", "30x10", "--transcript", "chat.jsonl"], dir);
    expect(r.stdout.split("\n").slice(3, 6)).toEqual([
      " bash seq 4                   ",
      "  … 3 more lines (ctrl+o)     ",
      "  4                           ",
    ]);
  });

  it("ignores COLUMNS and LINES: --size is the only size", async () => {
    const r = await run(["render", "--size", "20x3"], scratch(), { COLUMNS: "200", LINES: "60" });
    expect(r.stdout.replace(/\n$/, "").split("\n").map((l) => stringWidth(l))).toEqual([20, 20, 20]);
  });
});

describe.concurrent("librecode render --format json", () => {
  it("gives the split-pane example the rectangles docs/layout.md states", async () => {
    const layout = join(ROOT, "examples", "layouts", "split-pane.yaml");
    const r = await run(["render", "--size", "100x30", "--layout", layout, "--format", "json"], scratch());
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout) as Frame;
    const rect = (n: string) => { const w = f.windows[n]!; return [w.x, w.y, w.width, w.height]; };
    expect(rect("notes")).toEqual([70, 0, 30, 24]);
    expect(rect("composer")).toEqual([0, 24, 100, 5]);
    expect(rect("status")).toEqual([0, 29, 100, 1]);
    expect(rect("transcript")).toEqual([0, 0, 70, 24]);
    expect(f.windows.notes).toMatchObject({ role: "notes", buffer: "notes", renderer: "default", visible: true, content: { x: 71, y: 1, width: 28, height: 22 } });
    expect(f.windows.thinking!.visible).toBe(false);
  });

  it("reports size, focus, cursor, lines, every buffer and no errors", async () => {
    const r = await run(["render", "--size", "40x10", "--keys", "abc<left>", "--format", "json"], scratch());
    const f = JSON.parse(r.stdout) as Frame;
    expect([f.width, f.height, f.focus]).toEqual([40, 10, "composer"]);
    expect(f.cursor).toEqual({ row: 7, col: 4 });
    expect(f.lines).toHaveLength(10);
    expect(Object.keys(f.buffers)).toEqual(["composer", "status", "thinking", "tools", "transcript"]);
    expect(f.buffers.composer).toMatchObject({ text: "abc", cursor: 2, label: "message", blocks: [] });
    expect(f.errors).toEqual([]);
  });

  it("lists each buffer's extmarks as get_extmarks details tables", async () => {
    const dir = scratch({
      "ext/marks.lua": `local lc = require("librecode")\nlocal ns = lc.api.create_namespace("n")\nlc.on("startup", function()\n  lc.buf.set_text("notes", "one two")\n  lc.buf.set_extmark("notes", ns, 0, 4, { end_col = 7, hl = "warning", virt_text = { { "!", "error" } } })\nend)\n`,
    });
    const f = JSON.parse((await run(["render", "--size", "30x8", "--extension", "ext", "--format", "json"], dir)).stdout) as Frame;
    expect(f.buffers.notes!.marks).toEqual([{
      ns: 1, id: 1, line: 0, col: 4, end_line: 0, end_col: 7, hl: { fg: "warning" }, virt_text: [["!", { fg: "error" }]],
      virt_text_pos: "eol", priority: 4096, right_gravity: true, end_right_gravity: false,
    }]);
    expect(f.buffers.composer!.marks).toEqual([]);
  });

  it("lists no marks of a transcript block that was deleted", async () => {
    const dir = scratch({
      "ext/gone.lua": [
        `local lc = require("librecode")`,
        `local ns = lc.api.create_namespace("n")`,
        `lc.on("startup", function()`,
        `  lc.buf.append("transcript", { id = "old", kind = "message", role = "assistant", text = "first" })`,
        `  lc.buf.append("transcript", { id = "new", kind = "message", role = "assistant", text = "second" })`,
        `  lc.buf.set_extmark("transcript", ns, 0, 0, { block = "old", end_col = 5, hl = "accent" })`,
        `  lc.buf.set_extmark("transcript", ns, 0, 1, { block = "new", hl = "accent" })`,
        `  lc.buf.delete_blocks("transcript", 0, 1)`,
        `end)`,
      ].join("\n") + "\n",
    });
    const f = JSON.parse((await run(["render", "--size", "30x8", "--extension", "ext", "--format", "json"], dir)).stdout) as Frame;
    expect(f.buffers.transcript!.marks).toEqual([{ ns: 1, id: 2, line: 0, col: 1, hl: { fg: "accent" }, priority: 4096, right_gravity: true, block: "new" }]);
  });

  it("a submitted prompt is a user block of the transcript", async () => {
    const f = JSON.parse((await run(["render", "--size", "40x10", "--keys", "hi<cr>", "--format", "json"], scratch())).stdout) as Frame;
    expect(f.buffers.transcript!.blocks.map((b) => [b.kind, b.role, b.text])).toEqual([["message", "user", "hi"]]);
    expect(f.buffers.composer!.text).toBe("");
  });

  it("lists extension errors, prints them on stderr, and still exits 0 (real process)", async () => {
    const dir = scratch({
      "ext/bad.lua": `error("boom")\n`,
      "ext/notes.lua": `local lc = require("librecode")\nlc.buf.create("notes", { text = "from lua" })\nlc.on("key", function() error("key boom") end)\n`,
    });
    const r = await cli(["render", "--size", "30x8", "--extension", "ext", "--keys", "x", "--format", "json"], dir);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout) as Frame;
    expect(f.errors.map((e) => [e.owner, e.where, e.message])).toEqual([
      ["bad", "load", "bad.lua:1: boom"],
      ["notes", "key handler", "notes.lua:3: key boom"],
    ]);
    expect(f.buffers.notes!.text).toBe("from lua");
    expect(r.stderr.split("\n").filter((l) => l.startsWith("extension "))).toEqual([
      "extension bad: load failed: bad.lua:1: boom",
      "extension notes: key handler failed: notes.lua:3: key boom",
    ]);
  });
});

describe.concurrent("librecode render: extensions, timers, Lua layouts, status", () => {
  it("keys run on fake time: a timer due by the frame has run, a later one has not", async () => {
    const dir = scratch({
      "ext/timers.lua": [
        `local lc = require("librecode")`,
        `lc.keymap.set("global", "x", function()`,
        `  lc.timer.defer(10, function() lc.buf.set_text("soon", "ran") end)`,
        `  lc.timer.defer(5000, function() lc.buf.set_text("late", "ran") end)`,
        `  return true`,
        `end)`,
      ].join("\n") + "\n",
    });
    const f = JSON.parse((await run(["render", "--size", "30x8", "--extension", "ext", "--keys", "x", "--format", "json"], dir)).stdout) as Frame;
    expect(f.errors).toEqual([]);
    expect(f.buffers.soon?.text).toBe("ran");
    expect(f.buffers.late).toBeUndefined();
  });

  it("a missing --extension path is bad input: exit 2, one line, and no frame", async () => {
    const dir = scratch({ "ext/ok.lua": `require("librecode")\n` });
    const r = await run(["render", "--size", "20x8", "--extension", "ext", "--extension", "./nope.lua"], dir);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `librecode: extension: path:./nope.lua: not found: ${dir.path("nope.lua")}\n`, ""]);
  });

  it("a Lua --layout file returns the table", async () => {
    const dir = scratch({
      "layout.lua": `return { direction = "row", children = { { window = "transcript", grow = 1 }, { window = "composer", width = 10, border = true } } }\n`,
    });
    const f = JSON.parse((await run(["render", "--size", "30x8", "--layout", "layout.lua", "--format", "json"], dir)).stdout) as Frame;
    const c = f.windows.composer!;
    expect([c.x, c.y, c.width, c.height]).toEqual([20, 0, 10, 8]);
    expect(f.windows.status!.visible).toBe(false);
  });

  it("the status buffer carries cwd, provider, model and thinking level", async () => {
    const dir = scratch({ ".librecode/config.yaml": "assistant:\n  thinking_level: high\n" });
    const f = JSON.parse((await run(["render", "--size", "30x8", "--format", "json"], dir)).stdout) as Frame;
    expect((f.buffers.status as unknown as { metadata: unknown }).metadata).toEqual({
      cwd: dir.cwd, thinking_level: "high", provider: "script", model: "demo", model_label: "script (offline demo)",
    });
  });
});

describe.concurrent("librecode render --format ansi", () => {
  it("is the one frame a terminal shows: fed to a headless xterm it reads as the text format (real process)", async () => {
    const dir = scratch({ "chat.jsonl": FIXTURE });
    const args = ["render", "--size", "50x14", "--transcript", "chat.jsonl", "--keys", "hi"];
    const ansi = (await cli([...args, "--format", "ansi"], dir)).stdout;
    const text = (await run(args, dir)).stdout.replace(/\n$/, "").split("\n");
    expect(ansi.startsWith("\x1b[?2026h")).toBe(true);
    expect(ansi.endsWith("\x1b[?2026l")).toBe(true);
    const term = headlessTerminal(50, 14);
    await feed(term, ansi);
    expect(screenLines(term)).toEqual(text);
    expect([term.buffer.active.cursorY, term.buffer.active.cursorX]).toEqual([11, 4]);
  });
});

describe.concurrent("librecode render: bad usage exits 2 with one line", () => {
  const cases: [string, string[], Record<string, string>, string][] = [
    ["a missing --size", ["render"], {}, "librecode: --size: expected WIDTHxHEIGHT with each from 1 to 1000 (e.g. 100x30), got nothing\n"],
    ["a malformed --size", ["render", "--size", "100"], {}, `librecode: --size: expected WIDTHxHEIGHT with each from 1 to 1000 (e.g. 100x30), got "100"\n`],
    ["an unknown --format", ["render", "--size", "9x9", "--format", "xml"], {}, `librecode: --format: expected text, json or ansi, got "xml"\n`],
    ["an unreadable --layout", ["render", "--size", "9x9", "--layout", "nope.yaml"], {}, "librecode: layout: nope.yaml: cannot read: no such file\n"],
    ["an invalid --layout", ["render", "--size", "9x9", "--layout", "bad.yaml"],
      { "bad.yaml": "direction: column\nchildren:\n  - { window: a, wdth: 3 }\n" }, "librecode: layout: bad.yaml: root.children[1].wdth: unknown key\n"],
    ["a --layout that is not YAML", ["render", "--size", "9x9", "--layout", "bad.yaml"],
      { "bad.yaml": "children: [\n" }, "librecode: layout: bad.yaml:2: Flow sequence in block collection must be sufficiently indented and end with a ]\n"],
    ["an unreadable --transcript", ["render", "--size", "9x9", "--transcript", "none.jsonl"], {}, "librecode: --transcript: none.jsonl: cannot read: no such file\n"],
    ["a bad --transcript line", ["render", "--size", "9x9", "--transcript", "t.jsonl"],
      { "t.jsonl": `{"role":"user","text":"a"}\n{"role":"robot"}\n` }, `librecode: transcript: t.jsonl:2: role: expected user, assistant, system, thinking or tool, got "robot"\n`],
    ["an unknown --theme", ["render", "--size", "9x9", "--theme", "blue"], {}, `librecode: --theme: expected dark or light, got "blue"\n`],
    ["a bad config file", ["render", "--size", "9x9"], { ".librecode/config.yaml": "theme: blue\n" },
      `librecode: config: .librecode/config.yaml:1: theme: expected dark or light, got "blue"\n`],
  ];
  for (const [what, args, files, stderr] of cases) {
    it(what, async () => {
      const r = await run(args, scratch(files));
      expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, ""]);
    });
  }
});
