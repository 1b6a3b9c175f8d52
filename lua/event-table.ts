// Kernel records as Lua sees them: buffers, blocks, windows, the layout, and the lazy event table.
import fengari from "fengari";
import type { LuaState } from "fengari";
import type { Block } from "../engine/kernel/block.js";
import type { EventContext } from "../engine/kernel/event-bus.js";
import type { KeyEvent } from "../engine/kernel/key-event.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import { jsString, lazyTable, luaString, luaTypeName, pushValue, type LazyTable, type LuaPushable } from "./lua-value.js";
import { cpChars } from "../engine/kernel/code-points.js";
import type { SessionContext } from "./lua-extension.js";

/** Lifecycle events: Lua sees `{name, payload}` and may change the payload (written back). */
export const LIFECYCLE_EVENTS = new Set([
  "input", "prompt_prepare", "session_start", "session_load", "before_agent_start", "agent_start", "turn_start",
  "context_build", "before_provider_request", "after_provider_response", "provider_error", "tool_call",
  "tool_result", "tool_error", "message_append", "turn_end", "agent_end", "shutdown", "session_save", "model_request",
  "session_before_compact", "session_compact",
]);

const { lua } = fengari;

/** Most characters a Lua handler may set as `prompt_submit`'s `data.text` (a rewrite, not a document). */
export const PROMPT_TEXT_LIMIT = 200_000;

/** Event payloads carry only the newest blocks of a buffer, each with capped text (bounded per key). */
export const PAYLOAD_BLOCKS = 32;
/** Characters of each block's text an event payload carries. */
export const PAYLOAD_BLOCK_TEXT = 4000;

/** A block as Lua sees it (no rev). */
export function blockToLua(b: Block, cap = Infinity): Record<string, unknown> {
  return {
    id: b.id, kind: b.kind, role: b.role, text: b.text.length > cap ? b.text.slice(0, cap) : b.text,
    index: b.index, created_at: b.created_at, streaming: b.streaming, metadata: b.metadata,
  };
}

/** `{name, text, chars, cursor, label, metadata, blocks}`; an unknown name is an empty buffer. */
export function bufferToLua(rt: Runtime, name: string): Record<string, unknown> {
  const b = rt.buffers.get(name);
  if (!b) return { name, text: "", chars: [], cursor: 0, label: "", metadata: {}, blocks: [] };
  return { name, text: b.text, chars: cpChars(b.text), cursor: b.cursor, label: b.label, metadata: b.metadata, blocks: b.blocks.map((blk) => blockToLua(blk)) };
}

/**
 * A buffer as event payloads carry it: the last PAYLOAD_BLOCKS blocks with capped text, and
 * `chars` and `blocks` built only when read (most key handlers look at `text` and `cursor` only).
 */
export function bufferPayload(rt: Runtime, name: string): LazyTable {
  const b = rt.buffers.get(name);
  if (!b) return lazyTable(bufferToLua(rt, name), {});
  // Snapshot now, so fields read later agree with `text` even if the handler edits the buffer.
  const text = b.text;
  const blocks = (b.blocks.length > PAYLOAD_BLOCKS ? b.blocks.slice(-PAYLOAD_BLOCKS) : b.blocks).map((blk) => ({ ...blk }));
  return lazyTable(
    { name, text, cursor: b.cursor, label: b.label, metadata: snapshotMetadata(name, b.metadata, b.blocks.length, blocks.length) },
    { chars: () => cpChars(text), blocks: () => blocks.map((blk) => blockToLua(blk, PAYLOAD_BLOCK_TEXT)) },
  );
}

/** The stock panes' metadata as the original reported it: how many blocks, and which the payload carries. */
function snapshotMetadata(name: string, meta: Record<string, unknown>, count: number, carried: number): Record<string, unknown> {
  if (name === "transcript") return { ...meta, count, snapshot_count: carried, snapshot_start: count - carried, snapshot_limit: PAYLOAD_BLOCKS };
  if (name === "thinking" || name === "tools") return { ...meta, count };
  return meta;
}

/** `{name, role, buffer, renderer, x, y, width, height, content, cursor_row, cursor_col, visible, metadata}` or undefined. */
export function windowToLua(rt: Runtime, name: string): Record<string, unknown> | undefined {
  const w = rt.windows.get(name);
  if (!w) return undefined;
  const { x, y, width, height, content, visible } = w.box;
  return {
    name, role: w.role, buffer: w.buffer, renderer: w.renderer, x, y, width, height, content: { ...content },
    cursor_row: w.cursorRow, cursor_col: w.cursorCol, visible, metadata: w.vars,
  };
}

/** `{x, y, width, height, content, visible, role, buffer, renderer}` per window, as layout.get() reports. */
export function layoutWindows(rt: Runtime): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of rt.windows.list()) {
    const w = rt.windows.get(name)!;
    const { x, y, width, height, content, visible } = w.box;
    out[name] = { x, y, width, height, content: { ...content }, visible, role: w.role, buffer: w.buffer, renderer: w.renderer };
  }
  return out;
}

/** `layout.get()`: `{width, height, root, windows}`. */
export function layoutToLua(rt: Runtime): Record<string, unknown> {
  rt.updateLayout();
  return { width: rt.width, height: rt.height, root: rt.layout.plain(), windows: layoutWindows(rt), variant: activeVariantOf(rt) };
}

/** The active responsive variant as Lua numbers it (1-based), or undefined (nil) for the base tree. */
export function activeVariantOf(rt: Runtime): number | undefined {
  return rt.layout.variant < 0 ? undefined : rt.layout.variant + 1;
}

const LUA_KEY_NAMES: Record<string, string> = { pageup: "pgup", pagedown: "pgdn" };

/**
 * A key as the original delivered it to Lua (its tcell names): alt with a character is the plain
 * character with `alt=true` (ctrl+alt+x is `ctrl+x`), page keys are `pgup`/`pgdn`.
 */
export function luaKey(k: KeyEvent): { key: string; text: string } {
  // `text` stays empty: alt+x types nothing (a "*" keymap inserting ev.text must not type "x").
  if (k.alt && k.key.includes("alt+")) return { key: k.key.replace("alt+", ""), text: k.text };
  return { key: LUA_KEY_NAMES[k.key] ?? k.key, text: k.text };
}

function lazyMap(names: string[], make: (name: string) => unknown): LazyTable {
  const fields: Record<string, () => unknown> = {};
  for (const n of names) fields[n] = () => make(n);
  return lazyTable({}, fields);
}

/** What the chat loop keeps in the status buffer's metadata: `working`, `session_id`, `compacting`. */
export function statusContext(rt: Runtime): SessionContext {
  const m = rt.buffers.get("status")?.metadata ?? {};
  return { working: m.working === true, session_id: typeof m.session_id === "string" ? m.session_id : "", compacting: m.compacting === true };
}

/**
 * The rich event table of lua-api.md. Only name and key fields are copied up front; context,
 * data, focus, composer, buffers, windows and layout are fetched on first read, so a key event
 * costs the same with 10 buffers or 10,000 blocks.
 */
export function eventTable(rt: Runtime, ev: EventContext, session: SessionContext = {}): LazyTable {
  const data = ev.data;
  const key = ev.key;
  const working = Boolean(session.working ?? data.working);
  const lk = key ? luaKey(key) : undefined;
  const eager: Record<string, unknown> = {
    name: ev.name, key: lk?.key ?? data.key, text: lk?.text ?? data.text, ctrl: key?.ctrl ?? data.ctrl ?? false,
    alt: key?.alt ?? data.alt ?? false, shift: key?.shift ?? data.shift ?? false, working, auth_working: false,
  };
  return lazyTable(eager, {
    context: () => ({
      mode: session.mode ?? data.mode ?? "chat", working, cwd: rt.cwd, session_id: session.session_id ?? data.session_id ?? "",
      auth_working: false, compacting: Boolean(session.compacting), focus: rt.focusInfo(),
    }),
    data: () => (ev.name === "prompt_submit" ? new WritableText(data) : data),
    focus: () => rt.focusInfo(),
    composer: () => bufferPayload(rt, "composer"),
    buffers: () => lazyMap(rt.buffers.list(), (n) => bufferPayload(rt, n)),
    windows: () => lazyMap(rt.windows.list(), (n) => windowToLua(rt, n)),
    layout: () => lazyTable({ width: rt.width, height: rt.height, variant: activeVariantOf(rt) }, { windows: () => layoutWindows(rt), root: () => rt.layout.plain() }),
  });
}

/**
 * `prompt_submit`'s `data` as Lua sees it: a proxy table whose `text` reads and writes the host's
 * payload (checked: a string of at most PROMPT_TEXT_LIMIT characters), so a handler can rewrite
 * the prompt; any other field set stays in Lua. It pushes itself (LuaPushable) because a plain
 * or lazy table is a copy, and copies are not written back.
 */
class WritableText implements LuaPushable {
  constructor(private readonly data: Record<string, unknown>) {}

  /** Pushes the proxy table onto L's stack. */
  pushLua(L: LuaState): void {
    const data = this.data;
    lua.lua_createtable(L, 0, 0);
    lua.lua_createtable(L, 0, 3);
    // Reads fall through to the payload for every field never set from Lua (text is never set raw).
    lua.lua_pushcfunction(L, (L2: LuaState) => {
      if (lua.lua_type(L2, 2) !== lua.LUA_TSTRING) return 0;
      pushValue(L2, data[jsString(lua.lua_tostring(L2, 2))]);
      return 1;
    });
    lua.lua_setfield(L, -2, luaString("__index"));
    lua.lua_pushcfunction(L, (L2: LuaState) => {
      if (lua.lua_type(L2, 2) !== lua.LUA_TSTRING || jsString(lua.lua_tostring(L2, 2)) !== "text") {
        lua.lua_rawset(L2, 1);
        return 0;
      }
      const text = readText(L2);
      if (typeof text !== "string") {
        lua.lua_pushstring(L2, luaString(`data.text: ${text.error}`));
        return lua.lua_error(L2);
      }
      data.text = text;
      return 0;
    });
    lua.lua_setfield(L, -2, luaString("__newindex"));
    // pairs() walks a snapshot: the payload's fields, then those set from Lua.
    lua.lua_pushcfunction(L, (L2: LuaState) => {
      pushValue(L2, data);
      lua.lua_pushnil(L2);
      while (lua.lua_next(L2, 1) !== 0) {
        lua.lua_pushvalue(L2, -2);
        lua.lua_insert(L2, -2);
        lua.lua_rawset(L2, -4);
      }
      const snapshot = lua.lua_gettop(L2);
      lua.lua_getglobal(L2, luaString("next"));
      lua.lua_pushvalue(L2, snapshot);
      lua.lua_pushnil(L2);
      return 3;
    });
    lua.lua_setfield(L, -2, luaString("__pairs"));
    lua.lua_setmetatable(L, -2);
  }
}

// The new prompt text at index 3 (a __newindex value), or why it cannot be one.
function readText(L: LuaState): string | { error: string } {
  if (lua.lua_type(L, 3) !== lua.LUA_TSTRING) return { error: `expected a string, got ${luaTypeName(L, 3)}` };
  const text = jsString(lua.lua_tostring(L, 3));
  return text.length > PROMPT_TEXT_LIMIT ? { error: `expected a string of at most ${PROMPT_TEXT_LIMIT} characters, got ${text.length}` } : text;
}

/** An event context for a callback that no dispatch runs (a timer): consume/stop have no one to tell. */
export function hostEvent(name: string, data: Record<string, unknown>): EventContext {
  let consumed = false;
  let stopped = false;
  return {
    name, data,
    consume: () => { consumed = true; },
    stop: () => { consumed = stopped = true; },
    get consumed() { return consumed; },
    get stopped() { return stopped; },
  };
}
