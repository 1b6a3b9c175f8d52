// layout.overlay from Lua: a panel an extension lays over whatever layout is in force, as the stock
// pickers are laid (Runtime.setOverlay). The snippets example is such a picker, built in Lua.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { AppPainter } from "../../ui/app-painter.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { lcRuntime, tempTree } from "./harness.js";

const SNIPPETS = path.resolve("examples/extensions/snippets");

// Another extension: /side lays the chat out with a side pane (layout.set replaces the whole tree).
const SIDE = `local lc = require("librecode")
lc.register_command("side", "a side pane", function()
  lc.layout.set({ direction = "row", children = {
    { direction = "column", grow = 1, children = { { window = "transcript", grow = 1 }, { window = "composer", height = 3, border = "rounded" } } },
    { window = "side", width = 12, border = "single" } } })
  return ""
end)
`;

/** The stock chat at 50x14 with the snippets example and side.lua loaded; keys typed, frames painted as text. */
function chatWithSnippets() {
  const rt = new Runtime({ clock: new FakeClock(), width: 50, height: 14, cwd: process.cwd() });
  installStockChat(rt);
  const host = new ExtensionHost(rt, { home: "/nonexistent" });
  host.loadPaths([SNIPPETS, path.join(tempTree({ "side.lua": SIDE }), "side.lua")]);
  const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }));
  const s = new Screen(50, 14);
  return {
    rt, host,
    errors: () => rt.errors.map(formatExtensionError),
    type: (keys: string) => { for (const k of parseKeys(keys)) rt.dispatchKey(k); },
    screen: () => { painter.paint(s.back); return s.back.toLines().map((l) => l.trimEnd()); },
  };
}

describe("examples/extensions/snippets: a picker built in Lua on layout.overlay", () => {
  it("alt+s opens a filterable list over the chat and takes the keys", () => {
    const c = chatWithSnippets();
    expect(c.errors()).toEqual([]);
    c.type("<m-s>");
    expect(c.rt.focus).toBe("snippets");
    expect(c.rt.focusInfo().kind).toBe("panel");
    expect(c.screen().slice(4, 11)).toEqual([
      "   ╭─ snippets ────────────────────────────────╮",
      "   │ >                                     4/4 │",
      "   │ › commit   Write a commit message for th… │",
      "   │   explain  Explain what this code does, … │",
      "   │   review   Review the last change for bu… │",
      "   │   tests    Write tests for                │",
      "╭─ ╰───────────────────────────────────────────╯─╮",
    ]);
    c.type("tests");
    expect(c.screen().slice(5, 8)).toEqual([
      "   │ > tests                               2/4 │",
      "   │ › review   Review the last change for bu… │",
      "   │   tests    Write tests for                │",
    ]);
    expect(c.rt.buffers.getText("composer")).toBe("");
  });

  it("stays over a layout another extension sets, and enter closes it into the composer", async () => {
    const c = chatWithSnippets();
    c.type("<m-s>tests<down>");
    expect(await c.host.runCommand("side", "")).toEqual({ ok: true, output: "" });
    expect(c.screen()).toEqual([
      "                                      ┌──────────┐",
      "                                      │          │",
      "                                      │          │",
      "                                      │          │",
      "   ╭─ snippets ────────────────────────────────╮ │",
      "   │ > tests                               2/4 │ │",
      "   │   review   Review the last change for bu… │ │",
      "   │ › tests    Write tests for                │ │",
      "   │                                           │ │",
      "   │                                           │ │",
      "   ╰───────────────────────────────────────────╯ │",
      "╭─ message ──────────────────────────╮│          │",
      "│ Type a message (/ for commands)    ││          │",
      "╰────────────────────────────────────╯└──────────┘",
    ]);
    c.type("<cr>");
    expect(c.rt.focus).toBe("composer");
    expect(c.rt.buffers.getText("composer")).toBe("Write tests for ");
    expect(c.rt.windows.get("snippets")!.box.visible).toBe(false);
    expect(c.screen().slice(9)).toEqual([
      "                                      │          │",
      "                                      │          │",
      "╭─ message ──────────────────────────╮│          │",
      "│ Write tests for                    ││          │",
      "╰────────────────────────────────────╯└──────────┘",
    ]);
  });
});

describe("librecode.layout.overlay", () => {
  const PANEL = `{ window = "panel", left = 0, bottom = 0, width = "100%", height = 3, border = "single" }`;
  const size = (rt: Runtime, n: string) => { const b = rt.windows.get(n)!.box; return [b.x, b.y, b.width, b.height, b.visible]; };

  it("goes in the flow before window `before` when the layout shows it, and nil removes it", () => {
    const { rt, run } = lcRuntime({ width: 40, height: 20 });
    expect(run(`return lc.layout.overlay("panel", ${PANEL}, "composer")`)).toEqual([true]);
    expect([size(rt, "panel"), size(rt, "composer")]).toEqual([[0, 13, 40, 3, true], [0, 16, 40, 3, true]]);
    expect(run(`return lc.layout.overlay("panel", nil)`)).toEqual([true]);
    expect(size(rt, "panel")).toEqual([0, 0, 0, 0, false]);
  });

  it("a bad node raises the layout's own error and the last good layout stays", () => {
    const { rt, run } = lcRuntime({ width: 40, height: 20 });
    run(`lc.layout.overlay("panel", ${PANEL})`);
    expect(() => run(`lc.layout.overlay("panel", { window = "panel", height = "tall" })`)).toThrow(
      'layout: overlays.panel.height: expected a size (cells, "N%", "auto" or "content"), got "tall"');
    expect(() => run(`lc.layout.overlay("panel", { window = "panel", colour = "red" })`)).toThrow(
      "layout: overlays.panel.colour: unknown key");
    expect(size(rt, "panel")).toEqual([0, 17, 40, 3, true]);
    expect(() => run(`lc.layout.overlay("panel", "tall")`)).toThrow(
      "layout.overlay: argument 2 'node': expected table or nil, got string");
    expect(() => run(`lc.layout.overlay(nil, {})`)).toThrow("layout.overlay: argument 1 'name': expected string, got nil");
    expect(() => run(`lc.layout.overlay("panel", ${PANEL}, 3)`)).toThrow("layout.overlay: argument 3 'before': expected string, got number");
  });

  it("is undone with a handler that fails after setting it", () => {
    const { rt, run } = lcRuntime({ width: 40, height: 20 });
    expect(() => run(`lc.layout.overlay("panel", ${PANEL}); error("boom")`)).toThrow("boom");
    expect(rt.layout.overlays.size).toBe(0);
  });

  it("an extension cannot replace or remove an overlay it did not set", () => {
    const { rt, run } = lcRuntime({ width: 40, height: 20 });
    rt.setOverlay("picker", { window: "picker", top: 0, left: 0, width: 10, height: 3 });
    expect(() => run(`lc.layout.overlay("picker", nil)`)).toThrow(
      "layout: overlays.picker: expected one of extension ext's own overlays, got the host's");
    expect(rt.layout.overlays.has("picker")).toBe(true);
  });

  it("refuses the host's own overlay names (the picker's, the approval panel's) while their panels are closed", () => {
    const { rt, run } = lcRuntime({ width: 40, height: 20 });
    const chat = installStockChat(rt);
    expect(() => run(`lc.layout.overlay("picker", { window = "mine", height = 3 })`)).toThrow(
      "layout: overlays.picker: expected one of extension ext's own overlays, got the host's");
    expect(() => run(`lc.layout.overlay("approval", { window = "mine", height = 3 })`)).toThrow(
      "layout: overlays.approval: expected one of extension ext's own overlays, got the host's");
    expect(() => run(`lc.layout.overlay("picker", nil)`)).toThrow(
      "layout: overlays.picker: expected one of extension ext's own overlays, got the host's");
    expect(rt.layout.overlays.size).toBe(0);
    const reported = rt.errors.length;
    chat.pick({ title: "model", items: [{ label: "a", value: "a" }], onPick: () => {} });
    expect(rt.errors.slice(reported)).toEqual([]);
    expect(rt.layout.overlays.get("picker")?.owner).toBe("host");
  });

  it("goes with its extension when it unloads, and the keys go back to the composer", () => {
    const c = chatWithSnippets();
    c.type("<m-s>");
    c.host.extensions().find((e) => e.name === "snippets")!.dispose();
    expect(c.rt.layout.overlays.size).toBe(0);
    expect(c.rt.focus).toBe("composer");
  });
});
