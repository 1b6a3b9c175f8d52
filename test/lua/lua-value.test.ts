import { describe, expect, it } from "vitest";
import fengari from "fengari";
import { createLuaState } from "../../lua/lua-state.js";
import { callLua, loadChunk } from "../../lua/lua-call.js";
import { lazyTable, luaString } from "../../lua/lua-value.js";
import { runLua } from "./run-lua.js";
import { lcRuntime } from "./harness.js";

const { lua } = fengari;

describe("JS <-> Lua values", () => {
  it("keeps host integers as Lua integers", () => {
    const { rt, run } = lcRuntime();
    let seen = "";
    rt.events.on("resize", (ev) => {
      seen = String(ev.data.seen ?? "");
    });
    run(`lc.on("resize", function(ev) lc.buf.set_text("status", "resized " .. ev.data.width .. "x" .. ev.data.height) end)`);
    rt.resize(80, 24);
    expect(rt.buffers.getText("status")).toBe("resized 80x24");
    expect(seen).toBe("");
  });

  it("passes arrays as 1-based sequences and reads sequences back as arrays", () => {
    const L = createLuaState(process.cwd());
    const out = callLua(L, () => loadChunk(L, "local t = ... return #t, t[1], t[3], math.type(t[2]), {10, 20}, {a = 1, [2] = 'x'}", "v.lua"), [["a", 2, "c"]]);
    expect(out).toEqual([3, "a", "c", "integer", [10, 20], { a: 1, "2": "x" }]);
  });

  it("turns a JS exception thrown by a host function into an ordinary Lua error", () => {
    const L = createLuaState(process.cwd());
    lua.lua_pushcfunction(L, () => {
      throw new Error("host exploded");
    });
    lua.lua_setglobal(L, luaString("explode"));
    expect(callLua(L, () => loadChunk(L, "return pcall(explode)", "x.lua"), [])).toEqual([false, "host exploded"]);
    expect(() => callLua(L, () => loadChunk(L, "explode()", "y.lua"), [])).toThrow("host exploded");
  });

  it("passes host numbers outside 32 bits as floats with their exact value, never wrapped", () => {
    const L = createLuaState(process.cwd());
    const ms = 1733312345678;
    const out = callLua(L, () => loadChunk(L, `
      local ms, big, neg, edge, low = ...
      return math.type(ms), ms, ms + 1, math.type(big), big, neg, math.type(edge), edge, math.type(low), low`, "n.lua"),
      [ms, 2 ** 31, -(2 ** 31) - 1, 2 ** 31 - 1, -(2 ** 31)]);
    expect(out).toEqual(["float", ms, ms + 1, "float", 2 ** 31, -(2 ** 31) - 1, "integer", 2 ** 31 - 1, "integer", -(2 ** 31)]);
  });

  it("hands a block's millisecond created_at to Lua as a float of the same instant", () => {
    const { rt, run } = lcRuntime();
    rt.buffers.appendBlock("transcript", { kind: "message", role: "user", text: "hi", created_at: 1733312345678 });
    run(`local b = lc.buf.get_blocks("transcript")[1]
      lc.buf.set_text("status", math.type(b.created_at) .. " " .. string.format("%.0f", b.created_at))`);
    expect(rt.buffers.getText("status")).toBe("float 1733312345678");
  });

  it("reads floats as numbers and integers as integers", () => {
    expect(runLua("return 3, 3.5, 2^53, 7 // 2")).toEqual([3, 3.5, 2 ** 53, 3]);
  });

  it("builds a lazy table field by field, caching each and listing all under pairs", () => {
    const L = createLuaState(process.cwd());
    let calls = 0;
    const t = lazyTable({ name: "key" }, { heavy: () => (calls++, { n: 1 }), other: () => "o" });
    const out = callLua(L, () => loadChunk(L, `
      local t = ...
      local before = rawget(t, "heavy") == nil
      local a = t.heavy.n
      local b = t.heavy.n
      local keys = {}
      for k in pairs(t) do keys[#keys + 1] = k end
      table.sort(keys)
      return before, a + b, table.concat(keys, ",")`, "lazy.lua"), [t]);
    expect(out).toEqual([true, 2, "heavy,name,other"]);
    expect(calls).toBe(1);
    expect(lua.lua_gettop(L)).toBe(0);
  });
});
