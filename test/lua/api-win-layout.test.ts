import { describe, expect, it } from "vitest";
import { lcRuntime, withExtension } from "./harness.js";

const SPLIT = `{
  direction = "column",
  children = {
    { direction = "row", grow = 1, children = {
        { window = "transcript", grow = 2 },
        { window = "notes", width = "30%", min_width = 20, border = "single" },
    }},
    { window = "composer", height = 5, border = "rounded" },
    { window = "status", height = 1 },
  },
}`;

describe("librecode.win", () => {
  it("lists sorted names and gets a window table", () => {
    const { run } = lcRuntime({ width: 100, height: 30 });
    const [names, w] = run(`lc.layout.set(${SPLIT}) return lc.win.list(), lc.win.get("notes")`);
    expect(names).toEqual(["composer", "notes", "status", "thinking", "tools", "transcript"]);
    expect(w).toEqual({
      name: "notes", role: "notes", buffer: "notes", renderer: "default", x: 70, y: 0, width: 30, height: 24,
      content: { x: 71, y: 1, width: 28, height: 22 }, cursor_row: 0, cursor_col: 0, visible: true, metadata: {},
    });
  });

  it("get of an unknown window is nil", () => {
    const { run } = lcRuntime();
    expect(run(`return lc.win.get("nope") == nil, lc.win.get_buf("nope") == nil`)).toEqual([true, true]);
  });

  it("creates, sets, rebinds and deletes windows", () => {
    const { run, rt } = lcRuntime();
    expect(run(`
      local w = lc.win.create("side", {buffer = "sidebuf", role = "panel", renderer = "extension"})
      local b1 = lc.win.get_buf("side")
      lc.win.set_buf("side", "other")
      lc.win.set_renderer("side", "default")
      lc.win.set("side", {role = "r2", cursor_row = 2, cursor_col = 3})
      local g = lc.win.get("side")
      return w.renderer, w.role, b1, g.buffer, g.renderer, g.role, g.cursor_row, g.cursor_col, g.visible, lc.win.delete("side"), lc.win.delete("side")`)).toEqual([
      "extension", "panel", "sidebuf", "other", "default", "r2", 2, 3, false, true, false,
    ]);
    expect(rt.buffers.has("sidebuf")).toBe(true);
    expect(rt.buffers.has("other")).toBe(true);
  });

  it("find returns the first match in layout tree order, or nil", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.win.create("zz", {role = "panel"}) lc.win.create("aa", {role = "panel"})
      lc.layout.set({direction = "column", children = {{window = "zz", grow = 1}, {window = "aa", grow = 1}, {window = "composer", height = 3}}})
      return lc.win.find({role = "panel"}), lc.win.find({buffer = "composer"}), lc.win.find({role = "none"})`)).toEqual(["zz", "composer", undefined]);
  });

  it("keeps window variables", () => {
    const { run } = lcRuntime();
    expect(run(`lc.win.set_var("composer", "mode", "insert") return lc.win.get_var("composer", "mode"), lc.win.get("composer").metadata.mode, lc.win.get_var("composer", "x")`)).toEqual([
      "insert", "insert", undefined,
    ]);
  });

  it("moves focus with win.focus", () => {
    const { run, rt } = lcRuntime();
    expect(run(`return lc.win.focus(), lc.win.focus("transcript"), lc.win.focus("missing"), lc.win.focus()`)).toEqual(["composer", true, false, "transcript"]);
    expect(rt.focus).toBe("transcript");
  });

  it("rolls a win.focus back with the failing callback", () => {
    const { run, rt } = lcRuntime();
    expect(() => run(`lc.win.focus("transcript") error("after")`)).toThrow("eval.lua:");
    expect(rt.focus).toBe("composer");
  });

  it("checks its arguments", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.win.set_renderer, "composer", "fancy"))`)).toEqual([`win.set_renderer: argument 2 'renderer': expected "default" or "extension", got "fancy"`]);
    expect(run(`return select(2, pcall(lc.win.find, "composer"))`)).toEqual(["win.find: argument 1 'query': expected table, got string"]);
    expect(run(`return select(2, pcall(lc.win.create, 1))`)).toEqual(["win.create: argument 1 'name': expected string, got number"]);
  });
});

describe("librecode.layout", () => {
  it("sets the split-pane tree and reports the rectangles of layout.md's example", () => {
    const { run } = lcRuntime({ width: 100, height: 30 });
    const [l] = run(`lc.layout.set(${SPLIT}) return lc.layout.get()`);
    const layout = l as { width: number; height: number; root: Record<string, unknown>; windows: Record<string, Record<string, unknown>> };
    expect([layout.width, layout.height]).toEqual([100, 30]);
    const rect = (n: string) => { const w = layout.windows[n]!; return [w.x, w.y, w.width, w.height]; };
    expect([rect("transcript"), rect("notes"), rect("composer"), rect("status")]).toEqual([[0, 0, 70, 24], [70, 0, 30, 24], [0, 24, 100, 5], [0, 29, 100, 1]]);
    expect(layout.windows.notes).toMatchObject({ role: "notes", buffer: "notes", renderer: "default", visible: true });
    expect((layout.root.children as unknown[]).length).toBe(3);
  });

  it("accepts the flat windows form", () => {
    const { run } = lcRuntime({ width: 40, height: 10 });
    expect(run(`
      lc.layout.set({windows = {composer = {x = 0, y = 7, width = 40, height = 3}, transcript = {x = 0, y = 0, width = 40, height = 7}}})
      local c = lc.layout.get().windows.composer
      return c.x, c.y, c.width, c.height, lc.layout.get().windows.status.visible`)).toEqual([0, 7, 40, 3, false]);
  });

  it("rejects a bad table with the layout error and keeps the previous layout", () => {
    const { run } = lcRuntime({ width: 100, height: 30 });
    expect(run(`
      lc.layout.set(${SPLIT})
      local ok, e = pcall(lc.layout.set, {direction = "column", children = {{window = "a"}, {window = "b", width = "wide"}}})
      return ok, e, lc.layout.get().windows.notes.width`)).toEqual([
      false, `layout: root.children[2].width: expected a size (cells, "N%", "auto" or "content"), got "wide"`, 30,
    ]);
  });

  it("rolls a layout.set back with the failing callback", () => {
    const { run, rt } = lcRuntime({ width: 100, height: 30 });
    expect(() => run(`lc.layout.set(${SPLIT}) error("after")`)).toThrow("eval.lua:");
    expect(rt.windows.get("composer")!.box.height).not.toBe(5);
  });
});

describe("responsive variants from Lua", () => {
  it("layout.get() reports the active variant (nil for the base tree) and layout.set takes its output back", () => {
    const { rt, run } = lcRuntime({ width: 100, height: 20 });
    run(`lc.layout.set({ direction = "row", children = { {window = "transcript", grow = 1}, {window = "side", width = 30} },
      variants = { {when = {max_width = 79}, layout = {children = { {window = "transcript", grow = 1} }}} } })`);
    expect(run(`return lc.layout.get().variant`)).toEqual([undefined]);
    rt.resize(70, 20);
    expect(run(`local l = lc.layout.get() lc.layout.set(l) return l.variant, l.root.variants[1].when.max_width, lc.layout.get().variant`)).toEqual([1, 79, 1]);
  });

  it("a bad variant raises the layout error and changes nothing", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.layout.set, {children = {{window = "a"}}, variants = {{when = {min_height = -1}, layout = {window = "a"}}}}))`)).toEqual([
      "layout: variants[1].when.min_height: expected a non-negative integer (cells), got -1",
    ]);
  });
});

// docs/layout.md "Add a sidebar, keep the rest", as written there.
const SIDEBAR = [
  `lc = require("librecode")`,
  `lc.on("startup", function()`,
  `  lc.win.create("files", { buffer = "files" })`,
  `  local chat = lc.layout.get().root`,
  `  -- After /reload the sidebar from before is still there: take the chat back out of it.`,
  `  if chat.children and chat.children[2] and chat.children[2].window == "files" then chat = chat.children[1] end`,
  `  chat.grow = 1`,
  `  lc.layout.set({ direction = "row", children = { chat, { window = "files", width = 30, border = "single" } } })`,
  `end)`,
].join("\n");

describe("layout.get() returns the whole stock layout", () => {
  it("docs/layout.md 'Add a sidebar, keep the rest': the tools pane still opens with output, the composer and status stay", () => {
    const { rt, run, errors } = withExtension(SIDEBAR, { width: 100, height: 30 });
    rt.emit("startup", { width: 100, height: 30 });
    expect(run(`local r = lc.layout.get().root.children[1]
      local names = {} for _, n in ipairs(r.children) do names[#names + 1] = n.window end
      return names, r.children[3].hide_empty, r.children[2].display`)).toEqual([["transcript", "thinking", "tools", "composer", "status"], true, "none"]);
    run(`lc.buf.set_text("tools", "$ npm test")`);
    rt.updateLayout();
    expect(run(`local t, f, s = lc.win.get("tools"), lc.win.get("files"), lc.win.get("status")
      return t.visible, t.x, t.width, f.x, f.height, s.y, s.width`)).toEqual([true, 0, 70, 70, 30, 29, 70]);
    expect(errors()).toEqual([]);
  });

  it("docs/layout.md 'Add a sidebar, keep the rest' reloaded twice: still one sidebar beside the whole stock tree, no error", () => {
    const { rt, host, run, errors } = withExtension(SIDEBAR, { width: 100, height: 30 });
    rt.emit("startup", { width: 100, height: 30 });
    expect(host.reload("ext")).toEqual([{ name: "ext", change: "reloaded", ok: true, error: "" }]);
    expect(host.reload("ext")).toEqual([{ name: "ext", change: "reloaded", ok: true, error: "" }]);
    expect(errors()).toEqual([]);
    expect(run(`local r = lc.layout.get().root
      local names = {} for _, n in ipairs(r.children[1].children) do names[#names + 1] = n.window end
      return #r.children, names, r.children[2].window`)).toEqual([2, ["transcript", "thinking", "tools", "composer", "status"], "files"]);
  });
});
