// The interactive loop in-process: a Terminal on fake streams, the runtime and frames on one
// FakeClock, and headless xterm reading what was written.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExtensionHost } from "../../lua/extension-host.js";
import { tempDir } from "../support/temp-tree.js";
import { AppPainter } from "../../ui/app-painter.js";
import { InteractiveApp } from "../../bin/interactive-app.js";
import type { ChatController } from "../../engine/chat/chat-controller.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { Terminal } from "../../ui/terminal.js";
import { createTheme } from "../../ui/theme.js";
import { feed, headlessTerminal, screenLines } from "../ui-terminal/xterm-oracle.js";
import { FakeInput, FakeOutput } from "./fake-tty.js";


const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

function setup(width = 40, height = 10, controller?: ChatController, before?: (rt: Runtime) => void) {
  const clock = new FakeClock();
  const rt = new Runtime({ clock, width, height });
  const chat = installStockChat(rt, controller ? { controller } : {});
  before?.(rt);
  chat.setStatus({ provider: "script", model: "demo" });
  const input = new FakeInput();
  const output = new FakeOutput(width, height);
  const terminal = new Terminal({ input, output, clock, guard: false, kittyKeyboard: false });
  const painter = new AppPainter(rt, createTheme({ noColor: true }));
  const app = new InteractiveApp(rt, chat, painter, { terminal, clock });
  app.start();
  clock.advance(20);
  return { clock, rt, chat, input, output, terminal, app };
}

const prevEditor = process.env.EDITOR;
afterEach(() => {
  if (prevEditor === undefined) delete process.env.EDITOR;
  else process.env.EDITOR = prevEditor;
});

describe("the interactive app", () => {
  it("shows an extension's load error on the first frame (it failed before the screen was taken)", async () => {
    const dir = tempDir("librecode-loaderr-");
    writeFileSync(join(dir, "broken.lua"), "local x = = 1\n");
    const { output } = setup(60, 10, undefined, (rt) => new ExtensionHost(rt, { cwd: dir, home: dir }).loadPaths([join(dir, "broken.lua")]));
    const term = headlessTerminal(60, 10);
    await feed(term, output.writes.join(""));
    expect(screenLines(term).map((l) => l.trimEnd())).toEqual([
      "", "", "", "",
      "extension broken: load failed: broken.lua:1: unexpected",
      "symbol near '='",
      "╭─ message ────────────────────────────────────────────────╮",
      "│ Type a message (/ for commands)                          │",
      "╰──────────────────────────────────────────────────────────╯",
      "script (offline demo)",
    ]);
  });

  it("a failing command shows its error once, as `/name: why`", async () => {
    const { output, terminal, clock } = setup(60, 8, undefined, (rt) => {
      rt.commands.register("boom", { desc: "fails", owner: "host", run: () => { throw new Error("expected a number, got \"x\""); } });
    });
    terminal.receive("/boom x\r");
    clock.advance(20);
    const term = headlessTerminal(60, 8);
    await feed(term, output.writes.join(""));
    expect(screenLines(term).map((l) => l.trimEnd()).slice(0, 4)).toEqual([
      "", "", "",
      '/boom: expected a number, got "x"',
    ]);
  });

  it("an extension disabled after 5 failures in a row says so in the transcript, after its last failure", () => {
    const dir = tempDir("librecode-disable-");
    writeFileSync(join(dir, "bad.lua"), 'local lc = require("librecode")\nlc.on("key", function() error("boom") end)\n');
    const { rt, terminal, clock } = setup(60, 10, undefined, (rt) => new ExtensionHost(rt, { cwd: dir, home: dir }).loadPaths([join(dir, "bad.lua")]));
    terminal.receive("abcdef");
    clock.advance(20);
    expect(rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.text])).toEqual([
      ["error", "extension bad: key handler failed: bad.lua:2: boom"],
      ["error", "extension bad disabled after 5 failures: bad.lua:2: boom"],
    ]);
  });

  it("enters the terminal and paints the first frame", async () => {
    const { output, input } = setup();
    expect(input.raw).toBe(true);
    expect(output.writes[0]).toContain("\x1b[?1049h");
    const term = headlessTerminal(40, 10);
    await feed(term, output.writes.join(""));
    expect(screenLines(term).slice(6)).toEqual([
      "╭─ message ────────────────────────────╮",
      "│ Type a message (/ for commands)      │",
      "╰──────────────────────────────────────╯",
      "script (offline demo)                   ",
    ]);
  });

  it("a key an extension's keymap takes repaints, so a render handler shows the state it changed", async () => {
    const dir = tempDir("librecode-keyrender-");
    writeFileSync(join(dir, "mode.lua"), `local lc = require("librecode")
local mode = "AAAA"
lc.keymap.set("global", "<C-t>", function() mode = (mode == "AAAA") and "BBBB" or "AAAA"; return true end)
lc.on("render", function() lc.ui.draw_text("status", 0, 0, "mode " .. mode) end)
`);
    const { output, terminal, clock } = setup(40, 10, undefined, (rt) => new ExtensionHost(rt, { cwd: dir, home: dir }).loadPaths([join(dir, "mode.lua")]));
    const term = headlessTerminal(40, 10);
    await feed(term, output.writes.join(""));
    expect(screenLines(term).at(-1)).toMatch(/^mode AAAA/);
    const before = output.writes.length;
    terminal.receive("\x14"); // ctrl+t
    clock.advance(20);
    await feed(term, output.writes.slice(before).join(""));
    expect(screenLines(term).at(-1)).toMatch(/^mode BBBB/);
  });

  it("one typed key is one write; an idle screen writes nothing", () => {
    const { output, terminal, clock } = setup();
    const before = output.writes.length;
    terminal.receive("x");
    clock.advance(20);
    expect(output.writes.length).toBe(before + 1);
    expect(output.writes[before]).toContain("x");
    clock.advance(10_000);
    expect(output.writes.length).toBe(before + 1);
  });

  it("a resize repaints the whole screen at the new size", async () => {
    const { output, clock, rt } = setup();
    output.columns = 30;
    output.rows = 8;
    output.emit("resize");
    clock.advance(20);
    expect([rt.width, rt.height]).toEqual([30, 8]);
    const last = output.writes[output.writes.length - 1]!;
    expect(last).toContain("\x1b[2J");
    const term = headlessTerminal(30, 8);
    await feed(term, last);
    expect(screenLines(term).slice(4)).toEqual([
      "╭─ message ──────────────────╮",
      "│ Type a message (/ for comm…│",
      "╰────────────────────────────╯",
      "script (offline demo)         ",
    ]);
  });

  it("ctrl+l clears the terminal and repaints every cell (after something else wrote over it)", async () => {
    const { output, terminal, clock } = setup();
    const term = headlessTerminal(40, 10);
    await feed(term, output.writes.join("") + "\x1b[3;1Hgarbage from a child process");
    const before = output.writes.length;
    terminal.receive("\x0c");
    clock.advance(20);
    expect(output.writes.length).toBe(before + 1);
    expect(output.writes[before]).toContain("\x1b[2J");
    await feed(term, output.writes[before]!);
    expect(screenLines(term).slice(2, 3)).toEqual(["                                        "]);
    expect(screenLines(term).slice(6, 7)).toEqual(["╭─ message ────────────────────────────╮"]);
  });

  it("a bracketed paste is inserted into the composer", () => {
    const { terminal, rt } = setup();
    terminal.receive("\x1b[200~one\ntwo\x1b[201~");
    expect(rt.buffers.getText("composer")).toBe("one\ntwo");
  });

  it("focus reports are emitted as `focus` events", () => {
    const { terminal, rt } = setup();
    const seen: unknown[] = [];
    rt.events.on("focus", (ev) => { seen.push(ev.data.focused); });
    terminal.receive("\x1b[O\x1b[I");
    expect(seen).toEqual([false, true]);
  });

  it("the spinner writes only while the controller works", () => {
    let busy = false;
    const controller: ChatController = {
      submit: () => { busy = true; }, steer: () => {}, queueFollowUp: () => {}, dequeueFollowUp: () => undefined,
      interrupt: () => { busy = false; }, get working() { return busy; },
    };
    const { output, terminal, clock } = setup(40, 10, controller);
    terminal.receive("go\r");
    clock.advance(20);
    const started = output.writes.length;
    clock.advance(1000);
    expect(output.writes.length).toBeGreaterThanOrEqual(started + 9);
    busy = false;
    clock.advance(200);
    const stopped = output.writes.length;
    clock.advance(5000);
    expect(output.writes.length).toBe(stopped);
  });

  it("ctrl+c twice on an empty composer restores the terminal and ends the app", async () => {
    const { terminal, output, input, app } = setup();
    terminal.receive("\x03");
    terminal.receive("\x03");
    await tick();
    await app.done;
    expect(input.raw).toBe(false);
    expect(output.writes[output.writes.length - 1]).toContain("\x1b[?1049l");
  });

  it("ctrl+g hands the composer text to $EDITOR and takes the edit back", async () => {
    process.env.EDITOR = `sh -c 'printf "%s edited" "$(cat "$1")" > "$1"' sh`;
    const { terminal, rt, output, input } = setup();
    terminal.receive("draft");
    terminal.receive("\x07");
    const writes = output.writes.length;
    // Resized while the editor has the terminal: no resize event reaches the app.
    output.columns = 30;
    await tick();
    expect(rt.buffers.getText("composer")).toBe("draft edited");
    expect(rt.width).toBe(30);
    expect(input.raw).toBe(true);
    // Left the alternate screen for the editor and came back.
    expect(output.writes.slice(writes).join("")).toContain("\x1b[?1049l");
    expect(output.writes.slice(writes).join("")).toContain("\x1b[?1049h");
  });
});

describe("the interactive app: scrolling", () => {
  it("the mouse wheel scrolls the transcript three rows a notch", () => {
    const { terminal, rt } = setup(40, 10);
    terminal.receive("\x1b[<64;5;3M\x1b[<64;5;3M\x1b[<65;5;3M");
    expect(rt.windows.get("transcript")!.scroll).toBe(3);
  });

  it("pageup past the oldest row is taken back, so one pagedown moves again", async () => {
    const { terminal, rt, clock, output } = setup(40, 10);
    rt.guard("test", "fill", () => {
      for (let i = 1; i <= 10; i++) rt.buffers.appendBlock("transcript", { kind: "message", role: "assistant", text: `answer ${i}` });
    });
    clock.advance(20);
    for (let i = 0; i < 10; i++) terminal.receive("\x1b[5~");
    clock.advance(100);
    // 10 one-row blocks with blank rows between them: 19 rows in a 6-row viewport.
    expect(rt.windows.get("transcript")!.scroll).toBe(13);
    terminal.receive("\x1b[6~");
    clock.advance(20);
    expect(rt.windows.get("transcript")!.scroll).toBe(8);
    const term = headlessTerminal(40, 10);
    await feed(term, output.writes.join(""));
    expect(screenLines(term).slice(0, 7)).toEqual([
      "                                        ",
      "answer 4                                ",
      "                                        ",
      "answer 5                                ",
      "                                        ",
      "                  ↓ 9 rows below · pgdn ",
      "╭─ message ────────────────────────────╮",
    ]);
  });
});
