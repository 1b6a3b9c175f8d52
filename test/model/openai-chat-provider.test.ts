import { afterEach, describe, expect, it } from "vitest";
import { createOpenAIChatProvider } from "../../engine/model/openai-chat-provider.js";
import type { ModelEvent, ModelRequest, RetryOptions } from "../../engine/model/model-types.js";
import { collect, jsonError, sse, sseThenCut, sseThenStall, startLoopback, type Handler, type Loopback } from "./loopback-server.js";

// Frames exactly as api.openai.com streams them with stream_options.include_usage.
const base = { id: "chatcmpl-9", object: "chat.completion.chunk", created: 1764000000, model: "gpt-test", system_fingerprint: "fp_1" };
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;
const usage = (prompt: number, completion: number, cached = 0) =>
  `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: cached } } })}\n\n`;
const DONE = "data: [DONE]\n\n";

const request: ModelRequest = {
  model: "gpt-test",
  system: "be brief",
  messages: [{ role: "user", text: "hi" }],
  tools: [],
  thinkingLevel: "off",
};

let server: Loopback;
afterEach(() => server?.close());

async function run(handlers: Handler[], retry: RetryOptions = {}, signal = new AbortController().signal, req = request) {
  server = await startLoopback(handlers);
  const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1`, apiKey: "sk-test", retry });
  return collect(provider.stream(req, { signal }));
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("openai-chat provider", () => {
  it("streams text, then usage, then done", async () => {
    const events = await run([sse([chunk({ role: "assistant", content: "" }), chunk({ content: "Hel" }), chunk({ content: "lo" }), chunk({}, "stop"), usage(12, 2, 4), DONE])]);
    expect(events).toEqual([
      { type: "text_delta", text: "Hel" },
      { type: "text_delta", text: "lo" },
      { type: "usage", input: 12, output: 2, cacheRead: 4 },
      { type: "done", stopReason: "stop", providerFinishReason: "stop" },
    ]);
  });

  it("sends a streaming request with usage, system prompt and the key", async () => {
    await run([sse([chunk({ content: "x" }, "stop"), DONE])]);
    const r = server.requests[0];
    expect(r.path).toBe("/v1/chat/completions");
    expect(r.headers.authorization).toBe("Bearer sk-test");
    expect(r.body).toEqual({
      model: "gpt-test",
      messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("streams reasoning_content and reasoning deltas as thinking", async () => {
    const events = await run([sse([chunk({ reasoning_content: "Let me " }), chunk({ reasoning: "think." }), chunk({ content: "Done." }), chunk({}, "stop"), DONE])]);
    expect(events).toEqual([
      { type: "thinking_delta", text: "Let me " },
      { type: "thinking_delta", text: "think." },
      { type: "text_delta", text: "Done." },
      { type: "done", stopReason: "stop", providerFinishReason: "stop" },
    ]);
  });

  it("assembles parallel tool calls by index", async () => {
    const events = await run([
      sse([
        chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "ls", arguments: "" } }] }),
        chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "read", arguments: "" } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{"path":"a.md"}' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"."}' } }] }),
        chunk({}, "tool_calls"),
        usage(30, 20),
        DONE,
      ]),
    ]);
    expect(events).toEqual([
      { type: "tool_call_start", id: "call_a", name: "ls", index: 0 },
      { type: "tool_call_start", id: "call_b", name: "read", index: 1 },
      { type: "tool_call_delta", id: "call_a", argumentsDelta: '{"path":' },
      { type: "tool_call_delta", id: "call_b", argumentsDelta: '{"path":"a.md"}' },
      { type: "tool_call_delta", id: "call_a", argumentsDelta: '"."}' },
      { type: "tool_call_end", id: "call_a", name: "ls", arguments: '{"path":"."}' },
      { type: "tool_call_end", id: "call_b", name: "read", arguments: '{"path":"a.md"}' },
      { type: "usage", input: 30, output: 20 },
      { type: "done", stopReason: "tool_use", providerFinishReason: "tool_calls" },
    ]);
  });

  it("sends tools, tool calls and tool results in Chat Completions form", async () => {
    await run([sse([chunk({ content: "ok" }, "stop"), DONE])], {}, undefined, {
      ...request,
      system: "",
      tools: [{ name: "ls", description: "list", schema: { type: "object" } }],
      messages: [
        { role: "user", text: "list" },
        { role: "assistant", text: "", toolCalls: [{ id: "c1", name: "ls", arguments: '{"path":"."}' }] },
        { role: "tool", toolCallId: "c1", content: "a.md" },
      ],
    });
    expect(server.requests[0].body.messages).toEqual([
      { role: "user", content: "list" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "ls", arguments: '{"path":"."}' } }] },
      { role: "tool", tool_call_id: "c1", content: "a.md" },
    ]);
    expect(server.requests[0].body.tools).toEqual([{ type: "function", function: { name: "ls", description: "list", parameters: { type: "object" } } }]);
  });

  it("maps finish_reason length to stopReason length", async () => {
    const events = await run([sse([chunk({ content: "trunc" }, "length"), DONE])]);
    expect(events.at(-1)).toEqual({ type: "done", stopReason: "length", providerFinishReason: "length" });
  });

  it("keeps what arrived when the connection is cut mid-stream, and ends with an error", async () => {
    const events = await run([sseThenCut([chunk({ content: "partial" })])]);
    expect(events).toEqual([
      { type: "text_delta", text: "partial" },
      { type: "done", stopReason: "error", error: `local: ${server.origin}/v1: stream interrupted: connection error: terminated` },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a 429 after the Retry-After delay", async () => {
    const { waits, sleep } = recordingSleep();
    const events = await run(
      [jsonError(429, { error: { message: "Rate limit reached", type: "requests" } }, { "retry-after": "2" }), sse([chunk({ content: "ok" }, "stop"), DONE])],
      { sleep },
    );
    expect(waits).toEqual([2000]);
    expect(events).toEqual([
      { type: "retry", attempt: 2, delayMs: 2000, reason: "429 Rate limit reached" },
      { type: "text_delta", text: "ok" },
      { type: "done", stopReason: "stop", providerFinishReason: "stop" },
    ]);
  });

  it("retries a 500 with exponential backoff, then succeeds", async () => {
    const { waits, sleep } = recordingSleep();
    const events = await run(
      [jsonError(500, { error: { message: "boom" } }), jsonError(502, { error: { message: "bad gateway" } }), sse([chunk({ content: "ok" }, "stop"), DONE])],
      { sleep, random: () => 1, baseDelayMs: 100 },
    );
    expect(waits).toEqual([100, 200]);
    expect(events.map((e) => e.type)).toEqual(["retry", "retry", "text_delta", "done"]);
  });

  it("gives a clear error after the last attempt", async () => {
    const { sleep } = recordingSleep();
    const events = await run([jsonError(503, { error: { message: "overloaded" } })], { sleep, maxAttempts: 3 });
    expect(events.at(-1)).toEqual({
      type: "done",
      stopReason: "error",
      error: `local: ${server.origin}/v1: request failed after 3 attempts: 503 overloaded`,
      status: 503, details: expect.objectContaining({ body_preview: '{"error":{"message":"overloaded"}}' }),
    });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a 400 and never shows the key in the error", async () => {
    const events = await run([jsonError(401, { error: { message: "Incorrect API key provided: sk-test" } })]);
    expect(events).toEqual([
      { type: "done", stopReason: "error", error: `local: ${server.origin}/v1: 401 Incorrect API key provided: [redacted]`, status: 401, details: expect.objectContaining({ body_preview: '{"error":{"message":"Incorrect API key provided: [redacted]"}}' }) },
    ]);
  });

  it("ends with a clear error on a malformed event", async () => {
    let parseError = "";
    try {
      JSON.parse("{not json");
    } catch (e) {
      parseError = (e as Error).message;
    }
    const events = await run([sse([chunk({ content: "a" }), "data: {not json\n\n", DONE])]);
    expect(events).toEqual([
      { type: "text_delta", text: "a" },
      { type: "done", stopReason: "error", error: `local: ${server.origin}/v1: stream interrupted: malformed stream event: ${parseError}` },
    ]);
  });

  it("ends with an error when the server closes the stream before a finish_reason", async () => {
    const events = await run([sse([chunk({ content: "half" })])]);
    expect(events).toEqual([
      { type: "text_delta", text: "half" },
      { type: "done", stopReason: "error", error: `local: ${server.origin}/v1: stream interrupted: stream ended before a finish_reason` },
    ]);
  });

  it("reports an error object sent inside the stream", async () => {
    const events = await run([sse([chunk({ content: "a" }), `data: ${JSON.stringify({ error: { message: "context length exceeded", type: "invalid_request_error" } })}\n\n`])]);
    expect(events.at(-1)).toEqual({
      type: "done",
      stopReason: "error",
      error: `local: ${server.origin}/v1: stream interrupted: invalid_request_error: context length exceeded`,
      code: "invalid_request_error",
    });
  });

  it("ends a stalled stream at once when aborted, keeping what streamed", async () => {
    server = await startLoopback([sseThenStall([chunk({ content: "thinking about it" })])]);
    const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1`, apiKey: "sk-test" });
    const ac = new AbortController();
    const events: ModelEvent[] = [];
    for await (const ev of provider.stream(request, { signal: ac.signal })) {
      events.push(ev);
      if (ev.type === "text_delta") ac.abort();
    }
    expect(events).toEqual([
      { type: "text_delta", text: "thinking about it" },
      { type: "done", stopReason: "aborted" },
    ]);
  });

  it("lets a payload hook edit the body and plain headers but not see or change the key", async () => {
    server = await startLoopback([sse([chunk({ content: "x" }, "stop"), DONE])]);
    const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1`, apiKey: "sk-test" });
    const seen: Record<string, string>[] = [];
    await collect(
      provider.stream(request, {
        signal: new AbortController().signal,
        onPayload: (p) => {
          seen.push({ ...p.headers });
          p.headers.authorization = "Bearer stolen";
          p.headers["x-trace"] = "t-1";
          p.body.temperature = 0.2;
        },
      }),
    );
    expect(seen).toEqual([{ authorization: "[redacted]", "content-type": "application/json" }]);
    expect(server.requests[0].headers.authorization).toBe("Bearer sk-test");
    expect(server.requests[0].headers["x-trace"]).toBe("t-1");
    expect(server.requests[0].body.temperature).toBe(0.2);
  });
});
