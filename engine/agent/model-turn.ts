// One request to the model: streams the reply into the transcript (assistant text, thinking),
// into the session (a partial row from the first token, so a killed process keeps it), to the
// listeners and as UI events, and returns the assistant message with why the stream stopped.
import type { ProviderErrorDetails } from "../model/provider-error-details.js";
import type { ModelMessage, ModelRequest, ModelToolCall, Provider, ProviderPayload, StopReason } from "../model/model-types.js";
import type { ModelPrice } from "../model/model-catalog-data.js";
import { usageCost, type TokenUsage } from "../model/usage-cost.js";
import { redactValue } from "../auth/redact-secrets.js";
import type { MessageRecord } from "../session/session-records.js";
import type { AssistantPayload } from "./conversation.js";
import { isRecord } from "../kernel/is-record.js";
import { announceSaved, type RunContext } from "./run-context.js";

export type AssistantMessage = Extract<ModelMessage, { role: "assistant" }>;

export type TurnOutcome = {
  message: AssistantMessage;
  /** Session seq of the stored assistant message (0 when nothing streamed). */
  seq: number;
  /** The stored assistant message, when one was stored. */
  record?: MessageRecord;
  stopReason: StopReason;
  error?: string;
  /** The HTTP status and provider error code of a failed request, when known. */
  status?: number;
  code?: string;
  /** The original's provider-error fields of a failed request (provider_code, body_preview, ...). */
  details?: ProviderErrorDetails;
  /** The provider's own finish reason (`end_turn`, `tool_calls`), when it gave one. */
  providerFinishReason?: string;
  usage?: TokenUsage;
  /** USD this response cost, when the model's prices are known. */
  cost?: number;
  /** Transcript blocks opened (pending) as each tool call began streaming, by call id. */
  toolBlocks: Map<string, string>;
};

/**
 * The most text, thinking and tool-call arguments one model response may stream (in characters).
 * No real answer is near it; a server streaming without end is cut here instead of filling memory.
 */
export const MAX_RESPONSE_CHARS = 4 * 1024 * 1024;

/**
 * Where a stream's pieces go besides the lifecycle events every stream fires: `record` shows the
 * reply in the transcript and stores it in the session (the stock loop's turns, and Lua streams
 * that ask for it); the callbacks are a Lua `model.stream`'s, `streamId` its id in event payloads.
 */
export type StreamTap = {
  record: boolean;
  streamId?: number;
  onText?(text: string): void;
  onThinking?(text: string): void;
  onToolCall?(call: ModelToolCall): void;
};

/** The stock loop's tap: shown and stored, no callbacks. */
export const RECORD: StreamTap = { record: true };

/** Streams one provider call; never throws (a provider failure is a `stopReason: "error"` outcome). */
export async function streamTurn(ctx: RunContext, provider: Provider, req: ModelRequest, price?: ModelPrice, tap: StreamTap = RECORD): Promise<TurnOutcome> {
  const s = new TurnStream(ctx, tap);
  let stopReason: StopReason = "error";
  let error: string | undefined;
  let detail: { status?: number; code?: string; details?: ProviderErrorDetails } = {};
  let providerFinishReason: string | undefined;
  let usage: TurnOutcome["usage"];
  let retrying: number | undefined;
  let size = 0;
  try {
    for await (const ev of provider.stream(req, { signal: ctx.signal, onPayload: (p) => providerHook(ctx, p, tap.record ? "turn" : "stream") })) {
      if (ev.type === "text_delta" || ev.type === "thinking_delta") size += ev.text.length;
      else if (ev.type === "tool_call_delta") size += ev.argumentsDelta.length;
      if (size > MAX_RESPONSE_CHARS) {
        // Leaving the loop closes the provider's stream (and its request); what arrived is kept.
        stopReason = "error";
        error = `${provider.id}: response longer than ${MAX_RESPONSE_CHARS} characters; stopped reading it`;
        break;
      }
      if (retrying !== undefined && ev.type !== "retry") {
        ctx.rt.emit("retry_end", { attempt: retrying, ok: !(ev.type === "done" && ev.stopReason === "error"), prompt_id: ctx.promptId ?? 0, text: "retrying model request" });
        ctx.status?.({ retry: undefined });
        retrying = undefined;
      }
      switch (ev.type) {
        case "text_delta": s.text(ev.text); break;
        case "thinking_delta": s.thinking(ev.text, ev.signature); break;
        case "tool_call_start": s.toolStarted(ev.id, ev.name); break;
        case "tool_call_end": s.toolCall({ id: ev.id, name: ev.name, arguments: ev.arguments }); break;
        case "usage":
          usage = {
            input: ev.input, output: ev.output,
            ...(ev.cacheRead ? { cacheRead: ev.cacheRead } : {}), ...(ev.cacheWrite ? { cacheWrite: ev.cacheWrite } : {}),
          };
          if (tap.record) ctx.output({ type: "usage", input: ev.input, output: ev.output });
          break;
        case "retry":
          retrying = ev.attempt;
          ctx.rt.emit("retry_start", {
            attempt: ev.attempt, delay_ms: ev.delayMs, reason: ev.reason, prompt_id: ctx.promptId ?? 0, text: `retrying model request in ${goDuration(ev.delayMs)}`,
          });
          if (tap.record) ctx.output({ type: "retry", attempt: ev.attempt, delay_ms: ev.delayMs, reason: ev.reason });
          ctx.status?.({ retry: retryNote(ev.attempt, ev.delayMs, ev.reason) });
          break;
        case "done":
          stopReason = ev.stopReason;
          error = ev.error;
          detail = { ...(ev.status !== undefined ? { status: ev.status } : {}), ...(ev.code ? { code: ev.code } : {}), ...(ev.details ? { details: ev.details } : {}) };
          providerFinishReason = ev.providerFinishReason;
          break;
      }
    }
  } catch (e) {
    // Providers promise not to throw; a bug there still must not take the chat down.
    stopReason = "error";
    error = `${provider.id}: ${(e as Error)?.message ?? String(e)}`;
  }
  if (retrying !== undefined) ctx.status?.({ retry: undefined }); // the stream ended while a retry waited
  if (ctx.signal.aborted && stopReason !== "error") stopReason = "aborted";
  const cost = usage ? usageCost(price, usage) : undefined;
  const { message, record } = s.finish(stopReason, usage, cost);
  return {
    message, seq: record?.seq ?? 0, ...(record ? { record } : {}), stopReason, toolBlocks: s.toolBlocks, ...(error ? { error, ...detail } : {}),
    ...(usage ? { usage } : {}), ...(cost !== undefined ? { cost } : {}), ...(providerFinishReason ? { providerFinishReason } : {}),
  };
}

/** Why a request is made: a turn of a run, or the summary compaction asks for. */
export type RequestPurpose = "turn" | "compaction" | "stream";

/**
 * before_provider_request for every request: handlers see the payload (the provider already shows
 * credential headers as "[redacted]" and drops edits to them) and may edit body and plain headers.
 */
export function providerHook(ctx: Pick<RunContext, "rt" | "secrets"> & { sessionId?: string }, p: ProviderPayload, purpose: RequestPurpose): ProviderPayload {
  // Handlers must not see a key even where a prompt carried one; without handlers the body is untouched.
  const hooked = ctx.rt.events.count("before_provider_request") > 0;
  const body = hooked ? redactValue(p.body, ctx.secrets()) : p.body;
  // `payload` is the original's name of the body: its own copy, so a change to either is seen.
  const payload = hooked ? structuredClone(body) : body;
  const shown = hooked ? JSON.stringify(payload) : "";
  const data: Record<string, unknown> = {
    purpose, provider: p.provider, model: p.model, url: p.url, headers: p.headers, body,
    payload, api: apiOf(p.url), session_id: ctx.sessionId ?? "", attempt: 1,
    max_tokens: typeof p.body.max_tokens === "number" ? p.body.max_tokens : 0, thinking_level: thinkingOf(p.body),
  };
  ctx.rt.emit("before_provider_request", data);
  const edited = isRecord(data.payload) && JSON.stringify(data.payload) !== shown ? data.payload : isRecord(data.body) ? data.body : p.body;
  return { ...p, headers: isRecord(data.headers) ? (data.headers as Record<string, string>) : p.headers, body: edited };
}

// The original's `api` names the wire protocol the request speaks.
function apiOf(url: string): string {
  return /\/messages(\?|$)/.test(url) ? "anthropic-messages" : "openai-completions";
}

function thinkingOf(body: Record<string, unknown>): string {
  const t = body.thinking;
  if (isRecord(t) && typeof t.budget_tokens === "number") return "on";
  return typeof body.reasoning_effort === "string" ? body.reasoning_effort : "off";
}

/** Guards the pieces of one streamed reply: blocks, the partial row (when recorded), the collected text. */
class TurnStream {
  readonly calls: ModelToolCall[] = [];
  readonly toolBlocks = new Map<string, string>();
  private textAcc = "";
  private thinkingAcc = "";
  private signature: string | undefined;
  private textBlock: string | undefined;
  private thinkingBlock: string | undefined;
  private partial: number | undefined;

  constructor(private readonly ctx: RunContext, private readonly tap: StreamTap) {}

  text(delta: string): void {
    if (delta === "") return;
    this.textAcc += delta;
    if (this.tap.record) {
      if (this.textBlock === undefined) {
        this.textBlock = this.ctx.writer.open("message", "assistant", { format: "markdown" });
        this.partial = this.ctx.store.beginPartial(this.ctx.sessionId, "assistant");
      }
      this.ctx.writer.stream(this.textBlock, delta);
      this.ctx.store.updatePartial(this.partial!, delta);
    }
    this.ctx.rt.emit("model_delta", this.about({ text: delta }));
    if (this.tap.record) this.ctx.output({ type: "text_delta", text: delta });
    this.tap.onText?.(delta);
  }

  thinking(delta: string, signature: string | undefined): void {
    if (signature) this.signature = signature;
    if (delta === "") return;
    this.thinkingAcc += delta;
    if (this.tap.record) {
      let paneDelta = delta;
      if (this.thinkingBlock === undefined) {
        this.thinkingBlock = this.ctx.writer.open("thinking", "assistant");
        // The pane holds the whole run (opening the block flushed it): a blank line between turns.
        if (this.ctx.rt.buffers.getText("thinking") !== "") paneDelta = `\n\n${delta}`;
      }
      this.ctx.writer.stream(this.thinkingBlock, delta);
      this.ctx.writer.streamToBuffer("thinking", paneDelta);
    }
    this.ctx.rt.emit("thinking_delta", this.about({ text: delta }));
    if (this.tap.record) this.ctx.output({ type: "thinking_delta", text: delta });
    this.tap.onThinking?.(delta);
  }

  // The block shows at once (a long `write` streams its arguments for a while); the tool step fills it.
  toolStarted(id: string, name: string): void {
    if (!this.tap.record) return;
    const meta = { name, arguments: {}, arguments_json: "", tool_call_id: id, status: "pending" };
    this.toolBlocks.set(id, this.ctx.writer.add("tool", "tool", "", meta));
  }

  toolCall(call: ModelToolCall): void {
    this.calls.push(call);
    this.tap.onToolCall?.(call);
  }

  // A Lua stream's deltas say which stream they belong to (two may run at once).
  private about(data: Record<string, unknown>): Record<string, unknown> {
    return this.tap.streamId === undefined ? data : { ...data, stream_id: this.tap.streamId };
  }

  /** Closes the blocks and commits the message (with its usage and cost); tool calls are dropped unless the reply completed. */
  finish(stopReason: StopReason, usage?: TokenUsage, cost?: number): { message: AssistantMessage; record?: MessageRecord } {
    const complete = stopReason !== "aborted" && stopReason !== "error";
    const calls = complete ? this.calls : [];
    const interrupted = !complete;
    for (const [id, block] of this.toolBlocks) {
      if (calls.some((c) => c.id === id)) continue;
      this.ctx.writer.update(block, { status: "error", result: "not run: the reply was cut off" }, "not run: the reply was cut off");
      this.toolBlocks.delete(id);
    }
    if (this.thinkingBlock !== undefined) this.ctx.writer.close(this.thinkingBlock);
    if (this.textBlock !== undefined) this.ctx.writer.close(this.textBlock, interrupted ? { interrupted: true } : undefined);
    const message: AssistantMessage = {
      role: "assistant",
      text: this.textAcc,
      ...(this.thinkingAcc ? { thinking: this.thinkingAcc } : {}),
      ...(this.signature ? { thinkingSignature: this.signature } : {}),
      ...(calls.length ? { toolCalls: calls } : {}),
    };
    const payload: AssistantPayload = {
      ...(this.thinkingAcc ? { thinking: this.thinkingAcc } : {}),
      ...(this.signature ? { thinking_signature: this.signature } : {}),
      ...(calls.length ? { tool_calls: calls } : {}),
      ...(usage ? { usage: storedUsage(usage) } : {}),
      ...(cost !== undefined ? { cost_usd: cost } : {}),
    };
    const status = interrupted ? "interrupted" : "complete";
    let record: MessageRecord | undefined;
    if (!this.tap.record) return { message };
    if (this.partial !== undefined) {
      record = this.ctx.store.finishPartial(this.partial, { status, payload });
    } else if (this.thinkingAcc || calls.length) {
      record = this.ctx.store.appendMessage(this.ctx.sessionId, { kind: "assistant", text: "", payload, status });
    }
    if (record) announceSaved(this.ctx, record);
    return record ? { message, record } : { message };
  }
}

function storedUsage(u: TokenUsage): NonNullable<AssistantPayload["usage"]> {
  return { input: u.input, output: u.output, ...(u.cacheRead ? { cache_read: u.cacheRead } : {}), ...(u.cacheWrite ? { cache_write: u.cacheWrite } : {}) };
}

/** The status line's retry part: "retry 2 in 4 s: 429 rate limited". */
export function retryNote(attempt: number, delayMs: number, reason: string): string {
  const secs = delayMs < 10_000 ? +(delayMs / 1000).toFixed(1) : Math.round(delayMs / 1000);
  return `retry ${attempt} in ${secs} s: ${reason.split("\n")[0]}`;
}

/** `ms` rounded to whole seconds and written as the original (Go) wrote durations: `4s`, `1m30s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h}h${m}m${sec}s`;
  return m > 0 ? `${m}m${sec}s` : `${sec}s`;
}
