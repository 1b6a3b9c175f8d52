import { describe, expect, it } from "vitest";
import { lcRuntime } from "./harness.js";

// One bad argument per function (the first, then the second with a good first), with the exact
// message: `<function>: argument <n> '<name>': expected <what>, got <type>`.
const FIRST: [string, string][] = [
  ["action.run", "action.run: argument 1 'name': expected string, got boolean"],
  ["api.create_autocmd", "api.create_autocmd: argument 1 'events': expected an event name or a list of names, got boolean"],
  ["api.create_namespace", "api.create_namespace: argument 1 'name': expected string, got boolean"],
  ["api.create_user_command", "api.create_user_command: argument 1 'name': expected string, got boolean"],
  ["api.nvim_create_autocmd", "api.nvim_create_autocmd: argument 1 'events': expected an event name or a list of names, got boolean"],
  ["api.nvim_create_user_command", "api.nvim_create_user_command: argument 1 'name': expected string, got boolean"],
  ["autocmd.create", "autocmd.create: argument 1 'events': expected an event name or a list of names, got boolean"],
  ["command.create", "command.create: argument 1 'name': expected string, got boolean"],
  ["keymap.del", `keymap.del: argument 1 'target': expected "global", a role, a target table or a list, got boolean`],
  ["keymap.set", `keymap.set: argument 1 'target': expected "global", a role, a target table or a list, got boolean`],
  ["layout.set", "layout.set: argument 1 'layout': expected table, got boolean"],
  ["on", "on: argument 1 'name': expected string, got boolean"],
  ["register_command", "register_command: argument 1 'name': expected string, got boolean"],
  ["register_tool", "register_tool: argument 1 'name': expected string, got boolean"],
  ["timer.defer", "timer.defer: argument 1 'ms': expected number, got boolean"],
  ["timer.interval", "timer.interval: argument 1 'ms': expected number, got boolean"],
  ["timer.stop", "timer.stop: argument 1 'id': expected integer, got boolean"],
  ["ui.draw_batch", "ui.draw_batch: argument 1 'ops': expected table, got boolean"],
  ["ui.measure", "ui.measure: argument 1 's': expected string, got boolean"],
  ["ui.pad_right", "ui.pad_right: argument 1 's': expected string, got boolean"],
  ["ui.truncate", "ui.truncate: argument 1 's': expected string, got boolean"],
  ["ui.viewport", "ui.viewport: argument 1 'lines': expected table, got boolean"],
  ["ui.virtual_list", "ui.virtual_list: argument 1 'items': expected table, got boolean"],
  ["ui.wrap", "ui.wrap: argument 1 's': expected string, got boolean"],
  ["win.find", "win.find: argument 1 'query': expected table, got boolean"],
  ...["append", "clear", "create", "delete", "delete_blocks", "delete_range", "get", "get_blocks", "get_cursor", "get_lines", "get_text",
    "get_var", "insert", "replace", "set", "set_blocks", "set_cursor", "set_lines", "set_text", "set_var"]
    .map((f): [string, string] => [`buf.${f}`, `buf.${f}: argument 1 'name': expected string, got boolean`]),
  ...["create", "delete", "focus", "get", "get_buf", "get_var", "set", "set_buf", "set_renderer", "set_var"]
    .map((f): [string, string] => [`win.${f}`, `win.${f}: argument 1 'name': expected string, got boolean`]),
  ...["clear_region", "clear_window", "draw_box", "draw_lines", "draw_spans", "draw_text", "set_cursor"]
    .map((f): [string, string] => [`ui.${f}`, `ui.${f}: argument 1 'window': expected string, got boolean`]),
];

const SECOND: [string, string][] = [
  ["api.create_autocmd", "api.create_autocmd: argument 2 'opts': expected function or {priority, callback} table, got boolean"],
  ["api.create_user_command", "api.create_user_command: argument 2 'fn': expected function or {desc, callback} table, got boolean"],
  ["buf.create", "buf.create: argument 2 'opts': expected table or string, got boolean"],
  ["buf.delete_blocks", "buf.delete_blocks: argument 2 'start': expected integer, got boolean"],
  ["buf.delete_range", "buf.delete_range: argument 2 'start': expected integer, got boolean"],
  ["buf.get_blocks", "buf.get_blocks: argument 2 'start': expected integer, got boolean"],
  ["buf.get_lines", "buf.get_lines: argument 2 'start': expected integer, got boolean"],
  ["buf.get_var", "buf.get_var: argument 2 'key': expected string, got boolean"],
  ["buf.insert", "buf.insert: argument 2 'pos': expected integer, got boolean"],
  ["buf.replace", "buf.replace: argument 2 'start': expected integer, got boolean"],
  ["buf.set", "buf.set: argument 2 't': expected table or string, got boolean"],
  ["buf.set_blocks", "buf.set_blocks: argument 2 'start': expected integer, got boolean"],
  ["buf.set_cursor", "buf.set_cursor: argument 2 'pos': expected integer, got boolean"],
  ["buf.set_lines", "buf.set_lines: argument 2 'start': expected integer, got boolean"],
  ["buf.set_text", "buf.set_text: argument 2 'text': expected string, got boolean"],
  ["buf.set_var", "buf.set_var: argument 2 'key': expected string, got boolean"],
  ["keymap.del", "keymap.del: argument 2 'lhs': expected string, got boolean"],
  ["keymap.set", "keymap.set: argument 2 'lhs': expected string, got boolean"],
  ["on", "on: argument 2 'fn': expected function or {priority=} table, got boolean"],
  ["register_command", "register_command: argument 2 'desc': expected string, got boolean"],
  ["register_tool", "register_tool: argument 2 'desc': expected string, got boolean"],
  ["ui.clear_region", "ui.clear_region: argument 2 'row': expected integer, got boolean"],
  ["ui.draw_box", "ui.draw_box: argument 2 'style': expected table, got boolean"],
  ["ui.draw_lines", "ui.draw_lines: argument 2 'row': expected integer, got boolean"],
  ["ui.draw_spans", "ui.draw_spans: argument 2 'row': expected integer, got boolean"],
  ["ui.draw_text", "ui.draw_text: argument 2 'row': expected integer, got boolean"],
  ["ui.pad_right", "ui.pad_right: argument 2 'width': expected integer, got boolean"],
  ["ui.set_cursor", "ui.set_cursor: argument 2 'row': expected integer, got boolean"],
  ["ui.truncate", "ui.truncate: argument 2 'width': expected integer, got boolean"],
  ["ui.wrap", "ui.wrap: argument 2 'width': expected integer, got boolean"],
  ["win.create", "win.create: argument 2 'opts': expected table, got boolean"],
  ["win.get_var", "win.get_var: argument 2 'key': expected string, got boolean"],
  ["win.set", "win.set: argument 2 'opts': expected table, got boolean"],
  ["win.set_buf", "win.set_buf: argument 2 'buffer': expected string, got boolean"],
  ["win.set_renderer", `win.set_renderer: argument 2 'renderer': expected "default" or "extension", got boolean`],
  ["win.set_var", "win.set_var: argument 2 'key': expected string, got boolean"],
];

describe("argument errors", () => {
  const { run } = lcRuntime();
  it.each(FIRST)("%s with a bad first argument", (fn, message) => {
    expect(run(`return select(2, pcall(lc.${fn}, true, true, true, true, true))`)).toEqual([message]);
  });
  it.each(SECOND)("%s with a bad second argument", (fn, message) => {
    expect(run(`return select(2, pcall(lc.${fn}, "x", true, true, true, true))`)).toEqual([message]);
  });
});
