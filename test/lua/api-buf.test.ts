import { describe, expect, it } from "vitest";
import { lcRuntime } from "./harness.js";

const err = (code: string) => `local ok, e = pcall(function() ${code} end) return e`;

describe("librecode.buf", () => {
  it("pins the original's insert/replace/delete_range example", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "1234")
      lc.buf.insert("b", 0, "A")
      lc.buf.replace("b", 1, 3, "BC")
      lc.buf.delete_range("b", 3, 4)
      return lc.buf.get_text("b")`)).toEqual(["ABC4"]);
  });

  it("pins the original's set_lines example", () => {
    const { run } = lcRuntime();
    expect(run(`lc.buf.set_text("b", "a\\nb\\nc"); lc.buf.set_lines("b", 1, 2, {"B", "BB"}); return lc.buf.get_text("b")`)).toEqual(["a\nB\nBB\nc"]);
  });

  it("get returns the whole buffer, chars as one-code-point strings", () => {
    const { run } = lcRuntime();
    const [b] = run(`lc.buf.set("b", {text = "añ語", label = "L", metadata = {k = 1}}); lc.buf.set_cursor("b", 1); return lc.buf.get("b")`);
    expect(b).toEqual({ name: "b", text: "añ語", chars: ["a", "ñ", "語"], cursor: 1, label: "L", metadata: { k: 1 }, blocks: {} });
  });

  it("get of an unknown name is an empty buffer, never nil", () => {
    const { run, rt } = lcRuntime();
    expect(run(`local b = lc.buf.get("nope"); return b.name, b.text, #b.chars, b.cursor, #b.blocks`)).toEqual(["nope", "", 0, 0, 0]);
    expect(rt.buffers.has("nope")).toBe(false);
  });

  it("set: chars win over text, cursor defaults to the end, missing fields reset", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set("b", {text = "x", label = "old", metadata = {a = 1}, blocks = {{kind = "note", text = "n"}}})
      lc.buf.set("b", {text = "ignored", chars = {"h", "i"}})
      local b = lc.buf.get("b")
      return b.text, b.cursor, b.label, next(b.metadata), #b.blocks`)).toEqual(["hi", 2, "", undefined, 0]);
  });

  it("set with a string sets the text", () => {
    const { run } = lcRuntime();
    expect(run(`lc.buf.set("b", "hello"); return lc.buf.get_text("b"), lc.buf.get_cursor("b")`)).toEqual(["hello", 5]);
  });

  it("list, create and delete", () => {
    const { run } = lcRuntime();
    expect(run(`
      local made = lc.buf.create("notes", {text = "n"})
      local l1 = table.concat(lc.buf.list(), ",")
      local gone, again = lc.buf.delete("notes"), lc.buf.delete("notes")
      return made.text, l1, gone, again, table.concat(lc.buf.list(), ",")`)).toEqual([
      "n", "composer,notes,status,thinking,tools,transcript", true, false, "composer,status,thinking,tools,transcript",
    ]);
  });

  it("set_text and append of text move the cursor to the end; insert leaves it after the text", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "abc"); local c1 = lc.buf.get_cursor("b")
      lc.buf.set_cursor("b", 0); lc.buf.append("b", "de"); local c2 = lc.buf.get_cursor("b")
      lc.buf.insert("b", 1, "XY"); local c3 = lc.buf.get_cursor("b")
      lc.buf.append("b", 7)
      lc.buf.append("b", {text = "!"})
      return c1, c2, c3, lc.buf.get_text("b"), #lc.buf.get_blocks("b")`)).toEqual([3, 5, 3, "aXYbcde7!", 0]);
  });

  it("delete_range leaves the cursor at start, replace after the new text", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "0123456789")
      lc.buf.delete_range("b", 2, 5); local c1 = lc.buf.get_cursor("b")
      lc.buf.replace("b", 0, 1, "ABC"); local c2 = lc.buf.get_cursor("b")
      return lc.buf.get_text("b"), c1, c2`)).toEqual(["ABC156789", 2, 3]);
  });

  it("clamps out-of-range offsets", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "abc")
      lc.buf.insert("b", 99, "Z"); lc.buf.insert("b", -5, "A")
      lc.buf.set_cursor("b", 100); local c = lc.buf.get_cursor("b")
      lc.buf.delete_range("b", 4, 1000)
      return lc.buf.get_text("b"), c`)).toEqual(["Aabc", 5]);
  });

  it("swaps inverted ranges and ignores empty ones", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "abcdef")
      lc.buf.delete_range("b", 4, 2)
      local t1 = lc.buf.get_text("b")
      lc.buf.delete_range("b", 1, 1)
      lc.buf.replace("b", 3, 1, "-")
      return t1, lc.buf.get_text("b")`)).toEqual(["abef", "a-f"]);
  });

  it("counts offsets in code points, not UTF-16 units", () => {
    const { run } = lcRuntime();
    expect(run(`lc.buf.set_text("b", "😀x"); lc.buf.insert("b", 1, "|"); return lc.buf.get_text("b"), lc.buf.get_cursor("b")`)).toEqual(["😀|x", 2]);
  });

  it("get_lines with defaults, ranges and end -1", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.buf.set_text("b", "a\\nb\\nc\\nd")
      return table.concat(lc.buf.get_lines("b"), ","), table.concat(lc.buf.get_lines("b", 1), ","),
        table.concat(lc.buf.get_lines("b", 1, 3), ","), table.concat(lc.buf.get_lines("b", 2, -1), ","),
        #lc.buf.get_lines("b", 3, 1), #lc.buf.get_lines("b", 9, 12)`)).toEqual(["a,b,c,d", "b,c,d", "b,c", "c,d", 2, 0]);
  });

  it("append of a block table adds a block; get/set/delete_blocks renumber", () => {
    const { run } = lcRuntime();
    const out = run(`
      lc.buf.append("t", {kind = "message", role = "user", text = "hi"})
      lc.buf.append("t", {kind = "message", role = "assistant", text = "yo", id = "b2"})
      lc.buf.set_blocks("t", 0, 1, {{kind = "note", text = "n1"}, {kind = "note", text = "n2"}})
      local all = lc.buf.get_blocks("t")
      local idx = {}
      for i, b in ipairs(all) do idx[i] = b.index .. ":" .. b.text end
      local tail = lc.buf.get_blocks("t", 1, -1)
      lc.buf.delete_blocks("t", 2, 0)
      local left = lc.buf.get_blocks("t")
      return table.concat(idx, ","), #tail, tail[1].text, #left, left[1].index, left[1].text, all[3].id, all[3].role, lc.buf.get_text("t")`);
    expect(out).toEqual(["0:n1,1:n2,2:yo", 2, "n2", 1, 0, "yo", "b2", "assistant", ""]);
  });

  it("a block has id, kind, role, text, index, created_at, streaming and metadata", () => {
    const { run } = lcRuntime();
    const [b] = run(`lc.buf.append("t", {kind = "note", text = "x", metadata = {a = "b"}}); return lc.buf.get_blocks("t")[1]`);
    expect(Object.keys(b as object).sort()).toEqual(["created_at", "id", "index", "kind", "metadata", "role", "streaming", "text"]);
  });

  it("clear empties text, cursor and blocks", () => {
    const { run } = lcRuntime();
    expect(run(`lc.buf.set_text("b", "x"); lc.buf.append("b", {kind = "k"}); lc.buf.clear("b"); local b = lc.buf.get("b"); return b.text, b.cursor, #b.blocks`)).toEqual(["", 0, 0]);
  });

  it("get_var and set_var keep Lua values", () => {
    const { run } = lcRuntime();
    expect(run(`lc.buf.set_var("b", "k", {1, 2}); lc.buf.set_var("b", "n", 3); local v = lc.buf.get_var("b", "k"); return #v, lc.buf.get_var("b", "n"), lc.buf.get_var("b", "none")`)).toEqual([2, 3, undefined]);
  });

  it("names the function, argument and expectation on a bad argument", () => {
    const { run } = lcRuntime();
    expect(run(err(`lc.buf.insert("composer", "x", "y")`))).toEqual(["buf.insert: argument 2 'pos': expected integer, got string"]);
    expect(run(err(`lc.buf.get(nil)`))).toEqual(["buf.get: argument 1 'name': expected string, got nil"]);
    expect(run(err(`lc.buf.set_lines("b", 0, 1, "x")`))).toEqual(["buf.set_lines: argument 4 'lines': expected table, got string"]);
    expect(run(err(`lc.buf.set_lines("b", 0, 1, {1, {}})`))).toEqual(["buf.set_lines: argument 4 'lines': expected a list of strings, got table"]);
    expect(run(err(`lc.buf.delete_range("b", 0, 0 / 0)`))).toEqual(["buf.delete_range: argument 3 'end': expected integer, got number"]);
    expect(run(err(`lc.buf.set("b", 5)`))).toEqual(["buf.set: argument 2 't': expected table or string, got number"]);
    expect(run(err(`lc.buf.get_var("b", {})`))).toEqual(["buf.get_var: argument 2 'key': expected string, got table"]);
  });
});
