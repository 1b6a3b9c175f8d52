import { describe, expect, it } from "vitest";
import { lcRuntime } from "./harness.js";

const err = (code: string) => `local ok, e = pcall(function() ${code} end) return e`;
const setup = `local ns = lc.api.create_namespace("t"); lc.buf.set_text("b", "hello world\\nsecond line")`;

describe("librecode.buf extmarks", () => {
  it("set_extmark returns ids per namespace and get_extmark reads the position back", () => {
    const { run } = lcRuntime();
    expect(run(`${setup}
      local a = lc.buf.set_extmark("b", ns, 0, 6, {})
      local b = lc.buf.set_extmark("b", ns, 1, 0)
      return a, b, lc.buf.get_extmark("b", ns, b)`)).toEqual([1, 2, [1, 0]]);
  });

  it("marks move when the text is edited through buf.*", () => {
    const { run } = lcRuntime();
    expect(run(`${setup}
      local id = lc.buf.set_extmark("b", ns, 0, 6, { end_col = 11 })
      lc.buf.insert("b", 0, "oh, ")
      return lc.buf.get_extmark("b", ns, id, { details = true })`)).toEqual([[0, 10, {
      ns: 1, id: 1, line: 0, col: 10, end_line: 0, end_col: 15, priority: 4096, right_gravity: true, end_right_gravity: false,
    }]]);
  });

  it("get_extmarks lists marks in order between two positions, with details on request", () => {
    const { run } = lcRuntime();
    expect(run(`${setup}
      lc.buf.set_extmark("b", ns, 1, 2, { virt_text = { { "!", "error" } } })
      lc.buf.set_extmark("b", ns, 0, 1, { hl = "warning", end_col = 4 })
      return lc.buf.get_extmarks("b", ns, 0, -1), lc.buf.get_extmarks("b", -1, {1, 0}, {1, 5}, { details = true })`)).toEqual([
      [[2, 0, 1], [1, 1, 2]],
      [[1, 1, 2, { ns: 1, id: 1, line: 1, col: 2, virt_text: [["!", { fg: "error" }]], virt_text_pos: "eol", priority: 4096, right_gravity: true }]],
    ]);
  });

  it("get_extmarks takes mark ids as bounds and walks backwards when start is after end", () => {
    const { run } = lcRuntime();
    expect(run(`${setup}
      local a = lc.buf.set_extmark("b", ns, 0, 0)
      local b = lc.buf.set_extmark("b", ns, 0, 5)
      local c = lc.buf.set_extmark("b", ns, 1, 3)
      local out = {}
      for _, m in ipairs(lc.buf.get_extmarks("b", ns, c, a)) do out[#out + 1] = m[1] end
      return out`)).toEqual([[3, 2, 1]]);
  });

  it("del_extmark and clear_namespace remove marks, clear by line range", () => {
    const { run } = lcRuntime();
    expect(run(`${setup}
      local other = lc.api.create_namespace("other")
      local a = lc.buf.set_extmark("b", ns, 0, 0)
      lc.buf.set_extmark("b", ns, 1, 0)
      lc.buf.set_extmark("b", other, 1, 1)
      local gone = lc.buf.del_extmark("b", ns, a)
      local again = lc.buf.del_extmark("b", ns, a)
      lc.buf.clear_namespace("b", ns, 1, 2)
      return gone, again, #lc.buf.get_extmarks("b", ns, 0, -1), #lc.buf.get_extmarks("b", -1, 0, -1)`)).toEqual([true, false, 0, 1]);
  });

  it("add_highlight is a one-line range mark; col_end -1 is the end of the line", () => {
    const { run } = lcRuntime();
    expect(run(`${setup}
      local id = lc.buf.add_highlight("b", ns, { underline = true, fg = "error" }, 1, 7, -1)
      local d = lc.buf.get_extmark("b", ns, id, { details = true })[3]
      return d.col, d.end_col, d.hl.underline, d.hl.fg`)).toEqual([7, 11, true, "error"]);
  });

  it("the nvim_buf_* aliases work the same, 0 meaning the focused window's buffer", () => {
    const { run } = lcRuntime();
    expect(run(`local ns = lc.api.create_namespace("x")
      lc.buf.set_text("composer", "abc")
      local id = lc.api.nvim_buf_set_extmark(0, ns, 0, 1, { hl_group = "accent", end_col = 2 })
      return lc.api.nvim_buf_get_extmarks("composer", ns, 0, -1), lc.api.nvim_buf_get_extmark_by_id(0, ns, id)`)).toEqual([[[1, 0, 1]], [0, 1]]);
  });

  it("a mark set by a handler that then fails is rolled back with its edits", () => {
    const { run, rt } = lcRuntime();
    run(`${setup}
      lc.buf.set_extmark("b", ns, 0, 0)
      lc.on("key", function()
        lc.buf.insert("b", 0, "xx")
        lc.buf.set_extmark("b", ns, 0, 1)
        error("boom")
      end)`);
    rt.dispatchKey({ key: "a", text: "a", ctrl: false, alt: false, shift: false });
    expect(run(`return lc.buf.get_text("b"), lc.buf.get_extmarks("b", -1, 0, -1)`)).toEqual(["hello world\nsecond line", [[1, 0, 0]]]);
  });

  it("rejects bad arguments with one line naming the argument or field", () => {
    const { run } = lcRuntime();
    const cases: [string, string][] = [
      [`lc.buf.set_extmark("b", ns, 0, 20)`, "buf.set_extmark: argument 4 'col': expected a column in 0..11 of line 0, got 20"],
      [`lc.buf.set_extmark("b", ns, 5, 0)`, "buf.set_extmark: argument 3 'line': expected a line in 0..1, got 5"],
      [`lc.buf.set_extmark("b", 9, 0, 0)`, "buf.set_extmark: argument 2 'ns': expected a namespace id from api.create_namespace, got 9"],
      [`lc.buf.set_extmark("nope", ns, 0, 0)`, `buf.set_extmark: argument 1 'buf': expected an existing buffer, got "nope"`],
      [`lc.buf.set_extmark(true, ns, 0, 0)`, "buf.set_extmark: argument 1 'buf': expected a buffer name or 0, got boolean"],
      [`lc.buf.set_extmark("b", ns, 0, 0, { hll = "x" })`, "buf.set_extmark: opts.hll: unknown key"],
      [`lc.buf.set_extmark("b", ns, 0, 0, { hl = "nope" })`, `buf.set_extmark: opts.hl: expected a theme token, #rrggbb or a style table, got "nope"`],
      [`lc.buf.set_extmark("b", ns, 0, 0, { end_line = "1" })`, "buf.set_extmark: opts.end_line: expected integer, got string"],
      [`lc.buf.set_extmark("b", ns, 0, 5, { end_col = 2 })`, "buf.set_extmark: opts.end_line: expected an end at or after the start (0, 5), got (0, 2)"],
      [`lc.buf.set_extmark("b", ns, 0, 0, { virt_text_pos = "left" })`, `buf.set_extmark: opts.virt_text_pos: expected "eol", "overlay", "right_align" or "inline", got "left"`],
      [`lc.buf.set_extmark("b", ns, 0, 0, { virt_text = { "x" } })`, "buf.set_extmark: opts.virt_text[1]: expected a {text, style} chunk, got string"],
      [`lc.buf.set_extmark("b", ns, 0, 0, { sign_text = "abc" })`, `buf.set_extmark: opts.sign_text: expected a string 1 or 2 cells wide, got "abc"`],
      [`lc.buf.set_extmark("b", ns, 0, 0, { block = "b9" })`, `buf.set_extmark: opts.block: expected a block id of buffer "b", got "b9"`],
      [`lc.buf.get_extmarks("b", ns, 42, -1)`, "buf.get_extmarks: argument 3 'start': expected {line, col}, 0, -1 or a mark id of namespace 1, got 42"],
      [`lc.buf.get_extmarks("b", ns, 0, -1, { detail = true })`, "buf.get_extmarks: opts.detail: unknown key"],
      [`lc.api.nvim_buf_add_highlight("b", ns, "error", 0, 4, 2)`, "api.nvim_buf_add_highlight: argument 6 'col_end': expected a column at or after col_start (4) or -1, got 2"],
    ];
    for (const [code, message] of cases) expect(run(`${setup} ${err(code)}`)).toEqual([message]);
  });
});
