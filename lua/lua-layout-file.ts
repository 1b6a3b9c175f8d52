// `.lua` layout files: run in a fresh state, the returned table handed to engine/layout-file.
import fs from "node:fs";
import path from "node:path";
import { registerLayoutFileLoader } from "../engine/kernel/layout-file.js";
import { InstructionBudget } from "./instruction-budget.js";
import { callLua, loadChunk } from "./lua-call.js";
import { createLuaState } from "./lua-state.js";
import { luaTypeOf } from "./lua-value.js";

/** Runs a `.lua` layout file in a fresh state and returns the table it returns (not yet validated). */
export function loadLuaLayoutFile(file: string): unknown {
  const L = createLuaState(path.dirname(file));
  const budget = new InstructionBudget(L);
  const source = fs.readFileSync(file, "utf8");
  const [table] = budget.run(() => callLua(L, () => loadChunk(L, source, path.basename(file)), []));
  if (table === null || typeof table !== "object") throw new Error(`${file}: expected the file to return a layout table, got ${luaTypeOf(table)}`);
  return table;
}

/** Lets `--layout FILE.lua` and config `layout: file` read Lua layout files. */
export function registerLuaLayoutLoader(): void {
  registerLayoutFileLoader(".lua", loadLuaLayoutFile);
}
