// Anthropic Messages through the official SDK (which parses the SSE): text, thinking with its
// signature, tool_use assembled from input_json_delta, usage and stop_reason.
import type Anthropic from "@anthropic-ai/sdk";
import type { ImageContent, ModelEvent, ModelMessage, ModelRequest, Provider, RetryOptions, StopReason, ThinkingLevel } from "./model-types.js";
import { lower } from "./provider-payload.js";
import { sdkStream } from "./sdk-stream.js";

export type AnthropicConfig = {
  id: string;
  /** Without /v1: the SDK appends /v1/messages. */
  baseURL: string;
  apiKey?: string;
  retry?: RetryOptions;
  /** Extra headers on every request (config `providers.<id>.headers`). */
  headers?: Record<string, string>;
};

export const ANTHROPIC_VERSION = "2023-06-01";
const DEFAULT_MAX_TOKENS = 8192;

/** Thinking budget per level; max_tokens is raised above it when needed (the API requires it). */
export const THINKING_BUDGET: Record<Exclude<ThinkingLevel, "off">, number> = {
  minimal: 1024,
  low: 4096,
  medium: 10_000,
  high: 32_000,
};

type Block = Record<string, unknown>;

/** An image as an Anthropic content block: a base64 source. */
function imageBlock(img: ImageContent): Block {
  return { type: "image", source: { type: "base64", media_type: img.mimeType, data: img.data } };
}

/** Converts provider-neutral messages to Anthropic messages; consecutive tool results share one user turn. */
export function toAnthropicMessages(messages: ModelMessage[]): { system: string; messages: { role: string; content: Block[] }[] } {
  const system: string[] = [];
  const out: { role: string; content: Block[] }[] = [];
  const push = (role: string, block: Block) => {
    const last = out[out.length - 1];
    if (last && last.role === role && role === "user") last.content.push(block);
    else out.push({ role, content: [block] });
  };
  for (const m of messages) {
    if (m.role === "system") system.push(m.text);
    else if (m.role === "user") {
      // Images first, then the question about them, as Anthropic recommends.
      for (const img of m.images ?? []) push("user", imageBlock(img));
      if (m.text || !m.images?.length) push("user", { type: "text", text: m.text });
    } else if (m.role === "tool") {
      const content = m.images?.length ? [{ type: "text", text: m.content }, ...m.images.map(imageBlock)] : m.content;
      push("user", { type: "tool_result", tool_use_id: m.toolCallId, content, ...(m.isError ? { is_error: true } : {}) });
    } else {
      const content: Block[] = [];
      if (m.thinking && m.thinkingSignature) content.push({ type: "thinking", thinking: m.thinking, signature: m.thinkingSignature });
      if (m.text) content.push({ type: "text", text: m.text });
      for (const c of m.toolCalls ?? []) content.push({ type: "tool_use", id: c.id, name: c.name, input: parseInput(c.arguments) });
      if (content.length) out.push({ role: "assistant", content });
    }
  }
  return { system: system.join("\n\n"), messages: out };
}

/** The JSON body of a streamed Messages request. */
export function anthropicBody(req: ModelRequest): Record<string, unknown> {
  const conv = toAnthropicMessages(req.messages);
  const system = [req.system, conv.system].filter(Boolean).join("\n\n");
  let maxTokens = req.maxTokens ?? DEFAULT_MAX_TOKENS;
  const body: Record<string, unknown> = { model: req.model, max_tokens: maxTokens, messages: conv.messages, stream: true };
  if (system) body.system = system;
  if (req.tools.length) {
    body.tools = req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.schema }));
  }
  if (req.thinkingLevel !== "off") {
    const budget = THINKING_BUDGET[req.thinkingLevel];
    maxTokens = Math.max(maxTokens, budget + 4096);
    body.max_tokens = maxTokens;
    body.thinking = { type: "enabled", budget_tokens: budget };
  }
  return body;
}

const STOP: Record<string, StopReason> = { end_turn: "stop", stop_sequence: "stop", max_tokens: "length", tool_use: "tool_use" };

/** Creates a Provider speaking Anthropic Messages to `cfg.baseURL`. */
export function createAnthropicProvider(cfg: AnthropicConfig): Provider {
  const apiKey = cfg.apiKey || "none";
  const baseURL = cfg.baseURL.replace(/\/+$/, "");
  // The SDK (~200 modules) is imported on the first request, not when the provider is built: the
  // status line names the provider long before anything is sent, and start-up must not pay for it.
  let client: Promise<Anthropic> | undefined;
  const getClient = (): Promise<Anthropic> => (client ??= import("@anthropic-ai/sdk").then(({ default: SDK }) =>
    // authToken: null, or the SDK would add ANTHROPIC_AUTH_TOKEN from the environment as a second credential.
    new SDK({ apiKey, authToken: null, baseURL, maxRetries: 0, logLevel: "off", defaultHeaders: cfg.headers })));
  const label = `${cfg.id}: ${baseURL}`;
  return {
    id: cfg.id,
    api: "anthropic-messages",
    stream(req, opts) {
      const payload = {
        provider: cfg.id,
        model: req.model,
        url: `${baseURL}/v1/messages`,
        headers: { ...lower(cfg.headers), "x-api-key": apiKey, "anthropic-version": ANTHROPIC_VERSION, "content-type": "application/json" },
        body: anthropicBody(req),
      };
      return sdkStream({
        label, payload, apiKey, configHeaders: cfg.headers, retry: cfg.retry, opts,
        attempt: (body, headers, signal) => streamEvents(getClient, body, headers, signal),
      });
    },
  };
}

async function* streamEvents(
  getClient: () => Promise<Anthropic>,
  body: Record<string, unknown>,
  headers: Record<string, string | null>,
  signal: AbortSignal,
): AsyncGenerator<ModelEvent> {
  const client = await getClient();
  const stream = await client.messages.create(body as unknown as Anthropic.MessageCreateParamsStreaming, { signal, headers });
  const tools = new Map<number, { id: string; name: string; arguments: string }>();
  const usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  let stopReason: StopReason = "stop";
  let providerFinishReason: string | undefined;
  let finished = false;
  let toolIndex = 0;
  for await (const raw of stream) {
    // Read loosely: the SDK's event union is large and servers add fields; unknown types are skipped.
    const ev = raw as unknown as Record<string, any>;
    if (ev.type === "message_start") {
      const u = ev.message?.usage ?? {};
      usage.input = u.input_tokens ?? 0;
      usage.output = u.output_tokens ?? 0;
      usage.cacheRead = u.cache_read_input_tokens ?? 0;
      usage.cacheWrite = u.cache_creation_input_tokens ?? 0;
    } else if (ev.type === "content_block_start") {
      const block = ev.content_block ?? {};
      if (block.type === "tool_use") {
        const call = { id: block.id, name: block.name, arguments: "" };
        tools.set(ev.index, call);
        yield { type: "tool_call_start", id: call.id, name: call.name, index: toolIndex++ };
      } else if (block.type === "text" && block.text) yield { type: "text_delta", text: block.text };
      else if (block.type === "thinking" && block.thinking) yield { type: "thinking_delta", text: block.thinking };
    } else if (ev.type === "content_block_delta") {
      const d = ev.delta ?? {};
      if (d.type === "text_delta") yield { type: "text_delta", text: d.text };
      else if (d.type === "thinking_delta") yield { type: "thinking_delta", text: d.thinking };
      else if (d.type === "signature_delta") yield { type: "thinking_delta", text: "", signature: d.signature };
      else if (d.type === "input_json_delta") {
        const call = tools.get(ev.index);
        if (call && d.partial_json) {
          call.arguments += d.partial_json;
          yield { type: "tool_call_delta", id: call.id, argumentsDelta: d.partial_json };
        }
      }
    } else if (ev.type === "content_block_stop") {
      const call = tools.get(ev.index);
      if (call) yield { type: "tool_call_end", id: call.id, name: call.name, arguments: call.arguments || "{}" };
    } else if (ev.type === "message_delta") {
      if (ev.delta?.stop_reason) {
        providerFinishReason = String(ev.delta.stop_reason);
        stopReason = STOP[ev.delta.stop_reason] ?? "stop";
      }
      const u = ev.usage ?? {};
      if (typeof u.output_tokens === "number") usage.output = u.output_tokens;
      if (typeof u.input_tokens === "number") usage.input = u.input_tokens;
    } else if (ev.type === "message_stop") finished = true;
  }
  if (signal.aborted) return;
  if (!finished) throw new Error("stream ended before message_stop");
  yield {
    type: "usage",
    input: usage.input,
    output: usage.output,
    ...(usage.cacheRead ? { cacheRead: usage.cacheRead } : {}),
    ...(usage.cacheWrite ? { cacheWrite: usage.cacheWrite } : {}),
  };
  yield { type: "done", stopReason, ...(providerFinishReason ? { providerFinishReason } : {}) };
}

function parseInput(args: string): unknown {
  try {
    const v = JSON.parse(args || "{}");
    return typeof v === "object" && v !== null ? v : {};
  } catch {
    return {};
  }
}
