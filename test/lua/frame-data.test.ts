// What `resize` and `render` events carry besides the size (the original's runtime data), and the
// `panel` focus kind of the stock panes.
import { describe, expect, it } from "vitest";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { screenLines } from "../snapshots/screen-fixture.js";
import { lcRuntime, tempTree } from "./harness.js";

const FIELDS = `local d = ev.data
  return table.concat({d.width, d.height, d.provider, d.model, d.model_label, d.thinking_level, d.queued_count,
    d.message_count, d.streaming_block_count, tostring(d.tools_expanded), tostring(d.thinking_hidden)}, " ")`;

describe("resize and render data", () => {
  it("render: size, model, provider, thinking level, queued and message counts, as the original sent them", () => {
    const dir = tempTree({ "fields.lua": `local lc = require("librecode")
lc.on("render", function(ev) lc.buf.set_text("status", (function() ${FIELDS} end)()) end)` });
    const lines = screenLines({
      width: 60, height: 8, extensions: [`${dir}/fields.lua`],
      transcript: `{"role":"user","text":"hi"}\n{"role":"assistant","text":"hello"}`,
      setup: (_rt, chat) => chat.setStatus({ thinking_level: "high", follow_ups: 2, steering: 1 }),
    });
    expect(lines.at(-1)).toBe("60 8 script demo script/demo high 3 2 0 false true          ");
  });

  it("resize: the same fields; streaming blocks are counted apart from finished messages", () => {
    const { rt, run } = lcRuntime();
    const chat = installStockChat(rt);
    chat.setStatus({ provider: "local", model: "m1", model_label: "local/m1", thinking_level: "off" });
    rt.guard("test", "blocks", () => {
      rt.buffers.appendBlock("transcript", { role: "user", text: "q" });
      rt.buffers.appendBlock("transcript", { role: "assistant", text: "a", streaming: true });
    });
    run(`lc.on("resize", function(ev) lc.buf.set_text("log", (function() ${FIELDS} end)()) end)`);
    rt.resize(100, 30);
    expect(rt.buffers.getText("log")).toBe("100 30 local m1 local/m1 off 0 1 1 false true");
  });
});

describe("focus kind panel", () => {
  it("the thinking and tools panes report panel, their name as panel_kind, not exclusive", () => {
    const { rt, run } = lcRuntime();
    installStockChat(rt);
    run(`lc.on("key", function(ev) local f = ev.focus
      lc.buf.append("log", f.kind .. ":" .. f.panel_kind .. ":" .. tostring(f.exclusive) .. " ") end)
      lc.keymap.set({ window = "tools" }, "x", function() lc.buf.append("log", "mapped ") end)`);
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    run(`lc.win.focus("tools")`);
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    run(`lc.win.focus("thinking")`);
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    expect(rt.buffers.getText("log")).toBe("composer::false mapped panel:tools:false panel:thinking:false ");
  });

  it("a window an extension marks with panel_kind and exclusive takes the keys from other targets", () => {
    const { rt, run } = lcRuntime();
    run(`lc.win.create("picker")
      lc.win.set_var("picker", "panel_kind", "picker")
      lc.win.set_var("picker", "exclusive", true)
      lc.keymap.set({ window = "picker" }, "j", function() lc.buf.append("log", "window ") end)
      lc.keymap.set({ focus = "panel" }, "j", function() lc.buf.append("log", "panel ") end)
      lc.win.focus("picker")`);
    rt.dispatchKey(keyEvent("j", { text: "j" }));
    expect(rt.buffers.getText("log")).toBe("panel ");
  });
});
