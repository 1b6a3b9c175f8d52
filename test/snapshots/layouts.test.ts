// Whole screens at fixed sizes, compared with screens/*.txt (UPDATE_SNAPSHOTS=1 rewrites them).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, it } from "vitest";
import type { Runtime } from "../../engine/kernel/runtime.js";
import { expectSnapshot } from "./snapshot-file.js";
import { CHAT_FIXTURE, screenLines } from "./screen-fixture.js";

const SIZES: [number, number][] = [[80, 24], [40, 12], [20, 8]];
const SPLIT_PANE = parseYaml(readFileSync(join(__dirname, "../../examples/layouts/split-pane.yaml"), "utf8")) as unknown;
const RESPONSIVE = parseYaml(readFileSync(join(__dirname, "../../examples/layouts/responsive-side-panel.yaml"), "utf8")) as unknown;

describe("stock chat", () => {
  for (const [w, h] of SIZES) {
    it(`with a transcript at ${w}x${h}`, () => {
      expectSnapshot(`stock-chat-${w}x${h}`, screenLines({ width: w, height: h, transcript: CHAT_FIXTURE, keys: "and now?" }));
    });
  }
  it("below the 20x8 minimum shows the too-small notice", () => {
    expectSnapshot("stock-chat-19x7", screenLines({ width: 19, height: 7, transcript: CHAT_FIXTURE }));
  });
  it("with thinking shown (ctrl+t): inline only, the thinking pane stays closed", () => {
    expectSnapshot("stock-chat-thinking-60x20", screenLines({
      width: 60, height: 20, transcript: CHAT_FIXTURE, keys: "<c-t>",
      setup: (rt) => rt.buffers.setText("thinking", "Considering the directory layout..."),
    }));
  });
  it("with tool output expanded (ctrl+o)", () => {
    const long = Array.from({ length: 8 }, (_, i) => `line ${i + 1}`).join("\\n");
    // ui.tool_lines: 5, as the config sets the transcript's tool_lines var.
    const transcript = `{"role":"tool","name":"bash","arguments":{"command":"seq 8"},"text":"${long}","status":"success"}`;
    const toolLines5 = (rt: Runtime) => rt.windows.setVar("transcript", "tool_lines", 5);
    expectSnapshot("stock-chat-tools-collapsed-40x16", screenLines({ width: 40, height: 16, transcript, setup: toolLines5 }));
    expectSnapshot("stock-chat-tools-expanded-40x16", screenLines({ width: 40, height: 16, transcript, keys: "<c-o>" }));
  });
  it("with the slash completion menu", () => {
    expectSnapshot("stock-chat-completion-50x14", screenLines({
      width: 50, height: 14, keys: "/h<down>",
      setup: (rt) => {
        rt.commands.register("help", { desc: "show the keys", owner: "host", run: () => {} });
        rt.commands.register("history", { desc: "search prompt history", owner: "host", run: () => {} });
      },
    }));
  });
  it("with a multi-line composer that grows", () => {
    expectSnapshot("stock-chat-multiline-40x12", screenLines({ width: 40, height: 12, keys: "first<c-j>second<c-j>third" }));
  });
});

describe("the split-pane example (docs/layout.md)", () => {
  for (const [w, h] of [[100, 30], [60, 16], [20, 8]] as [number, number][]) {
    it(`at ${w}x${h}`, () => {
      expectSnapshot(`split-pane-${w}x${h}`, screenLines({
        width: w, height: h, layout: SPLIT_PANE, transcript: CHAT_FIXTURE,
        setup: (rt) => rt.buffers.setText("notes", "TODO\n- tests\n- docs"),
      }));
    });
  }
});

describe("the responsive side panel (docs/layout.md \"Responsive layouts\")", () => {
  for (const [w, h, where] of [[130, 20, "beside"], [100, 24, "below"], [70, 16, "hidden"]] as [number, number, string][]) {
    it(`at ${w}x${h} the panel is ${where} the transcript`, () => {
      expectSnapshot(`responsive-${where}-${w}x${h}`, screenLines({
        width: w, height: h, layout: RESPONSIVE, transcript: CHAT_FIXTURE,
        setup: (rt) => rt.buffers.setText("notes", "TODO\n- tests\n- docs"),
      }));
    });
  }
});

describe("other layouts", () => {
  const overlay = {
    children: [
      { window: "transcript", grow: 1 },
      { window: "composer", height: 3, border: "rounded" },
      { window: "status", height: 1 },
      { window: "popup", position: "absolute", top: 1, left: "25%", width: "50%", height: 5, border: "double", z: 1 },
    ],
  };
  for (const [w, h] of [[40, 12], [20, 8]] as [number, number][]) {
    it(`an absolute overlay over the transcript at ${w}x${h}`, () => {
      expectSnapshot(`overlay-${w}x${h}`, screenLines({
        width: w, height: h, layout: overlay, transcript: CHAT_FIXTURE,
        setup: (rt) => rt.buffers.setText("popup", "floating note"),
      }));
    });
  }
  it("display none hides a node and gives its space away", () => {
    expectSnapshot("display-none-40x10", screenLines({
      width: 40, height: 10, transcript: CHAT_FIXTURE,
      layout: {
        direction: "row",
        children: [
          { window: "sidebar", width: 12, border: "single", display: "none" },
          { direction: "column", grow: 1, children: [
            { window: "transcript", grow: 1 },
            { window: "composer", height: 3, border: "single" },
          ] },
        ],
      },
      setup: (rt) => rt.buffers.setText("sidebar", "hidden"),
    }));
  });
  it("the flat windows form at absolute rectangles", () => {
    expectSnapshot("flat-windows-30x10", screenLines({
      width: 30, height: 10,
      layout: { windows: { transcript: { x: 0, y: 0, width: 30, height: 7 }, composer: { x: 0, y: 7, width: 30, height: 3 } } },
      keys: "typed",
    }));
  });
});
