// librecode.model: stream(req, cb) -> id, cancel(id), list(). A stream goes through the stock
// loop's request path (hooks, retries, redaction); its deltas reach Lua through guarded callbacks.
import type { StreamOutcome } from "../engine/agent/agent-handle.js";
import type { ModelMessage, ModelToolCall, ThinkingLevel } from "../engine/model/model-types.js";
import { isRecord } from "../engine/kernel/is-record.js";
import { ArgError, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { agentFor, callGuarded, openedAgent, releaseFunctions } from "./agent-access.js";
import { checkFields, fieldsArg, type FieldSchema } from "./table-fields.js";
import { luaTypeOf } from "./lua-value.js";

const THINKING = ["off", "minimal", "low", "medium", "high"] as const;
const TOOLS = {
  expected: "true, false or a list of tool names",
  ok: (v: unknown) => typeof v === "boolean" || (Array.isArray(v) && v.every((n) => typeof n === "string")) || (isRecord(v) && Object.keys(v).length === 0),
};
const POSITIVE = { expected: "a positive integer", ok: (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0 };

/** The fields of `model.stream`'s request. */
const REQ_FIELDS: FieldSchema = {
  provider: "string", model: "string", system: "string", messages: "list", tools: TOOLS, max_tokens: POSITIVE,
  thinking: THINKING, record: "boolean",
};
/** The callbacks `model.stream` takes. */
const CB_FIELDS: FieldSchema = { on_delta: "function", on_thinking: "function", on_tool_call: "function", on_done: "function", on_error: "function" };
const MESSAGE_FIELDS: FieldSchema = {
  role: ["user", "assistant", "tool", "system"], content: "string", tool_calls: "list", tool_call_id: "string", name: "string", is_error: "boolean",
};
const CALL_FIELDS: FieldSchema = { id: "string", name: "string", arguments: "any", arguments_json: "string" };

/** A tool call as Lua sees it: `arguments` decoded (`{}` when the JSON is bad), `arguments_json` as sent. */
export function luaToolCall(c: ModelToolCall): Record<string, unknown> {
  let args: unknown = {};
  try {
    args = c.arguments.trim() === "" ? {} : JSON.parse(c.arguments);
  } catch {
    args = {};
  }
  return { id: c.id, name: c.name, arguments: isRecord(args) ? args : {}, arguments_json: c.arguments };
}

/** Lua tool calls (`arguments` a table or JSON text) as the model's records. */
export function modelToolCalls(fn: string, path: string, list: unknown): ModelToolCall[] {
  const calls = Array.isArray(list) ? list : [];
  return calls.map((raw, i) => {
    const c = checkFields(fn, `${path}[${i + 1}]`, raw, CALL_FIELDS);
    if (typeof c.id !== "string" || typeof c.name !== "string") throw new ArgError(`${fn}: ${path}[${i + 1}]: expected id and name strings`);
    const args = typeof c.arguments_json === "string" ? c.arguments_json : typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments ?? {});
    return { id: c.id, name: c.name, arguments: args };
  });
}

/** One Lua message table as the model's record. */
function modelMessage(fn: string, i: number, raw: unknown): ModelMessage {
  const path = `req.messages[${i}]`;
  const m = checkFields(fn, path, raw, MESSAGE_FIELDS);
  const content = typeof m.content === "string" ? m.content : "";
  switch (m.role) {
    case "user":
    case "system":
      return { role: m.role, text: content };
    case "assistant": {
      const calls = modelToolCalls(fn, `${path}.tool_calls`, m.tool_calls);
      return { role: "assistant", text: content, ...(calls.length ? { toolCalls: calls } : {}) };
    }
    case "tool":
      if (typeof m.tool_call_id !== "string") throw new ArgError(`${fn}: ${path}.tool_call_id: expected string, got ${luaTypeOf(m.tool_call_id)}`);
      return { role: "tool", toolCallId: m.tool_call_id, content, ...(typeof m.name === "string" ? { toolName: m.name } : {}), isError: m.is_error === true };
    default:
      throw new ArgError(`${fn}: ${path}.role: expected "user", "assistant", "tool" or "system", got ${luaTypeOf(m.role)}`);
  }
}

/** What on_done gets. */
function doneTable(o: StreamOutcome): Record<string, unknown> {
  return {
    text: o.text, thinking: o.thinking, tool_calls: o.toolCalls.map(luaToolCall), stop_reason: o.stopReason,
    usage: o.usage ? { input: o.usage.input, output: o.usage.output } : { input: 0, output: 0 },
    ...(o.error ? { error: o.error } : {}), ...(o.overflow ? { context_overflow: true } : {}),
  };
}

/** librecode.model: stream, cancel, list. */
export function modelApi(ext: LuaExtension): Record<string, ApiFn> {
  return {
    stream: (a) => {
      const agent = agentFor(ext, a.fn);
      const req = fieldsArg(a, 1, "req", REQ_FIELDS);
      const cb = fieldsArg(a, 2, "cb", CB_FIELDS);
      const fns = Object.values(cb);
      const where = (name: string) => `model.stream ${name}`;
      try {
        const messages = Array.isArray(req.messages) ? req.messages.map((m, i) => modelMessage(a.fn, i + 1, m)) : undefined;
        const tools = Array.isArray(req.tools) ? (req.tools as string[]) : req.tools === true;
        return agent.stream({
          tools, record: req.record === true,
          ...(typeof req.provider === "string" ? { provider: req.provider } : {}), ...(typeof req.model === "string" ? { model: req.model } : {}),
          ...(typeof req.system === "string" ? { system: req.system } : {}), ...(messages ? { messages } : {}),
          ...(typeof req.max_tokens === "number" ? { maxTokens: req.max_tokens } : {}),
          ...(typeof req.thinking === "string" ? { thinking: req.thinking as ThinkingLevel } : {}),
        }, {
          ...(cb.on_delta ? { text: (d: string) => callGuarded(ext, cb.on_delta, where("on_delta"), [d]) } : {}),
          ...(cb.on_thinking ? { thinking: (d: string) => callGuarded(ext, cb.on_thinking, where("on_thinking"), [d]) } : {}),
          ...(cb.on_tool_call ? { toolCall: (c: ModelToolCall) => callGuarded(ext, cb.on_tool_call, where("on_tool_call"), [luaToolCall(c)]) } : {}),
          done: (o) => {
            try {
              // A failure goes to on_error; without one, on_done sees it as stop_reason "error".
              if (o.stopReason === "error" && cb.on_error) {
                const err = { message: o.error ?? "request failed", ...(o.status !== undefined ? { status: o.status } : {}), ...(o.code ? { code: o.code } : {}),
                  ...(o.overflow ? { context_overflow: true } : {}) };
                callGuarded(ext, cb.on_error, where("on_error"), [err]);
              } else callGuarded(ext, cb.on_done, where("on_done"), [doneTable(o)]);
            } finally {
              releaseFunctions(fns);
            }
          },
        }, ext.name);
      } catch (e) {
        releaseFunctions(fns);
        throw e;
      }
    },
    cancel: (a) => {
      const id = a.integer(1, "id");
      return openedAgent(ext, a.fn)?.cancel(id, ext.name) ?? false;
    },
    list: (a) => agentFor(ext, a.fn).models().map((m) => ({
      provider: m.provider, model: m.model, label: m.label, context_window: m.contextWindow, current: m.current,
    })),
  };
}
