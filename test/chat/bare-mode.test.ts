// Bare mode as a user meets it: no stock window or key, the screen is what extensions build, and
// ctrl+c twice still quits. Screens are literal frames from the real painter (no colour).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderScreen } from "../../bin/render-screen.js";
import { ERROR_NOTE_MS } from "../../engine/chat/bare-mode.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { QUIT_WINDOW_MS } from "../../engine/chat/quit-press.js";
import { createApp } from "../../bin/create-app.js";
import { runBare } from "../../bin/run-bare.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { Terminal } from "../../ui/terminal.js";
import { cliInProcess } from "../cli/run-in-process.js";
import { FakeInput, FakeOutput } from "../e2e/fake-tty.js";
import { feed, headlessTerminal, screenLines } from "../ui-terminal/xterm-oracle.js";
import { scratch } from "../cli/run-cli.js";
import { bareFixture } from "../snapshots/screen-fixture.js";
import { tempTree } from "../support/temp-tree.js";

/** A one-window board: its text, a key that appends to it, one that fails, and a paste handler. */
const BOARD = `
local lc = require("librecode")
lc.on("startup", function()
  lc.win.create("board", { buffer = "board", role = "board" })
  lc.layout.set({ children = { { window = "board", grow = 1, border = "rounded" } } })
  lc.buf.set_text("board", "mode " .. lc.win.focus() .. "|")
end)
lc.on("key", function(ev)
  if ev.key == "x" then lc.buf.append("board", " x") return true end
end)
lc.keymap.set("global", "e", function() error("boom") end)
lc.keymap.set("global", "m", function() lc.buf.append("board", " " .. tostring(select(2, pcall(lc.agent.busy)))) return true end)
lc.on("shutdown", function() lc.log("shutdown ran") end)
lc.on("paste", function(ev) lc.buf.append("board", " pasted " .. ev.data.text) end)
`;

/** Bare mode with the board extension loaded and `app.quit` recorded. */
function bareApp(width = 40, height = 8) {
  const dir = tempTree({ "board.lua": BOARD });
  const { rt, bare, clock, frame } = bareFixture({ width, height, extensions: [join(dir, "board.lua")], cwd: dir });
  const quits: string[] = [];
  rt.actions.register("app.quit", () => quits.push("quit"));
  return { rt, bare, clock, quits, screen: frame };
}

describe("bare mode: the screen", () => {
  it("an empty bare screen says how to load an extension and how to quit", async () => {
    const r = await renderScreen({ size: "56x8", bare: true });
    expect(r.lines).toEqual([
      "                                                        ",
      "                                                        ",
      "   librecode --bare: no extension has built a screen    ",
      "    load one with extensions.use or --extension PATH    ",
      "                   ctrl+c twice quits                   ",
      "                                                        ",
      "                                                        ",
      "                                                        ",
    ]);
    expect([r.json.windows, r.json.focus]).toEqual([{}, ""]);
  });

  it("is only the extension's window: no composer, transcript or status, and typing edits nothing", () => {
    const { rt, screen } = bareApp();
    expect(screen("ab<cr>x<up>x")).toEqual([
      "╭──────────────────────────────────────╮",
      "│mode | x x                            │",
      "│                                      │",
      "│                                      │",
      "│                                      │",
      "│                                      │",
      "│                                      │",
      "╰──────────────────────────────────────╯",
    ]);
    expect([rt.windows.list(), rt.buffers.getText("composer"), rt.buffers.get("transcript")!.blocks]).toEqual([["board"], "", []]);
  });

  it("has no minimum size: below the chat's 20x8 the extension's window is still what shows", () => {
    const { screen } = bareApp(16, 3);
    expect(screen()).toEqual([
      "╭──────────────╮",
      "│mode |        │",
      "╰──────────────╯",
    ]);
  });

  it("pasted text goes to `paste` handlers", () => {
    const { bare, screen } = bareApp();
    bare.paste("a\r\nb");
    expect(screen()[1]).toBe("│mode | pasted a                       │");
  });
});

describe("bare mode: what there is not", () => {
  it("render --bare has no model: the agent primitives say so (the terminal's bare mode opens a session, test/agent/bare-agent.test.ts)", () => {
    const { rt } = bareApp();
    rt.dispatchKey(parseKeys("m")[0]!);
    expect(rt.buffers.getText("board")).toBe("mode | agent.busy: expected an open chat session, got none (render and extension run have no model)");
  });
});

describe("bare mode: quitting and errors", () => {
  it("a first ctrl+c names the second on the bottom row, the second quits", () => {
    const { quits, screen } = bareApp();
    expect(screen("<c-c>").slice(6)).toEqual([
      "│                                      │",
      " ctrl+c again to quit                   ",
    ]);
    expect(quits).toEqual([]);
    expect(screen("<c-c>")[7]).toBe("╰──────────────────────────────────────╯");
    expect(quits).toEqual(["quit"]);
  });

  it("waiting or another key forgets the first ctrl+c, and the window's edge comes back", () => {
    const { clock, quits, screen } = bareApp();
    screen("<c-c>");
    clock.advance(QUIT_WINDOW_MS);
    expect(screen("<c-c>")[7]).toBe(" ctrl+c again to quit                   ");
    expect(screen("y<c-c>")[7]).toBe(" ctrl+c again to quit                   ");
    expect(screen("y")[7]).toBe("╰──────────────────────────────────────╯");
    expect(quits).toEqual([]);
  });

  it("an extension's error shows on the bottom row for a few seconds", () => {
    const { rt, clock, screen } = bareApp(60, 8);
    expect(screen("e")[7]).toBe(" extension board: keymap e failed: board.lua:11: boom".padEnd(60));
    expect(rt.errors).toHaveLength(1);
    clock.advance(ERROR_NOTE_MS);
    expect(screen()[7]).toBe("╰──────────────────────────────────────────────────────────╯");
  });
});

describe("bare mode: the command line", () => {
  it("render --bare and config ui.bare: true both start bare", async () => {
    const flag = await cliInProcess(["render", "--size", "56x5", "--bare"], scratch());
    const config = await cliInProcess(["render", "--size", "56x5"], scratch({ ".librecode/config.yaml": "ui:\n  bare: true\n" }));
    const screen = [
      "                                                        ",
      "   librecode --bare: no extension has built a screen    ",
      "    load one with extensions.use or --extension PATH    ",
      "                   ctrl+c twice quits                   ",
      "                                                        ",
    ].join("\n") + "\n";
    expect([flag.code, flag.stdout, flag.stderr]).toEqual([0, screen, ""]);
    expect([config.code, config.stdout, config.stderr]).toEqual([0, screen, ""]);
  });
});

describe("bare mode: the terminal", () => {
  it("draws on the alternate screen; ctrl+c twice restores the terminal, then `shutdown` runs", async () => {
    const dir = tempTree({ "board.lua": BOARD });
    const clock = new FakeClock();
    const app = await createApp({ width: 30, height: 5, cwd: dir, clock, isolated: true, bare: true, extensionPaths: [join(dir, "board.lua")] });
    if (app.mode !== "bare") throw new Error("expected bare mode");
    const input = new FakeInput();
    const output = new FakeOutput(30, 5);
    const terminal = new Terminal({ input, output, clock, guard: false, kittyKeyboard: false });
    const done = runBare(app, { terminal, clock });
    clock.advance(20);
    const term = headlessTerminal(30, 5);
    await feed(term, output.writes.join(""));
    expect(screenLines(term)).toEqual([
      "╭────────────────────────────╮",
      "│mode |                      │",
      "│                            │",
      "│                            │",
      "╰────────────────────────────╯",
    ]);
    expect([output.writes[0]!.includes("\x1b[?1049h"), input.raw]).toEqual([true, true]);
    terminal.receive("\x03");
    terminal.receive("\x03");
    await done;
    expect([output.writes.at(-1)!.includes("\x1b[?1049l"), input.raw]).toEqual([true, false]);
    expect(app.runtime.log.entries().map((e) => e.text)).toEqual(["shutdown ran"]);
  });
});
