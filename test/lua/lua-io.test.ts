import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runLua } from "./run-lua.js";
import { tempDir } from "../support/temp-tree.js";

let dir: string;
beforeEach(() => {
  dir = tempDir("lc-io-");
});

const q = (s: string) => JSON.stringify(s);

describe("io", () => {
  it("writes with chained write and reads the lines back", () => {
    const file = path.join(dir, "a.txt");
    const [lines] = runLua(`
      local f = assert(io.open(${q(file)}, "w"))
      assert(f:write("one\\n", 2, "\\n"):write("three\\n") == f)
      f:close()
      local out = {}
      for l in io.lines(${q(file)}) do out[#out + 1] = l end
      return out`);
    expect(lines).toEqual(["one", "2", "three"]);
    expect(fs.readFileSync(file, "utf8")).toBe("one\n2\nthree\n");
  });

  it("reads numbers, counts, the rest and keeps newlines with L", () => {
    const file = path.join(dir, "n.txt");
    fs.writeFileSync(file, "  42 3.5 0x10\nrest\nof it");
    const out = runLua(`
      local f = io.open(${q(file)})
      local a, b, c = f:read("n", "*n", "n")
      local nl = f:read("L")
      local two = f:read(2)
      local all = f:read("a")
      local eof_all, eof_line = f:read("a"), f:read("l")
      f:close()
      return math.type(a), a, b, c, nl, two, all, eof_all, eof_line == nil`);
    expect(out).toEqual(["integer", 42, 3.5, 16, "\n", "re", "st\nof it", "", true]);
  });

  it("seeks from set, cur and end and overwrites in r+ mode", () => {
    const file = path.join(dir, "s.txt");
    fs.writeFileSync(file, "0123456789");
    const out = runLua(`
      local f = io.open(${q(file)}, "r+")
      local first = f:read(3)
      local cur = f:seek()
      local endpos = f:seek("end")
      f:seek("set", 2)
      f:write("AB")
      local back = f:seek("cur", -4)
      local all = f:read("a")
      f:close()
      return first, cur, endpos, back, all`);
    expect(out).toEqual(["012", 3, 10, 0, "01AB456789"]);
  });

  it("passes formats to io.lines and file:lines, and closes io.lines' file at the end", () => {
    const file = path.join(dir, "f.txt");
    fs.writeFileSync(file, "1 2\n3 4\n");
    expect(runLua(`
      local sums = {}
      for a, b in io.lines(${q(file)}, "n", "n") do sums[#sums + 1] = a + b end
      local f = io.open(${q(file)})
      local chunks = {}
      for c in f:lines(4) do chunks[#chunks + 1] = c end
      local t = io.type(f)
      f:close()
      return sums, chunks, t`)).toEqual([[3, 7], ["1 2\n", "3 4\n"], "file"]);
  });

  it("appends in a mode", () => {
    const file = path.join(dir, "ap.txt");
    fs.writeFileSync(file, "x");
    runLua(`local f = io.open(${q(file)}, "a"); f:write("y"); f:close()`);
    expect(fs.readFileSync(file, "utf8")).toBe("xy");
  });

  it("returns nil, message, errno for a missing file", () => {
    const file = path.join(dir, "missing.txt");
    expect(runLua(`return io.open(${q(file)})`)).toEqual([undefined, `${file}: No such file or directory`, 2]);
  });

  it("raises for io.lines on a missing file and for a bad mode", () => {
    const file = path.join(dir, "missing.txt");
    expect(runLua(`return pcall(io.lines, ${q(file)})`)).toEqual([false, `${file}: No such file or directory`]);
    expect(runLua(`return pcall(io.open, "x", "rw")`)).toEqual([false, "bad argument #2 to 'io.open' (invalid mode)"]);
  });

  it("raises Lua's message when io.input cannot open its file", () => {
    const file = path.join(dir, "none.txt");
    expect(runLua(`return pcall(io.input, ${q(file)})`)).toEqual([false, `${file}: No such file or directory`]);
  });

  it("knows open, closed and non-file values with io.type", () => {
    const file = path.join(dir, "t.txt");
    expect(runLua(`local f = io.open(${q(file)}, "w"); local a = io.type(f); f:close(); return a, io.type(f), io.type(42), tostring(f)`)).toEqual([
      "file",
      "closed file",
      undefined,
      "file (closed)",
    ]);
  });

  it("reads a command's output with popen and reports its exit status", () => {
    expect(runLua(`local p = io.popen("printf 'a\\\\nb\\\\n'; exit 3"); local l = {}; for x in p:lines() do l[#l+1] = x end; return l, p:close()`)).toEqual([
      ["a", "b"],
      undefined,
      "exit",
      3,
    ]);
  });

  it("feeds a command with popen in w mode", () => {
    const file = path.join(dir, "p.txt");
    expect(runLua(`local p = io.popen("cat > ${file}", "w"); p:write("piped"); return p:close()`)).toEqual([true, "exit", 0]);
    expect(fs.readFileSync(file, "utf8")).toBe("piped");
  });

  it("redirects io.write and io.read through io.output and io.input", () => {
    const file = path.join(dir, "d.txt");
    expect(runLua(`io.output(${q(file)}); io.write("hi ", 5); io.close(); io.input(${q(file)}); return io.read("a")`)).toEqual(["hi 5"]);
  });
});

describe("os", () => {
  it("executes, renames, removes and names temp files", () => {
    const a = path.join(dir, "a");
    const b = path.join(dir, "b");
    fs.writeFileSync(a, "");
    expect(runLua(`
      local ok, how, code = os.execute("exit 4")
      assert(os.rename(${q(a)}, ${q(b)}))
      local removed = os.remove(${q(b)})
      local gone, msg = os.remove(${q(b)})
      return ok, how, code, removed, gone, msg, type(os.tmpname()), math.type(os.time()), type(os.clock()), os.date("!%Y", 0), os.getenv("HOME") ~= nil`)).toEqual([
      undefined, "exit", 4, true, undefined, `${b}: No such file or directory`, "string", "integer", "number", "1970", true,
    ]);
  });
});
