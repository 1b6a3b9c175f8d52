import { describe, expect, it } from "vitest";
import { SIGNATURES } from "../../lua/api-signatures.js";
import { lualsStubs, moduleFunctionPaths, signatureOf } from "../../lua/luals-stubs.js";
import { lcRuntime } from "./harness.js";

describe("types/librecode.lua (LuaLS stubs)", () => {
  it("has a signature for every function of the module", () => {
    expect(moduleFunctionPaths().filter((p) => signatureOf(p) === undefined)).toEqual([]);
  });

  it("has no signature for a function the module does not define", () => {
    const paths = new Set(moduleFunctionPaths());
    expect(Object.keys(SIGNATURES).filter((p) => !paths.has(p))).toEqual([]);
  });

  it("annotates one function per module function, in the module's order", () => {
    const names = [...lualsStubs().matchAll(/^function librecode\.([a-z_.]+)\(/gm)].map((m) => m[1]);
    expect(names).toEqual(moduleFunctionPaths());
  });

  it("writes params, return and doc for each, aliases sharing their target's", () => {
    const text = lualsStubs(["buf.insert", "api.nvim_del_autocmd", "log"]);
    expect(text.slice(text.indexOf("---Inserts")).split("\n")).toEqual([
      "---Inserts s at pos; the cursor goes after it.",
      "---@param name string",
      "---@param pos integer",
      "---@param s string",
      "function librecode.buf.insert(name, pos, s) end",
      "",
      "---Removes a registration made by on/create_autocmd; whether the id was live.",
      "---@param id integer",
      "---@return boolean",
      "function librecode.api.nvim_del_autocmd(id) end",
      "",
      "---Records a message in the extension's log (print is the same function).",
      "---@param ... any",
      "function librecode.log(...) end",
      "",
      "return librecode",
      "",
    ]);
  });

  it("is a Lua chunk that runs and returns a table with every group", () => {
    const { run } = lcRuntime();
    const [groups] = run(`
      local f = assert(load(${JSON.stringify(lualsStubs())}))
      local t = f()
      local out = {}
      for k, v in pairs(t) do if type(v) == "table" then out[#out + 1] = k end end
      table.sort(out)
      return out`);
    expect(groups).toEqual(["action", "agent", "api", "autocmd", "buf", "command", "event", "extension", "job", "keymap", "layout", "model", "session", "store", "timer", "tools", "ui", "win"]);
  });
});
