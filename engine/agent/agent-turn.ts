// One turn of a run: `context_build` contributions join the system prompt, the request streams,
// the reply joins the context, the provider outcome is announced, and each tool call runs in order.
import type { ModelMessage, ModelToolSpec, ThinkingLevel } from "../model/model-types.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import type { ContextEntry } from "./conversation.js";
import { CONTEXT_CONTRIBUTION_CAP, contributionSection, readContributions } from "./lifecycle-payloads.js";
import { estimateTokens, forModel, messageChars } from "./conversation.js";
import { RECORD, streamTurn, type StreamTap, type TurnOutcome } from "./model-turn.js";
import { announceSaved, entryFields, type RunContext } from "./run-context.js";
import { runToolStep } from "./tool-step.js";
import { storedImage, userBlockText } from "./image-records.js";
import type { ImageFile } from "../tools/image-file.js";

export type TurnInput = {
  ctx: RunContext;
  model: ResolvedModel;
  /** The live context; the reply and tool results are pushed onto it. */
  entries: ContextEntry[];
  system: string;
  tools: ModelToolSpec[];
  thinkingLevel: ThinkingLevel;
  /** The current context estimate (for `model_request`). */
  estimate: () => number;
  /** What to send instead of `entries` (a Lua stream's own messages); the reply still joins `entries` when recorded. */
  messages?: ModelMessage[];
  maxTokens?: number;
};

/** Runs one model request and the tool calls it asked for: the stock loop's turn. */
export async function runTurn(t: TurnInput, turn: number): Promise<TurnOutcome> {
  const out = await requestTurn(t, turn);
  const calls = out.message.toolCalls ?? [];
  for (const [i, call] of calls.entries()) {
    const r = await runToolStep(t.ctx, call, out.toolBlocks.get(call.id), { sequence: i + 1 });
    const message: ModelMessage = { role: "tool", toolCallId: call.id, toolName: call.name, content: r.content, isError: r.isError, ...(r.images?.length ? { images: r.images } : {}) };
    t.entries.push({ message, seq: r.seq });
  }
  return out;
}

/**
 * One model request with every hook of a turn (`context_build`, `model_request`, the provider's
 * request hook, retries, deltas, `message_append` when recorded, `after_provider_response` or
 * `provider_error`): the stock loop's turns and Lua's `model.stream` both come through here.
 */
export async function requestTurn(t: TurnInput, turn: number, tap: StreamTap = RECORD): Promise<TurnOutcome> {
  const { rt } = t.ctx;
  const provider = t.model.providerId;
  const model = t.model.model;
  const cb = contextBuildPayload(t, turn);
  rt.emit("context_build", cb);
  const contrib = readContributions(cb);
  if (contrib.error) rt.reportError({ owner: "host", where: "context_build", message: contrib.error });
  const section = contributionSection(contrib.tables);
  const req = {
    model, system: [t.system, ...contrib.texts, ...(section ? [section] : [])].join("\n\n"), messages: t.messages ?? t.entries.map((e) => forModel(e.message, t.model.info.images)),
    tools: t.tools, thinkingLevel: t.thinkingLevel, ...(t.maxTokens !== undefined ? { maxTokens: t.maxTokens } : {}),
  };
  const purpose = tap.record ? "turn" : "stream";
  rt.emit("model_request", { turn, purpose, provider, model, messages: req.messages.length, tools: req.tools.length, estimated_tokens: t.estimate() });
  const out = await streamTurn(t.ctx, t.model.provider, req, t.model.info.price, tap);
  const calls = out.message.toolCalls ?? [];
  if (tap.record && (out.seq > 0 || out.message.text || calls.length)) {
    t.entries.push({ message: out.message, seq: out.seq });
    const stored = out.record ? entryFields(t.ctx, out.record) : { entry_id: "", session_id: t.ctx.sessionId, entry_type: "message" };
    const entry = { ...stored, model, provider };
    rt.emit("message_append", { role: "assistant", kind: "assistant", text: out.message.text, tool_calls: calls.length, ...entry });
  }
  // api, attempt, session_id, status, provider_code/type/param, body_preview, request_shape,
  // termination: the original's fields, next to ours.
  const about = { provider, model, api: t.model.provider.api, session_id: t.ctx.sessionId, attempt: 1 };
  if (out.stopReason === "error") {
    const detail = { ...(out.status !== undefined ? { status: out.status } : {}), ...(out.code ? { code: out.code } : {}), ...out.details };
    rt.emit("provider_error", { ...about, error: out.error ?? `${provider}: request failed`, ...detail });
  } else {
    rt.emit("after_provider_response", {
      ...about, stop_reason: out.stopReason, finish_reason: out.stopReason, text: out.message.text, tool_calls: calls.length,
      tool_event_count: calls.length, thinking_count: out.message.thinking ? 1 : 0, usage: out.usage ?? null,
      termination: { provider_status: "", provider_finish_reason: boundedEnum(out.providerFinishReason ?? ""), incomplete_reason: "" },
    });
  }
  return out;
}

/** A provider's enum word as the original kept it: trimmed, lower case, at most 64 characters. */
function boundedEnum(v: string): string {
  return v.trim().toLowerCase().slice(0, 64);
}

/** A prompt (or steering message) joins the conversation: shown (attached images as a line of
 *  chips under it), stored, and pushed onto `entries`; returns its session seq (the original's `user_entry_id`). */
export function appendUser(ctx: RunContext, entries: ContextEntry[], text: string, steer: boolean, images: readonly ImageFile[] = []): number {
  ctx.writer.add("message", "user", userBlockText(text, images), steer ? { steer: true } : {});
  const payload = { ...(steer ? { steer: true } : {}), ...(images.length ? { images: images.map(storedImage) } : {}) };
  const record = ctx.store.appendMessage(ctx.sessionId, { kind: "user", text, ...(Object.keys(payload).length ? { payload } : {}) });
  announceSaved(ctx, record);
  const sent = images.map((i) => ({ mimeType: i.mimeType, data: i.data }));
  entries.push({ message: { role: "user", text, ...(sent.length ? { images: sent } : {}) }, seq: record.seq });
  ctx.rt.emit("message_append", { role: "user", kind: "user", text, steer, ...entryFields(ctx, record) });
  ctx.output({ type: "user", text, ...(steer ? { steer: true } : {}) });
  return record.seq;
}

/**
 * `context_build`'s payload: ours (`turn`, `contributions`) and the original's (`session_id`,
 * `cwd`, `message_count`, `breakdown` of estimated tokens, the contribution limits).
 */
function contextBuildPayload(t: TurnInput, turn: number): Record<string, unknown> {
  const history = t.entries.reduce((n, e) => n + messageChars(e.message), 0);
  const system = estimateTokens(t.system.length);
  return {
    turn, contributions: [], session_id: t.ctx.sessionId, cwd: t.ctx.cwd, message_count: t.entries.length,
    breakdown: { system, skills: 0, history: estimateTokens(history), extensions: 0 },
    system_tokens: system, skill_tokens: 0, message_tokens: estimateTokens(history),
    max_contribution_tokens: estimateTokens(CONTEXT_CONTRIBUTION_CAP), extension_tokens_limit: estimateTokens(CONTEXT_CONTRIBUTION_CAP),
    extension_tokens_used: 0,
    // The original's usage table and role counts (its role names: a tool result is `toolResult`).
    topContributors: [], model_facing_roles: roleCounts(t.entries),
    usage: { breakdown: { system, history: estimateTokens(history) }, topContributors: [], context_tokens: t.estimate(),
      context_window: t.model.contextWindow, input_tokens: t.estimate(), output_tokens: 0 },
  };
}

/** How many messages of each role the model is sent, named as the original named them. */
function roleCounts(entries: TurnInput["entries"]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) {
    const role = e.message.role === "tool" ? "toolResult" : e.message.role;
    counts[role] = (counts[role] ?? 0) + 1;
  }
  return counts;
}
