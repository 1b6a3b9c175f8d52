// librecode.buf: Lua arguments checked and handed to the kernel's BufferStore.
import type { Block } from "../engine/kernel/block.js";
import type { BufferInit } from "../engine/kernel/buffer-store.js";
import { isBlockLike } from "../engine/kernel/normalize-block.js";
import type { Args, ApiFn } from "./lua-args.js";
import { blockToLua, bufferToLua } from "./event-table.js";
import type { LuaExtension } from "./lua-extension.js";
import { tostringAt } from "./lua51-compat.js";
import { checkFields, type FieldSchema } from "./table-fields.js";

/** A buffer table's fields (`name` is what buf.get returns; it is ignored, the argument names the buffer). */
const BUFFER_FIELDS: FieldSchema = {
  name: "string", text: "string", chars: "list", cursor: "integer", label: "string", metadata: "table", blocks: "list",
};

function bufferInit(a: Args, i: number, name: string): BufferInit | string {
  if (a.type(i) === "string") return a.string(i, name);
  if (a.type(i) !== "table") a.fail(i, name, "table or string");
  const t = checkFields(a.fn, name, a.table(i, name), BUFFER_FIELDS);
  const init: BufferInit = {};
  if (typeof t.text === "string") init.text = t.text;
  if (Array.isArray(t.chars)) init.chars = t.chars.map(String);
  else if (t.chars !== undefined && typeof t.chars === "object" && Object.keys(t.chars as object).length === 0) init.chars = [];
  if (typeof t.cursor === "number") init.cursor = t.cursor;
  if (typeof t.label === "string") init.label = t.label;
  if (t.metadata !== null && typeof t.metadata === "object" && !Array.isArray(t.metadata)) init.metadata = t.metadata as Record<string, unknown>;
  if (t.blocks !== undefined) init.blocks = blockList(t.blocks);
  return init;
}

function blockList(v: unknown): Partial<Block>[] {
  if (Array.isArray(v)) return v.filter((b) => b !== null && typeof b === "object") as Partial<Block>[];
  return [];
}

function blocksArg(a: Args, i: number, name: string): Partial<Block>[] {
  const t = a.table(i, name, "array");
  if (!Array.isArray(t) || t.some((b) => b === null || typeof b !== "object")) a.fail(i, name, "a list of block tables");
  return t as Partial<Block>[];
}

/** librecode.buf: named buffers (lua-api.md "Buffers"). */
export function bufApi(ext: LuaExtension): Record<string, ApiFn> {
  const b = ext.rt.buffers;
  const name = (a: Args) => a.string(1, "name");
  return {
    list: () => b.list(),
    create: (a) => {
      const n = name(a);
      const init = a.isNil(2) ? undefined : bufferInit(a, 2, "opts");
      if (typeof init === "string") b.create(n, { text: init });
      else b.create(n, init);
      return bufferToLua(ext.rt, n);
    },
    set: (a) => {
      const n = name(a);
      b.set(n, bufferInit(a, 2, "t"));
    },
    delete: (a) => b.delete(name(a)),
    get: (a) => bufferToLua(ext.rt, name(a)),
    get_text: (a) => b.getText(name(a)),
    set_text: (a) => b.setText(name(a), a.text(2, "text")),
    get_cursor: (a) => b.getCursor(name(a)),
    set_cursor: (a) => b.setCursor(name(a), a.integer(2, "pos")),
    insert: (a) => b.insert(name(a), a.integer(2, "pos"), a.text(3, "text")),
    delete_range: (a) => b.deleteRange(name(a), a.integer(2, "start"), a.integer(3, "end")),
    /** The original's alias of delete_range. */
    delete_text: (a) => b.deleteRange(name(a), a.integer(2, "start"), a.integer(3, "end")),
    replace: (a) => b.replace(name(a), a.integer(2, "start"), a.integer(3, "end"), a.text(4, "text")),
    get_lines: (a) => b.getLines(name(a), a.optInteger(2, "start", 0), a.optInteger(3, "end", -1)),
    set_lines: (a) => b.setLines(name(a), a.integer(2, "start"), a.integer(3, "end"), a.strings(4, "lines")),
    append: (a) => {
      const n = name(a);
      if (a.type(2) === "table") {
        const t = a.table(2, "value") as Record<string, unknown>;
        if (isBlockLike(t)) return void b.append(n, t);
        if (typeof t.text === "string") return void b.append(n, t.text);
      }
      if (a.type(2) === "string" || a.type(2) === "number") return void b.append(n, a.text(2, "value"));
      // Any other value appends its Lua tostring, as the original did.
      b.append(n, tostringAt(a.L, 2));
    },
    clear: (a) => b.clear(name(a)),
    get_blocks: (a) => b.getBlocks(name(a), a.optInteger(2, "start", 0), a.optInteger(3, "end", -1)).map((blk) => blockToLua(blk)),
    set_blocks: (a) => b.setBlocks(name(a), a.integer(2, "start"), a.integer(3, "end"), blocksArg(a, 4, "blocks")),
    delete_blocks: (a) => b.deleteBlocks(name(a), a.integer(2, "start"), a.integer(3, "end")),
    get_var: (a) => b.getVar(name(a), a.string(2, "key")),
    set_var: (a) => b.setVar(name(a), a.string(2, "key"), a.value(3)),
  };
}
