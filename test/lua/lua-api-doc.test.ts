import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { lcRuntime } from "./harness.js";

/** Every function reachable from the `librecode` table, as dotted paths. */
function exposedFunctions(): string[] {
  const { run } = lcRuntime();
  const [list] = run(`
    local out = {}
    local function walk(t, prefix)
      for k, v in pairs(t) do
        if type(v) == "function" then out[#out + 1] = prefix .. k
        elseif type(v) == "table" then walk(v, prefix .. k .. ".") end
      end
    end
    walk(require("librecode"), "librecode.")
    table.sort(out)
    return out`);
  return list as string[];
}

function documentedFunctions(): string[] {
  const doc = fs.readFileSync("docs/lua-api.md", "utf8");
  const names = new Set<string>();
  for (const m of doc.matchAll(/`(librecode(?:\.[a-z_]+)+)\(/g)) names.add(m[1]!);
  return [...names].sort();
}

describe("docs/lua-api.md", () => {
  it("documents every function the module exposes, and nothing else", () => {
    expect(documentedFunctions()).toEqual(exposedFunctions());
  });

  it("exposes the contract's names and aliases", () => {
    expect(exposedFunctions()).toEqual(expect.arrayContaining([
      "librecode.on", "librecode.event.consume", "librecode.event.stop", "librecode.api.create_autocmd",
      "librecode.api.nvim_create_autocmd", "librecode.autocmd.create", "librecode.api.create_user_command",
      "librecode.api.nvim_create_user_command", "librecode.command.create", "librecode.register_command",
      "librecode.register_tool", "librecode.api.create_namespace", "librecode.timer.defer", "librecode.timer.interval",
      "librecode.timer.stop", "librecode.action.run", "librecode.log", "librecode.keymap.set", "librecode.keymap.del",
      "librecode.layout.get", "librecode.layout.set",
      ...["list", "create", "set", "delete", "get", "get_text", "set_text", "get_cursor", "set_cursor", "insert", "delete_range",
        "replace", "get_lines", "set_lines", "append", "clear", "get_blocks", "set_blocks", "delete_blocks", "get_var", "set_var"].map((f) => `librecode.buf.${f}`),
      ...["list", "get", "find", "get_buf", "set_buf", "set_renderer", "get_var", "set_var", "create", "set", "delete"].map((f) => `librecode.win.${f}`),
      ...["measure", "truncate", "pad_right", "wrap", "viewport", "virtual_list", "theme_tokens", "clear_window", "clear_region",
        "draw_text", "draw_lines", "draw_spans", "draw_box", "draw_batch", "set_cursor"].map((f) => `librecode.ui.${f}`),
    ]));
  });
});
