// One turn of a run: `context_build` contributions join the system prompt, the request streams,
// the reply joins the context, the provider outcome is announced, and each tool call runs in order.
import type { ModelToolSpec, ThinkingLevel } from "../model/model-types.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import type { ContextEntry } from "./conversation.js";
import { readContributions } from "./lifecycle-payloads.js";
import { streamTurn, type TurnOutcome } from "./model-turn.js";
import { announceSaved, type RunContext } from "./run-context.js";
import { runToolStep } from "./tool-step.js";

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
};

/** Runs one model request and the tool calls it asked for. */
export async function runTurn(t: TurnInput, turn: number): Promise<TurnOutcome> {
  const { rt } = t.ctx;
  const provider = t.model.providerId;
  const model = t.model.model;
  const cb: Record<string, unknown> = { turn, contributions: [] };
  rt.emit("context_build", cb);
  const contrib = readContributions(cb);
  if (contrib.error) rt.reportError({ owner: "host", where: "context_build", message: contrib.error });
  const req = {
    model, system: [t.system, ...contrib.texts].join("\n\n"), messages: t.entries.map((e) => e.message),
    tools: t.tools, thinkingLevel: t.thinkingLevel,
  };
  rt.emit("model_request", { turn, purpose: "turn", provider, model, messages: req.messages.length, tools: req.tools.length, estimated_tokens: t.estimate() });
  const out = await streamTurn(t.ctx, t.model.provider, req);
  const calls = out.message.toolCalls ?? [];
  if (out.seq > 0 || out.message.text || calls.length) {
    t.entries.push({ message: out.message, seq: out.seq });
    rt.emit("message_append", { role: "assistant", kind: "assistant", text: out.message.text, tool_calls: calls.length });
  }
  if (out.stopReason === "error") {
    rt.emit("provider_error", { provider, model, error: out.error ?? `${provider}: request failed` });
  } else {
    rt.emit("after_provider_response", { provider, model, stop_reason: out.stopReason, text: out.message.text, tool_calls: calls.length, usage: out.usage ?? null });
  }
  for (const call of calls) {
    const r = await runToolStep(t.ctx, call, out.toolBlocks.get(call.id));
    t.entries.push({ message: { role: "tool", toolCallId: call.id, toolName: call.name, content: r.content, isError: r.isError }, seq: r.seq });
  }
  return out;
}

/** A prompt (or steering message) joins the conversation: shown, stored, and pushed onto `entries`. */
export function appendUser(ctx: RunContext, entries: ContextEntry[], text: string, steer: boolean): void {
  ctx.writer.add("message", "user", text, steer ? { steer: true } : {});
  const record = ctx.store.appendMessage(ctx.sessionId, { kind: "user", text, ...(steer ? { payload: { steer: true } } : {}) });
  announceSaved(ctx, record);
  entries.push({ message: { role: "user", text }, seq: record.seq });
  ctx.rt.emit("message_append", { role: "user", kind: "user", text, steer });
  ctx.output({ type: "user", text, ...(steer ? { steer: true } : {}) });
}
