// librecode.session: current(), messages([start[, end]]), append(message), list(), new([name]),
// fork([at]), compact([opts[, cb]]). Everything goes to the chat's SQLite session store; append
// also joins the live context and shows in the transcript, as the loop's own messages do; compact
// summarises the oldest turns as the stock loop does.
import type { AppendSpec } from "../engine/agent/agent-handle.js";
import type { MessageRecord, SessionInfo } from "../engine/session/session-records.js";
import { ArgError, type ApiFn, type Args } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { agentFor, callGuarded, releaseFunctions } from "./agent-access.js";
import { luaToolCall, modelToolCalls } from "./api-model.js";
import { checkFields, fieldsArg, type FieldSchema } from "./table-fields.js";
import { luaTypeOf } from "./lua-value.js";

const APPEND_FIELDS: FieldSchema = {
  role: ["user", "assistant", "tool", "system"], content: "string", tool_calls: "list", tool_call_id: "string", name: "string",
  is_error: "boolean", steer: "boolean",
};

const COMPACT_OPTS: FieldSchema = { when: ["now", "full"] };

/** A session as Lua sees it. */
export function sessionTable(s: SessionInfo): Record<string, unknown> {
  return {
    id: s.id, name: s.name ?? "", cwd: s.cwd, provider: s.provider ?? "", model: s.model ?? "", message_count: s.messageCount,
    created_at: s.createdAt, updated_at: s.updatedAt, parent_id: s.parentId ?? "", first_prompt: s.firstPrompt ?? "",
  };
}

/** A stored message as Lua sees it (the fields model.stream's messages take, and what the store knows). */
function messageTable(r: MessageRecord): Record<string, unknown> {
  const p = (r.payload ?? {}) as Record<string, unknown>;
  const calls = Array.isArray(p.tool_calls) ? p.tool_calls.map(luaToolCall) : undefined;
  return {
    seq: r.seq, role: r.role, kind: r.kind, content: r.text, status: r.status, created_at: r.createdAt,
    ...(calls?.length ? { tool_calls: calls } : {}), ...(typeof p.thinking === "string" ? { thinking: p.thinking } : {}),
    ...(typeof p.tool_call_id === "string" ? { tool_call_id: p.tool_call_id } : {}), ...(typeof p.name === "string" ? { name: p.name } : {}),
    ...(typeof p.is_error === "boolean" ? { is_error: p.is_error } : {}), ...(p.steer === true ? { steer: true } : {}),
  };
}

function appendSpec(a: Args): AppendSpec {
  const m = checkFields(a.fn, "message", a.table(1, "message"), APPEND_FIELDS);
  const content = typeof m.content === "string" ? m.content : "";
  const need = (key: string) => {
    if (typeof m[key] !== "string") throw new ArgError(`${a.fn}: message.${key}: expected string, got ${luaTypeOf(m[key])}`);
    return m[key] as string;
  };
  switch (m.role) {
    case "user":
      return { role: "user", content, steer: m.steer === true };
    case "assistant":
      return { role: "assistant", content, toolCalls: modelToolCalls(a.fn, "message.tool_calls", m.tool_calls) };
    case "tool":
      return { role: "tool", content, toolCallId: need("tool_call_id"), name: need("name"), isError: m.is_error === true };
    case "system":
      return { role: "system", content };
    default:
      throw new ArgError(`${a.fn}: message.role: expected "user", "assistant", "tool" or "system", got ${luaTypeOf(m.role)}`);
  }
}

/** librecode.session: current, messages, append, list, new, fork, compact. */
export function sessionApi(ext: LuaExtension): Record<string, ApiFn> {
  return {
    current: (a) => sessionTable(agentFor(ext, a.fn).currentSession()),
    messages: (a) => {
      const all = agentFor(ext, a.fn).messages();
      const start = Math.max(0, a.optInteger(1, "start", 0));
      const endArg = a.optInteger(2, "end", -1);
      const end = endArg < 0 ? all.length : Math.min(endArg, all.length);
      return all.slice(start, Math.max(start, end)).map(messageTable);
    },
    append: (a) => agentFor(ext, a.fn).append(appendSpec(a)),
    list: (a) => agentFor(ext, a.fn).sessions().map(sessionTable),
    new: (a) => {
      const agent = agentFor(ext, a.fn);
      return sessionTable(agent.newSession(a.optString(1, "name")));
    },
    fork: (a) => {
      const agent = agentFor(ext, a.fn);
      return sessionTable(agent.forkSession(a.isNil(1) ? undefined : a.integer(1, "at")));
    },
    compact: (a) => {
      const opts = fieldsArg(a, 1, "opts", COMPACT_OPTS);
      const cb = a.isNil(2) ? undefined : a.func(2, "cb");
      try {
        return agentFor(ext, a.fn).compact(opts.when === "full" ? "full" : "now", (r) => {
          try {
            const result = { compacted: r.replaced > 0, replaced: r.replaced, tokens: r.tokens, ...(r.error !== undefined ? { error: r.error } : {}) };
            callGuarded(ext, cb, "session.compact", [result]);
          } finally {
            releaseFunctions([cb]);
          }
        }, ext.name);
      } catch (e) {
        releaseFunctions([cb]);
        throw e;
      }
    },
  };
}
