// What a handler's return table asks for, applied inside the handler's savepoint (so a failure
// later in the handler's call loses it too) and in handler order, as the original merged them:
// lifecycle mutations (`payload`, `tool_call`, `tool_result`, `provider_request`, `compaction`) and the
// terminal-event result (`buffers`, `windows`, `layout`, `actions`, `ui_draw_ops`, `ui_cursor`,
// `deleted_buffers`, `deleted_windows`, `reset_ui_windows`).
import type { BufferInit } from "../engine/kernel/buffer-store.js";
import { DEFAULT_BUFFERS } from "../engine/kernel/runtime.js";
import type { DrawOp } from "../engine/kernel/draw-op.js";
import type { EventContext } from "../engine/kernel/event-bus.js";
import { isRecord } from "../engine/kernel/is-record.js";
import { SENSITIVE_HEADERS } from "../engine/model/provider-payload.js";
import { batchOp, queueDrawOps, styleFrom } from "./api-ui.js";
import { LIFECYCLE_EVENTS } from "./event-table.js";
import type { LuaExtension } from "./lua-extension.js";
import { isUpstreamLayout, patchWindow, placeWindow, setUpstreamLayout, upstreamWindow } from "./upstream-layout.js";

type Table = Record<string, unknown>;

/** Applies a handler's return value (only tables ask for anything) to the event and the runtime. */
export function applyHandlerReturn(ext: LuaExtension, ev: EventContext, r: unknown): void {
  if (!isRecord(r)) return;
  if (LIFECYCLE_EVENTS.has(ev.name)) applyLifecycleReturn(ev, r);
  else applyTerminalReturn(ext, r);
}

/** Data objects whose `tool_call.arguments` a return table already replaced (later ones merge). */
const argumentsReturned = new WeakSet<object>();

/** `{payload}`, `{tool_call = {arguments}}`, `{tool_result = {result, error, details_json}}`, `{provider_request = {headers}}`, `{compaction = {...}}`. */
export function applyLifecycleReturn(ev: EventContext, r: Table): void {
  const data = ev.data;
  if (isRecord(r.payload)) {
    const next = r.payload;
    for (const k of Object.keys(data)) if (!(k in next)) delete data[k];
    Object.assign(data, next);
  }
  const call = r.tool_call;
  if (isRecord(call) && (isRecord(call.arguments) || (Array.isArray(call.arguments) && call.arguments.length === 0))) {
    const args = isRecord(call.arguments) ? call.arguments : {};
    // The first mutation replaces the arguments; later handlers' mutations merge over it.
    const base = argumentsReturned.has(data) && isRecord(data.arguments) ? data.arguments : {};
    data.arguments = { ...base, ...args };
    argumentsReturned.add(data);
  }
  const result = r.tool_result;
  if (isRecord(result)) {
    if (typeof result.result === "string") data.result = result.result;
    if (typeof result.details_json === "string") data.details_json = result.details_json;
    if (typeof result.error === "string") {
      data.error = result.error;
      data.is_error = result.error.trim() !== "";
    }
  }
  const compaction = r.compaction;
  if (isRecord(compaction)) {
    // session_before_compact: later handlers' fields win, their `details` merge key by key; a cancel stays.
    const prev = isRecord(data.compaction) ? data.compaction : {};
    const merged: Table = { ...prev, ...compaction, cancel: prev.cancel === true || compaction.cancel === true };
    if (isRecord(prev.details) && isRecord(compaction.details)) merged.details = { ...prev.details, ...compaction.details };
    data.compaction = merged;
  }
  const req = r.provider_request;
  if (isRecord(req) && isRecord(req.headers)) {
    const headers = isRecord(data.headers) ? (data.headers as Table) : (data.headers = {});
    for (const [name, value] of Object.entries(req.headers)) {
      if (SENSITIVE_HEADERS.has(name.trim().toLowerCase())) {
        throw new Error(`provider_request.headers: ${name}: credential headers cannot be set by an extension`);
      }
      if (typeof value === "string") headers[name.toLowerCase()] = value;
    }
  }
}

function names(v: unknown): string[] {
  if (v === true) return [];
  const list = Array.isArray(v) ? v : [];
  return list.map((x) => (typeof x === "string" ? x : isRecord(x) && typeof x.name === "string" ? x.name : "")).filter((x) => x !== "");
}

function bufferInit(v: unknown): BufferInit | string {
  if (!isRecord(v)) return typeof v === "string" ? v : String(v ?? "");
  const init: BufferInit = {};
  if (typeof v.text === "string") init.text = v.text;
  if (Array.isArray(v.chars)) init.chars = v.chars.map(String);
  if (typeof v.cursor === "number") init.cursor = Math.trunc(v.cursor);
  if (typeof v.label === "string") init.label = v.label;
  if (isRecord(v.metadata)) init.metadata = v.metadata;
  if (Array.isArray(v.blocks)) init.blocks = v.blocks.filter(isRecord);
  return init;
}

// The original's op table: {window, kind = text|spans|box|clear, text, row, col, width, height,
// spans, fg, bg, bold, italic}; this project's draw_batch spellings are accepted too.
function drawOp(t: Table, where: string): DrawOp[] {
  const kind = t.kind ?? t.op;
  if (kind !== "clear" || typeof t.window !== "string") {
    return batchOp(t.style === undefined ? { ...t, style: inlineStyle(t) } : t, where);
  }
  const int = (v: unknown) => (typeof v === "number" ? Math.trunc(v) + 0 : 0);
  return [{ kind: "clear_region", window: t.window, row: int(t.row), col: int(t.col), height: int(t.height), width: int(t.width), style: styleFrom(inlineStyle(t), `${where}.style`) }];
}

function inlineStyle(t: Table): Table | undefined {
  const s: Table = {};
  for (const k of ["fg", "bg", "bold", "italic", "underline", "reverse"]) if (t[k] !== undefined && t[k] !== "") s[k] = t[k];
  return Object.keys(s).length > 0 ? s : undefined;
}

/**
 * A returned buffer. The default buffers hold the host's own state here (the status line's model
 * and counts in its metadata, the transcript's blocks), which the original kept outside its
 * buffers: there only the fields returned change. Other buffers are replaced whole, as there.
 */
function applyBuffer(ext: LuaExtension, name: string, init: BufferInit | string): void {
  const buffers = ext.rt.buffers;
  if (typeof init === "string" || !DEFAULT_BUFFERS.includes(name)) {
    buffers.set(name, init);
    return;
  }
  const text = init.chars !== undefined ? init.chars.join("") : init.text;
  if (text !== undefined && text !== buffers.getText(name)) buffers.setText(name, text);
  if (init.cursor !== undefined) buffers.setCursor(name, init.cursor);
  if (init.label !== undefined) buffers.setLabel(name, init.label);
  for (const [k, v] of Object.entries(init.metadata ?? {})) buffers.setMetadata(name, k, v);
  if (init.blocks !== undefined) buffers.setBlocks(name, 0, -1, init.blocks);
}

/** The terminal-event result, in the original's order: deletions, buffers, windows, layout, actions, drawing. */
export function applyTerminalReturn(ext: LuaExtension, r: Table): void {
  const rt = ext.rt;
  for (const name of names(r.deleted_buffers)) rt.buffers.delete(name);
  for (const name of names(r.deleted_windows)) {
    rt.draw.clear(name);
    rt.windows.delete(name);
  }
  if (isRecord(r.buffers)) for (const [name, v] of Object.entries(r.buffers)) applyBuffer(ext, name, bufferInit(v));
  if (isRecord(r.windows)) {
    for (const [name, v] of Object.entries(r.windows)) {
      const w = upstreamWindow(v);
      patchWindow(rt, name, w);
      const box = rt.windows.get(name)!.box;
      const geo = (["x", "y", "width", "height"] as const).some((k) => w[k] !== undefined && w[k] !== box[k]);
      if (geo || (w.visible !== undefined && w.visible !== box.visible)) placeWindow(rt, name, w);
    }
  }
  if (isRecord(r.layout)) {
    if (isUpstreamLayout(r.layout)) setUpstreamLayout(rt, r.layout);
    else rt.layoutSet(r.layout);
  }
  for (const name of names(r.actions)) rt.actions.run(name);
  const reset = r.reset_ui_windows === true ? rt.draw.windows() : names(r.reset_ui_windows);
  for (const name of reset) rt.draw.clear(name);
  if (Array.isArray(r.ui_draw_ops)) {
    const ops = r.ui_draw_ops.flatMap((t, i) => (isRecord(t) ? drawOp(t, `ui_draw_ops[${i + 1}]`) : []));
    queueDrawOps(ext, ops);
  }
  const cursor = r.ui_cursor;
  if (isRecord(cursor) && typeof cursor.window === "string") {
    const int = (v: unknown) => (typeof v === "number" ? Math.trunc(v) + 0 : 0);
    queueDrawOps(ext, [{ kind: "cursor", window: cursor.window, row: int(cursor.row), col: int(cursor.col) }]);
  }
}
