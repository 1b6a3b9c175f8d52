// Provider-neutral conversation records and the stream event union every provider emits.
import type { ProviderErrorDetails } from "./provider-error-details.js";
import type { ImageContent } from "../kernel/tool-registry.js";

export type { ImageContent } from "../kernel/tool-registry.js";

/** A tool call the model made; `arguments` is the JSON text exactly as the model produced it. */
export type ModelToolCall = { id: string; name: string; arguments: string };

export type ModelMessage =
  | { role: "system"; text: string }
  /** `images`: attached to the prompt (PNG, JPEG, GIF or WebP, base64). */
  | { role: "user"; text: string; images?: ImageContent[] }
  | {
      role: "assistant";
      text: string;
      thinking?: string;
      /** Anthropic's signature for `thinking`; required to send thinking back with tool use. */
      thinkingSignature?: string;
      toolCalls?: ModelToolCall[];
    }
  /** `images`: what the tool returned besides its text (the read tool's image). */
  | { role: "tool"; toolCallId: string; toolName?: string; content: string; isError?: boolean; images?: ImageContent[] };

export type ModelToolSpec = { name: string; description: string; schema: Record<string, unknown> };

export type ThinkingLevel = "off" | "minimal" | "low" | "medium" | "high";

export type ModelRequest = {
  model: string;
  system: string;
  messages: ModelMessage[];
  tools: ModelToolSpec[];
  thinkingLevel: ThinkingLevel;
  maxTokens?: number;
};

export type StopReason = "stop" | "length" | "tool_use" | "aborted" | "error";

export type ModelEvent =
  | { type: "text_delta"; text: string }
  /** `signature` arrives once at the end of an Anthropic thinking block (with text ""). */
  | { type: "thinking_delta"; text: string; signature?: string }
  | { type: "tool_call_start"; id: string; name: string; index: number }
  | { type: "tool_call_delta"; id: string; argumentsDelta: string }
  | { type: "tool_call_end"; id: string; name: string; arguments: string }
  | { type: "usage"; input: number; output: number; cacheRead?: number; cacheWrite?: number }
  | { type: "retry"; attempt: number; delayMs: number; reason: string }
  /**
   * `providerFinishReason`: the provider's own word (`end_turn`, `tool_calls`); `details`: the
   * original's provider-error fields of a failed request.
   */
  | { type: "done"; stopReason: StopReason; error?: string; status?: number; code?: string; providerFinishReason?: string; details?: ProviderErrorDetails };

/** What is about to be sent; a hook may edit `body` and non-sensitive `headers`. */
export type ProviderPayload = {
  provider: string;
  model: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
};

export type StreamOptions = {
  signal: AbortSignal;
  onPayload?: (p: ProviderPayload) => ProviderPayload | void;
};

export type ProviderApi = "openai-chat" | "anthropic-messages" | "script";

export type Provider = {
  id: string;
  api: ProviderApi;
  stream(req: ModelRequest, opts: StreamOptions): AsyncIterable<ModelEvent>;
};

/** Retry tuning shared by the HTTP providers; `sleep`, `random` and `now` are injectable for tests. */
export type RetryOptions = {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After we wait for; longer ones are clamped to it. */
  maxRetryAfterMs?: number;
  /** Longest wait for the first event of a try (connecting, headers, first byte); default 120 s. */
  timeoutMs?: number;
  /** Longest silence between events once a try streams; default 90 s. */
  idleTimeoutMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
};
