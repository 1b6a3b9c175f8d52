import { describe, expect, it } from "vitest";
import { lcRuntime } from "./harness.js";

describe("librecode.ui helpers", () => {
  it("pins the original's viewport, virtual_list, truncate and pad_right examples", () => {
    const { run } = lcRuntime();
    const [vp, vl, tr, pr] = run(`return lc.ui.viewport({"one","two","three","four"}, 2, 1),
      lc.ui.virtual_list({{height=2},{height=3},{height=1}}, 3, 1), lc.ui.truncate("abcdef", 4), lc.ui.pad_right("語", 4)`);
    expect(vp).toEqual({ lines: ["two", "three"], start: 1, end: 3, offset: 1, max_offset: 2, total: 4 });
    expect((vl as { items: { lua_index: number; row_offset: number }[] }).items[0]).toMatchObject({ lua_index: 2, row_offset: 0 });
    expect(vl).toMatchObject({ max_offset: 3, offset: 1 });
    expect([tr, pr]).toEqual(["abc…", "語  "]);
  });

  it("measures and wraps in cells", () => {
    const { run } = lcRuntime();
    expect(run(`return lc.ui.measure("a語"), lc.ui.wrap("one two three", 7)`)).toEqual([3, ["one two", "three"]]);
  });

  it("clamps viewport offsets and handles empty input", () => {
    const { run } = lcRuntime();
    const [a, b] = run(`return lc.ui.viewport({"a","b","c"}, 2, 99), lc.ui.viewport({}, 3)`);
    expect(a).toEqual({ lines: ["a", "b"], start: 0, end: 2, offset: 1, max_offset: 1, total: 3 });
    expect(b).toMatchObject({ start: 0, end: 0, offset: 0, max_offset: 0, total: 0 });
  });

  it("lists theme tokens", () => {
    const { run } = lcRuntime();
    expect(run(`local t = lc.ui.theme_tokens() return #t, t[1], t[2], t[23]`)).toEqual([41, "text", "accent", "mdHeading"]);
  });

  it("accepts every token the theme defines, markdown and syntax ones included", () => {
    const { run, rt } = lcRuntime();
    run(`lc.ui.draw_text("status", 0, 0, "#", {fg = "mdHeading", bg = "codeBg"}) lc.ui.draw_text("status", 0, 1, "k", {fg = "syntaxKeyword"})`);
    expect(rt.draw.ops("status").map((o) => o.kind === "text" ? o.style : undefined)).toEqual([{ fg: "mdHeading", bg: "codeBg" }, { fg: "syntaxKeyword" }]);
  });

  it("checks helper arguments", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.ui.truncate, "abc", "4"))`)).toEqual(["ui.truncate: argument 2 'width': expected integer, got string"]);
    expect(run(`return select(2, pcall(lc.ui.viewport, "abc", 2))`)).toEqual(["ui.viewport: argument 1 'lines': expected table, got string"]);
  });
});

describe("librecode.ui draw operations", () => {
  it("queues window-relative operations in the DrawStore", () => {
    const { run, rt } = lcRuntime();
    run(`
      lc.ui.draw_text("status", 0, 2, "hi", {fg = "accent", bold = true})
      lc.ui.draw_lines("status", 1, 0, {"a", "b"})
      lc.ui.draw_spans("status", 0, 0, {{text = "x", fg = "#ff0000"}, {text = "y"}})
      lc.ui.clear_region("status", 0, 0, 1, 3, {bg = "selectedBg"})
      lc.ui.draw_box("status", {fg = "border"})
      lc.ui.set_cursor("status", 0, 4)`);
    expect(rt.draw.ops("status")).toEqual([
      { kind: "text", window: "status", row: 0, col: 2, text: "hi", style: { fg: "accent", bold: true }, owner: "ext" },
      { kind: "text", window: "status", row: 1, col: 0, text: "a", style: undefined, owner: "ext" },
      { kind: "text", window: "status", row: 2, col: 0, text: "b", style: undefined, owner: "ext" },
      { kind: "spans", window: "status", row: 0, col: 0, spans: [{ text: "x", style: { fg: "#ff0000" } }, { text: "y", style: undefined }], owner: "ext" },
      { kind: "clear_region", window: "status", row: 0, col: 0, height: 1, width: 3, style: { bg: "selectedBg" }, owner: "ext" },
      { kind: "box", window: "status", style: { fg: "border" }, owner: "ext" },
      { kind: "cursor", window: "status", row: 0, col: 4, owner: "ext" },
    ]);
  });

  it("clear_window drops what the window had; draw_batch queues several at once", () => {
    const { run, rt } = lcRuntime();
    run(`
      lc.ui.draw_text("status", 0, 0, "old")
      lc.ui.clear_window("status")
      lc.ui.draw_batch({{op = "draw_text", window = "status", row = 0, col = 1, text = "new"}, {op = "set_cursor", window = "status", row = 0, col = 4}})`);
    expect(rt.draw.ops("status")).toEqual([
      { kind: "clear_window", window: "status", owner: "ext" },
      { kind: "text", window: "status", row: 0, col: 1, text: "new", style: undefined, owner: "ext" },
      { kind: "cursor", window: "status", row: 0, col: 4, owner: "ext" },
    ]);
  });

  it("drops the draw operations of a failing callback", () => {
    const { run, rt } = lcRuntime();
    expect(() => run(`lc.ui.draw_text("status", 0, 0, "x") error("no")`)).toThrow("eval.lua:1: no");
    expect(rt.draw.ops("status")).toEqual([]);
  });

  it("checks styles and ops", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.ui.draw_text, "status", 0, 0, "x", {fg = "pink"}))`)).toEqual([
      `ui.draw_text: argument 5 'style'.fg: expected a theme token or #rrggbb, got "pink"`,
    ]);
    expect(run(`return select(2, pcall(lc.ui.draw_text, "status", 0, 0, "x", {fg = {}}))`)).toEqual([
      `ui.draw_text: argument 5 'style'.fg: expected a theme token or #rrggbb, got a table`,
    ]);
    expect(run(`return select(2, pcall(lc.ui.draw_batch, {{op = "paint", window = "status"}}))`)).toEqual([
      `ui.draw_batch: argument 1 'ops'[1].op: expected clear_window, clear_region, draw_text, draw_lines, draw_spans, draw_box or set_cursor, got "paint"`,
    ]);
    expect(run(`return select(2, pcall(lc.ui.draw_text, "status", "0", 0, "x"))`)).toEqual(["ui.draw_text: argument 2 'row': expected integer, got string"]);
  });

  it("names Lua types, not JS ones, in op errors", () => {
    const { run } = lcRuntime();
    expect(run(`return select(2, pcall(lc.ui.draw_batch, {{op = "text", row = 0, col = 0, text = "x"}}))`)).toEqual([
      "ui.draw_batch: argument 1 'ops'[1].window: expected string, got nil",
    ]);
    expect(run(`return select(2, pcall(lc.ui.draw_batch, {{op = "text", window = {}, row = 0, col = 0, text = "x"}}))`)).toEqual([
      "ui.draw_batch: argument 1 'ops'[1].window: expected string, got table",
    ]);
  });
});
