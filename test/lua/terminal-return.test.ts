// The terminal-event keys of a handler's return table beyond `buffers` (windows, layout, actions,
// draw operations, cursor, deletions, resets), checked on a painted bare-mode screen.
import { describe, expect, it } from "vitest";
import { formatExtensionError } from "../../lua/extension-host.js";
import { bareFixture } from "../snapshots/screen-fixture.js";
import { tempTree } from "./harness.js";

const PANEL = `local lc = require("librecode")
lc.on("startup", function()
  return { buffers = { panel = { text = "hello" } }, windows = { panel = { buffer = "panel", x = 2, y = 1, width = 10, height = 2 } } }
end)
`;

/** Bare mode at 16x4 with `PANEL` plus `source` loaded. */
function screen(source: string) {
  const dir = tempTree({ "ext.lua": PANEL + source });
  return bareFixture({ width: 16, height: 4, extensions: [`${dir}/ext.lua`] });
}

describe("terminal event return tables", () => {
  it("windows places a window at the original's absolute rectangle over its buffer", () => {
    expect(screen("").frame()).toEqual([
      "                ",
      "  hello         ",
      "                ",
      "                ",
    ]);
  });

  it("windows moves a window whose rectangle changed and hides one with visible = false", () => {
    const s = screen(`lc.on("tick", function(ev) return { windows = { panel = { x = 6, y = 2 } } } end)
lc.on("focus", function() return { windows = { panel = { visible = false } } } end)`);
    s.rt.emit("tick");
    expect(s.frame()).toEqual([
      "                ",
      "                ",
      "      hello     ",
      "                ",
    ]);
    s.rt.emit("focus", {});
    // No window left to show: bare mode's own note.
    expect(s.frame()).toEqual(["   librecode    ", "   --bare: no   ", " extension has  ", " built a screen "]);
  });

  it("layout replaces the layout with a tree table, as layout.set would", () => {
    const s = screen(`lc.on("tick", function()
  return { layout = { direction = "column", children = { { window = "panel", height = 1 }, { window = "other", grow = 1 } } },
           buffers = { other = "below" } }
end)`);
    s.rt.emit("tick");
    expect(s.frame()).toEqual([
      "hello           ",
      "below           ",
      "                ",
      "                ",
    ]);
  });

  it("a bad layout fails the handler: nothing of its table applies and the last good layout stays", () => {
    const s = screen(`lc.on("tick", function() return { buffers = { panel = "changed" }, layout = { children = { { window = 3 } } } } end)`);
    s.rt.emit("tick");
    expect(s.rt.errors.map(formatExtensionError)).toEqual(["extension ext: tick handler failed: layout: root.children[1].window: expected a window name (a non-empty string), got 3"]);
    expect(s.frame()).toEqual(["                ", "  hello         ", "                ", " extension ext… "]);
  });

  it("actions runs the named actions in order; an unknown one is skipped", () => {
    const s = screen(`lc.on("tick", function() return { actions = { "first", "nope", "second" } } end)`);
    const ran: string[] = [];
    s.rt.actions.register("first", () => ran.push("first"));
    s.rt.actions.register("second", () => ran.push("second"));
    s.rt.emit("tick");
    expect([ran, s.rt.errors]).toEqual([["first", "second"], []]);
  });

  it("ui_draw_ops draws the original's op tables (text with inline style, spans, clear) into windows", () => {
    const s = screen(`lc.on("tick", function()
  return { ui_draw_ops = {
    { window = "panel", kind = "clear", row = 0, col = 0, width = 10, height = 1 },
    { window = "panel", kind = "text", row = 0, col = 1, text = "drawn", fg = "accent", bold = true },
    { window = "panel", kind = "spans", row = 1, col = 0, spans = { { text = "a" }, { text = "b" } } },
  } }
end)`);
    s.rt.emit("tick");
    expect(s.frame()).toEqual([
      "                ",
      "   drawn        ",
      "  ab            ",
      "                ",
    ]);
    expect(s.rt.draw.ops("panel")[1]).toMatchObject({ kind: "text", style: { fg: "accent", bold: true } });
  });

  it("ui_cursor puts the terminal cursor in a window, relative to it", () => {
    const s = screen(`lc.on("tick", function() return { ui_cursor = { window = "panel", row = 1, col = 3 } } end)`);
    s.rt.emit("tick");
    s.frame();
    expect(s.cursor()).toEqual({ row: 2, col: 5 });
  });

  it("deleted_windows removes a window with its drawings; the buffer stays", () => {
    const s = screen(`lc.on("tick", function() return { ui_draw_ops = { { window = "panel", kind = "text", text = "x" } } } end)
lc.on("focus", function() return { deleted_windows = { "panel" } } end)`);
    s.rt.emit("tick");
    s.rt.emit("focus", {});
    expect([s.rt.windows.has("panel"), s.rt.draw.ops("panel"), s.rt.buffers.getText("panel")]).toEqual([false, [], "hello"]);
    expect(s.frame()).toEqual(["   librecode    ", "   --bare: no   ", " extension has  ", " built a screen "]);
  });

  it("reset_ui_windows clears the named windows' drawings, or every window's with true", () => {
    const s = screen(`lc.win.create("side", { buffer = "side", x = 0, y = 3, width = 16, height = 1 })
lc.on("tick", function() return { ui_draw_ops = { { window = "panel", kind = "text", text = "p" }, { window = "side", kind = "text", text = "s" } } } end)
lc.on("focus", function(ev) return { reset_ui_windows = ev.data.all and true or { "panel" } } end)`);
    s.rt.emit("tick");
    s.rt.emit("focus", {});
    expect(s.frame()).toEqual(["                ", "  hello         ", "                ", "s               "]);
    s.rt.emit("focus", { all: true });
    expect(s.frame()).toEqual(["                ", "  hello         ", "                ", "                "]);
  });

  it("deletions apply before the table's buffers and windows, so one table can rebuild a window", () => {
    const s = screen(`lc.on("tick", function()
  return { deleted_windows = { "panel" }, deleted_buffers = { "panel" },
           buffers = { panel = "new" }, windows = { panel = { buffer = "panel", x = 0, y = 0, width = 5, height = 1 } } }
end)`);
    s.rt.emit("tick");
    expect(s.frame()).toEqual(["new             ", "                ", "                ", "                "]);
  });
});

describe("draw operations from render handlers", () => {
  it("last one frame: the next frame shows only what its own render drew", () => {
    const s = screen(`local n = 0
lc.on("render", function() n = n + 1; lc.ui.draw_text("panel", 1, 0, n % 2 == 1 and "LONGLONG" or "s" .. n) end)`);
    expect(s.frame()[2]).toBe("  LONGLONG      ");
    expect(s.frame()[2]).toBe("  s2            ");
    expect(s.frame()[2]).toBe("  LONGLONG      ");
    expect(s.rt.draw.ops("panel")).toHaveLength(1);
  });
});
