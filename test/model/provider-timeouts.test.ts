import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "../../engine/model/anthropic-provider.js";
import type { ModelRequest } from "../../engine/model/model-types.js";
import { createOpenAIChatProvider } from "../../engine/model/openai-chat-provider.js";
import { resolveProvider } from "../../engine/model/provider-registry.js";
import { collect, sse, sseThenStall, startLoopback, type Handler, type Loopback } from "./loopback-server.js";

const base = { id: "chatcmpl-9", object: "chat.completion.chunk", created: 1764000000, model: "gpt-test" };
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const request: ModelRequest = { model: "gpt-test", system: "", messages: [{ role: "user", text: "hi" }], tools: [], thinkingLevel: "off" };

/** Accepts the request and never answers: no status line, no headers. */
const stallBeforeHeaders: Handler = () => {};
const noSleep = { sleep: async () => {}, random: () => 1 };

let server: Loopback;
afterEach(() => server?.close());

async function openai(handlers: Handler[], retry: object) {
  server = await startLoopback(handlers);
  const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1`, apiKey: "sk-test", retry });
  return collect(provider.stream(request, { signal: new AbortController().signal }));
}

describe("provider timeouts", () => {
  // The first-event clock includes the SDK's own set-up, so tries that must reach the server get a second.
  it("a server that never sends headers times out each try, and the tries count it", async () => {
    const events = await openai([stallBeforeHeaders], { ...noSleep, timeoutMs: 1000, maxAttempts: 2 });
    expect(events).toEqual([
      { type: "retry", attempt: 2, delayMs: 500, reason: "timed out after 1 s waiting for a response" },
      { type: "done", stopReason: "error", error: `local: ${server.origin}/v1: request failed after 2 attempts: timed out after 1 s waiting for a response` },
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it("a stall before headers is retried and the next try succeeds", async () => {
    const events = await openai([stallBeforeHeaders, sse([chunk({ content: "ok" }, "stop"), "data: [DONE]\n\n"])], { ...noSleep, timeoutMs: 1000 });
    expect(events.map((e) => e.type)).toEqual(["retry", "text_delta", "done"]);
  });

  it("a stream that stalls mid-way ends with what arrived and a timed-out error", async () => {
    const events = await openai([sseThenStall([chunk({ content: "half an answ" })])], { ...noSleep, idleTimeoutMs: 150 });
    expect(events).toEqual([
      { type: "text_delta", text: "half an answ" },
      { type: "done", stopReason: "error", error: `local: ${server.origin}/v1: stream interrupted: timed out after 0.15 s without data` },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("anthropic: a stream that stalls mid-way times out too", async () => {
    const frame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
    server = await startLoopback([sseThenStall([
      frame("message_start", { message: { id: "m", type: "message", role: "assistant", model: "c", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } }),
      frame("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
      frame("content_block_delta", { index: 0, delta: { type: "text_delta", text: "so far" } }),
    ])]);
    const provider = createAnthropicProvider({ id: "claude", baseURL: server.origin, apiKey: "sk-ant-test", retry: { ...noSleep, idleTimeoutMs: 150 } });
    const events = await collect(provider.stream({ ...request, model: "c" }, { signal: new AbortController().signal }));
    expect(events.filter((e) => e.type !== "usage")).toEqual([
      { type: "text_delta", text: "so far" },
      { type: "done", stopReason: "error", error: `claude: ${server.origin}: stream interrupted: timed out after 0.15 s without data` },
    ]);
  });

  it("providers.<id>.timeout_ms from config reaches the request", async () => {
    server = await startLoopback([stallBeforeHeaders]);
    const config = {
      assistant: { provider: "local", model: "m" },
      providers: { local: { api: "openai-chat" as const, base_url: `${server.origin}/v1`, models: ["m"], timeout_ms: 120, idle_timeout_ms: 5000 } },
    };
    const { provider } = resolveProvider(config, { retry: { ...noSleep, maxAttempts: 1 } }, {});
    const events = await collect(provider.stream(request, { signal: new AbortController().signal }));
    expect(events).toEqual([
      { type: "done", stopReason: "error", error: `local: ${server.origin}/v1: request failed after 1 attempt: timed out after 0.12 s waiting for a response` },
    ]);
  });
});
