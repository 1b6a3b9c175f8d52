// The model's view of a session: stored message records <-> provider-neutral messages, the
// estimate of how much of the context window they use, and the repairs a resumed or interrupted
// conversation needs (every tool call answered, no empty turns) before a provider accepts it.
import { messageChars } from "../model/message-chars.js";
import type { ModelMessage, ModelToolCall } from "../model/model-types.js";
import type { MessageRecord } from "../session/session-records.js";
import { imagesOf, type StoredImage } from "./image-records.js";

/** A message of the live context and the session seq it was stored under (0: not stored). */
export type ContextEntry = { message: ModelMessage; seq: number };

/** The payload stored with an assistant message. */
export type AssistantPayload = {
  thinking?: string; thinking_signature?: string; tool_calls?: ModelToolCall[];
  /** The response's token counts, as the provider reported them. */
  usage?: { input: number; output: number; cache_read?: number; cache_write?: number };
  /** USD the response cost at the prices known when it was made (absent when unknown). */
  cost_usd?: number;
};
/** The payload stored with a tool result (`images`: what the tool returned besides text). */
export type ToolResultPayload = { tool_call_id: string; name: string; is_error: boolean; images?: StoredImage[] };

/** Roughly four characters a token, as the usual tokenizers do on English and code. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

export { messageChars };

/**
 * Tokens the context uses: the provider's last count (`reported`, covering the first `entries`
 * messages) plus chars/4 of what came after; without a count, chars/4 of everything (`fixedChars`:
 * system prompt and tool schemas).
 */
export function estimateContext(entries: ContextEntry[], reported: { tokens: number; entries: number } | undefined,
  fixedChars: () => number): number {
  const chars = (from: number) => entries.slice(from).reduce((n, e) => n + messageChars(e.message), 0);
  if (reported && reported.entries <= entries.length) return reported.tokens + estimateTokens(chars(reported.entries));
  return estimateTokens(fixedChars() + chars(0));
}

/**
 * A message as the current model may see it: one that takes no images gets a note in their
 * place (a session may have attached them under another model).
 */
export function forModel(m: ModelMessage, acceptsImages: boolean): ModelMessage {
  if (acceptsImages || (m.role !== "user" && m.role !== "tool") || !m.images?.length) return m;
  const note = `[${m.images.length} image(s) not shown: the current model does not accept images]`;
  const { images: _drop, ...rest } = m;
  return rest.role === "user" ? { ...rest, text: rest.text ? `${rest.text}\n${note}` : note } : { ...rest, content: `${rest.content}\n${note}` };
}

/** The live context rebuilt from `loadContext` records: the summary text and the messages after it. */
export function contextFromRecords(records: MessageRecord[]): { summary?: string; entries: ContextEntry[] } {
  let summary: string | undefined;
  const entries: ContextEntry[] = [];
  for (const r of records) {
    const m = toModelMessage(r);
    if (r.kind === "summary") summary = r.text;
    else if (m) entries.push({ message: m, seq: r.seq });
  }
  return { ...(summary !== undefined ? { summary } : {}), entries: repairContext(entries) };
}

function toModelMessage(r: MessageRecord): ModelMessage | undefined {
  const p = (r.payload ?? {}) as Record<string, unknown>;
  if (r.kind === "user") {
    const images = imagesOf(r.payload);
    return { role: "user", text: r.text, ...(images.length ? { images } : {}) };
  }
  if (r.kind === "assistant") {
    const a = p as AssistantPayload;
    return {
      role: "assistant",
      text: r.text,
      ...(a.thinking ? { thinking: a.thinking } : {}),
      ...(a.thinking_signature ? { thinkingSignature: a.thinking_signature } : {}),
      ...(a.tool_calls?.length ? { toolCalls: a.tool_calls } : {}),
    };
  }
  if (r.kind === "tool_result") {
    const t = p as Partial<ToolResultPayload>;
    const images = imagesOf(r.payload);
    return {
      role: "tool", toolCallId: String(t.tool_call_id ?? ""), toolName: String(t.name ?? ""), content: r.text, isError: t.is_error === true,
      ...(images.length ? { images } : {}),
    };
  }
  return undefined;
}

/**
 * Drops what a provider would reject: tool calls with no result (a run killed mid-tool), results
 * whose call is gone, and assistant messages left with neither text nor calls.
 */
export function repairContext(entries: ContextEntry[]): ContextEntry[] {
  const answered = new Set<string>();
  for (const e of entries) if (e.message.role === "tool") answered.add(e.message.toolCallId);
  const called = new Set<string>();
  const out: ContextEntry[] = [];
  for (const e of entries) {
    const m = e.message;
    if (m.role === "assistant") {
      const calls = (m.toolCalls ?? []).filter((c) => answered.has(c.id));
      for (const c of calls) called.add(c.id);
      if (m.text === "" && calls.length === 0) continue;
      const { toolCalls: _drop, ...rest } = m;
      out.push({ seq: e.seq, message: calls.length ? { ...rest, toolCalls: calls } : rest });
    } else if (m.role === "tool") {
      if (called.has(m.toolCallId)) out.push(e);
    } else out.push(e);
  }
  return out;
}

/**
 * Where compaction may cut: indices of user messages (a cut there never separates a tool call
 * from its result). Returns the first index to keep so the kept tail fits `keepChars`, always
 * keeping the last user message and what follows it; 0 when nothing can be summarised.
 */
export function compactionCut(entries: ContextEntry[], keepChars: number): number {
  const starts: number[] = [];
  entries.forEach((e, i) => {
    if (e.message.role === "user") starts.push(i);
  });
  if (starts.length < 2) return 0;
  const tail: number[] = new Array(entries.length + 1).fill(0);
  for (let i = entries.length - 1; i >= 0; i--) tail[i] = tail[i + 1]! + messageChars(entries[i]!.message);
  const last = starts[starts.length - 1]!;
  let cut = last;
  for (let k = starts.length - 2; k >= 1; k--) {
    if (tail[starts[k]!]! > keepChars) break;
    cut = starts[k]!;
  }
  return cut;
}

/** A plain-text rendering of messages for a summary request (or the offline summary). */
export function renderForSummary(entries: ContextEntry[], perMessage = 2000): string {
  const lines: string[] = [];
  for (const { message: m } of entries) {
    const cap = (s: string) => (s.length > perMessage ? `${s.slice(0, perMessage)} [...]` : s);
    const pics = (m.role === "user" || m.role === "tool") && m.images?.length ? ` [${m.images.length} image(s)]` : "";
    if (m.role === "user") lines.push(`user: ${cap(m.text)}${pics}`);
    else if (m.role === "assistant") {
      if (m.text) lines.push(`assistant: ${cap(m.text)}`);
      for (const c of m.toolCalls ?? []) lines.push(`assistant called ${c.name} ${cap(c.arguments)}`);
    } else if (m.role === "tool") lines.push(`${m.toolName ?? "tool"} ${m.isError ? "failed" : "returned"}: ${cap(m.content)}${pics}`);
  }
  return lines.join("\n");
}
