// OpenAI-compatible Chat Completions (OpenAI, OpenRouter, Groq, DeepSeek, llama.cpp, vLLM, Ollama)
// through the official SDK, which parses the SSE; we turn chunks into ModelEvents.
import type OpenAI from "openai";
import type { ImageContent, ModelEvent, ModelMessage, ModelRequest, Provider, RetryOptions, StopReason } from "./model-types.js";
import { lower } from "./provider-payload.js";
import { sdkStream } from "./sdk-stream.js";

export type OpenAIChatConfig = {
  id: string;
  baseURL: string;
  /** Local servers need none; the SDK still sends "Bearer none" then, which they ignore. */
  apiKey?: string;
  retry?: RetryOptions;
  /** Extra headers on every request (config `providers.<id>.headers`). */
  headers?: Record<string, string>;
};

type ChunkDelta = {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
};

/** An image as a Chat Completions content part: a base64 data URL. */
function imagePart(img: ImageContent): Record<string, unknown> {
  return { type: "image_url", image_url: { url: `data:${img.mimeType};base64,${img.data}` } };
}

/**
 * Converts provider-neutral messages to Chat Completions messages. A prompt with images becomes
 * text and image_url parts. A tool message carries text only, so the images of a run of tool
 * results follow it in one user message ("Attached image(s) from tool result:").
 */
export function toOpenAIMessages(system: string, messages: ModelMessage[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (system) out.push({ role: "system", content: system });
  let toolImages: ImageContent[] = [];
  const flushToolImages = () => {
    if (toolImages.length === 0) return;
    out.push({ role: "user", content: [{ type: "text", text: "Attached image(s) from tool result:" }, ...toolImages.map(imagePart)] });
    toolImages = [];
  };
  for (const m of messages) {
    if (m.role !== "tool") flushToolImages();
    if (m.role === "user" && m.images?.length) {
      out.push({ role: "user", content: [...(m.text ? [{ type: "text", text: m.text }] : []), ...m.images.map(imagePart)] });
    } else if (m.role === "system" || m.role === "user") out.push({ role: m.role, content: m.text });
    else if (m.role === "tool") {
      out.push({ role: "tool", tool_call_id: m.toolCallId, content: m.content });
      toolImages.push(...(m.images ?? []));
    } else {
      const msg: Record<string, unknown> = { role: "assistant", content: m.text || null };
      if (m.toolCalls?.length) {
        msg.tool_calls = m.toolCalls.map((c) => ({
          id: c.id,
          type: "function",
          function: { name: c.name, arguments: c.arguments },
        }));
      }
      out.push(msg);
    }
  }
  flushToolImages();
  return out;
}

/** The JSON body of a streamed Chat Completions request. */
export function openAIChatBody(req: ModelRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: req.model,
    messages: toOpenAIMessages(req.system, req.messages),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (req.tools.length) {
    body.tools = req.tools.map((t) => ({
      type: "function",
      function: { name: t.name, description: t.description, parameters: t.schema },
    }));
  }
  if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
  // Sent only on request: models without reasoning reject the field.
  if (req.thinkingLevel !== "off") body.reasoning_effort = req.thinkingLevel;
  return body;
}

const FINISH: Record<string, StopReason> = { stop: "stop", length: "length", tool_calls: "tool_use", function_call: "tool_use" };

/** Creates a Provider speaking Chat Completions to `cfg.baseURL`. */
export function createOpenAIChatProvider(cfg: OpenAIChatConfig): Provider {
  const apiKey = cfg.apiKey || "none";
  // OPENAI_ORG_ID / OPENAI_PROJECT_ID belong to api.openai.com; never send them to other servers.
  const official = /^https:\/\/api\.openai\.com\//.test(cfg.baseURL);
  // The SDK is imported on the first request, not when the provider is built (start-up cost).
  let client: Promise<OpenAI> | undefined;
  const getClient = (): Promise<OpenAI> => (client ??= import("openai").then(({ default: SDK }) => new SDK({
    apiKey,
    baseURL: cfg.baseURL,
    maxRetries: 0,
    logLevel: "off",
    defaultHeaders: cfg.headers,
    ...(official ? {} : { organization: null, project: null }),
  })));
  const url = `${cfg.baseURL.replace(/\/+$/, "")}/chat/completions`;
  const label = `${cfg.id}: ${cfg.baseURL}`;
  return {
    id: cfg.id,
    api: "openai-chat",
    stream(req, opts) {
      const payload = {
        provider: cfg.id,
        model: req.model,
        url,
        headers: { ...lower(cfg.headers), authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: openAIChatBody(req),
      };
      return sdkStream({
        label, payload, apiKey, configHeaders: cfg.headers, retry: cfg.retry, opts,
        attempt: (body, headers, signal) => streamChunks(getClient, body, headers, signal),
      });
    },
  };
}

async function* streamChunks(
  getClient: () => Promise<OpenAI>,
  body: Record<string, unknown>,
  headers: Record<string, string | null>,
  signal: AbortSignal,
): AsyncGenerator<ModelEvent> {
  const client = await getClient();
  const stream = await client.chat.completions.create(
    body as unknown as OpenAI.ChatCompletionCreateParamsStreaming,
    { signal, headers },
  );
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let finish: string | null = null;
  let usage: ModelEvent | undefined;
  for await (const chunk of stream) {
    if (chunk.usage) {
      const cached = chunk.usage.prompt_tokens_details?.cached_tokens;
      usage = {
        type: "usage",
        input: chunk.usage.prompt_tokens ?? 0,
        output: chunk.usage.completion_tokens ?? 0,
        ...(cached ? { cacheRead: cached } : {}),
      };
    }
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = (choice.delta ?? {}) as ChunkDelta;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) yield { type: "thinking_delta", text: reasoning };
    if (delta.content) yield { type: "text_delta", text: delta.content };
    for (const tc of delta.tool_calls ?? []) {
      const index = tc.index ?? calls.size;
      let call = calls.get(index);
      if (!call) {
        call = { id: tc.id || `call_${index}`, name: tc.function?.name ?? "", arguments: "" };
        calls.set(index, call);
        yield { type: "tool_call_start", id: call.id, name: call.name, index };
      } else if (tc.function?.name && !call.name) call.name = tc.function.name;
      const args = tc.function?.arguments;
      if (args) {
        call.arguments += args;
        yield { type: "tool_call_delta", id: call.id, argumentsDelta: args };
      }
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  if (signal.aborted) return;
  if (finish === null) throw new Error("stream ended before a finish_reason");
  for (const index of [...calls.keys()].sort((a, b) => a - b)) {
    const c = calls.get(index)!;
    yield { type: "tool_call_end", id: c.id, name: c.name, arguments: c.arguments };
  }
  if (usage) yield usage;
  // Some local servers say "stop" after tool calls; the calls are what the caller must act on.
  const stopReason = finish === "length" ? "length" : calls.size > 0 ? "tool_use" : (FINISH[finish] ?? "stop");
  yield { type: "done", stopReason, providerFinishReason: finish };
}
