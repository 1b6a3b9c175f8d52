import { createLuaState } from "../../lua/lua-state.js";
import { callLua, loadChunk } from "../../lua/lua-call.js";

/** Runs a chunk in a fresh state rooted at `root` and returns its results as JS values. */
export function runLua(source: string, root = process.cwd()): unknown[] {
  const L = createLuaState(root);
  return callLua(L, () => loadChunk(L, source, "test.lua"), [], { emptyTable: "array" });
}
