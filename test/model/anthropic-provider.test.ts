import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "../../engine/model/anthropic-provider.js";
import type { ModelEvent, ModelRequest, RetryOptions } from "../../engine/model/model-types.js";
import { collect, jsonError, sse, sseThenCut, sseThenStall, startLoopback, type Handler, type Loopback } from "./loopback-server.js";

// Frames exactly as api.anthropic.com streams them: a named event line, then its JSON data line.
const frame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
const start = (input = 25, cacheRead = 0) =>
  frame("message_start", {
    message: {
      id: "msg_01",
      type: "message",
      role: "assistant",
      model: "claude-test",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: cacheRead, output_tokens: 1 },
    },
  });
const blockStart = (index: number, content_block: object) => frame("content_block_start", { index, content_block });
const delta = (index: number, d: object) => frame("content_block_delta", { index, delta: d });
const blockStop = (index: number) => frame("content_block_stop", { index });
const messageDelta = (stop_reason: string, output: number) =>
  frame("message_delta", { delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: output } });
const stop = frame("message_stop", {});
const ping = frame("ping", {});
const text = (index: number, s: string) => [blockStart(index, { type: "text", text: "" }), delta(index, { type: "text_delta", text: s }), blockStop(index)];

const request: ModelRequest = { model: "claude-test", system: "be brief", messages: [{ role: "user", text: "hi" }], tools: [], thinkingLevel: "off" };

let server: Loopback;
afterEach(() => server?.close());

async function run(handlers: Handler[], retry: RetryOptions = {}, req = request) {
  server = await startLoopback(handlers);
  const provider = createAnthropicProvider({ id: "claude", baseURL: server.origin, apiKey: "sk-ant-test", retry });
  return collect(provider.stream(req, { signal: new AbortController().signal }));
}

describe("anthropic-messages provider", () => {
  it("streams text, usage with cache reads, and the stop reason", async () => {
    const events = await run([
      sse([start(25, 10), blockStart(0, { type: "text", text: "" }), ping, delta(0, { type: "text_delta", text: "Hel" }), delta(0, { type: "text_delta", text: "lo" }), blockStop(0), messageDelta("end_turn", 15), stop]),
    ]);
    expect(events).toEqual([
      { type: "text_delta", text: "Hel" },
      { type: "text_delta", text: "lo" },
      { type: "usage", input: 25, output: 15, cacheRead: 10 },
      { type: "done", stopReason: "stop", providerFinishReason: "end_turn" },
    ]);
  });

  it("posts to /v1/messages with the key, version and a streaming body", async () => {
    await run([sse([start(), ...text(0, "x"), messageDelta("end_turn", 1), stop])]);
    const r = server.requests[0];
    expect(r.path).toBe("/v1/messages");
    expect(r.headers["x-api-key"]).toBe("sk-ant-test");
    expect(r.headers["anthropic-version"]).toBe("2023-06-01");
    expect(r.body).toEqual({ model: "claude-test", max_tokens: 8192, messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }], stream: true, system: "be brief" });
  });

  it("sends no second credential from ANTHROPIC_AUTH_TOKEN in the environment", async () => {
    process.env.ANTHROPIC_AUTH_TOKEN = "env-token";
    try {
      await run([sse([start(), ...text(0, "x"), messageDelta("end_turn", 1), stop])]);
    } finally {
      delete process.env.ANTHROPIC_AUTH_TOKEN;
    }
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it("streams thinking with its signature and asks for a budget from the thinking level", async () => {
    const events = await run(
      [
        sse([
          start(),
          blockStart(0, { type: "thinking", thinking: "", signature: "" }),
          delta(0, { type: "thinking_delta", thinking: "Consider " }),
          delta(0, { type: "thinking_delta", thinking: "this." }),
          delta(0, { type: "signature_delta", signature: "EqQBCgIYAhIM" }),
          blockStop(0),
          ...text(1, "Answer."),
          messageDelta("end_turn", 40),
          stop,
        ]),
      ],
      {},
      { ...request, thinkingLevel: "medium" },
    );
    expect(events).toEqual([
      { type: "thinking_delta", text: "Consider " },
      { type: "thinking_delta", text: "this." },
      { type: "thinking_delta", text: "", signature: "EqQBCgIYAhIM" },
      { type: "text_delta", text: "Answer." },
      { type: "usage", input: 25, output: 40 },
      { type: "done", stopReason: "stop", providerFinishReason: "end_turn" },
    ]);
    expect(server.requests[0].body.thinking).toEqual({ type: "enabled", budget_tokens: 10000 });
    expect(server.requests[0].body.max_tokens).toBe(14096);
  });

  it("assembles parallel tool_use blocks from input_json_delta", async () => {
    const events = await run([
      sse([
        start(),
        ...text(0, "Looking."),
        blockStart(1, { type: "tool_use", id: "toolu_a", name: "ls", input: {} }),
        delta(1, { type: "input_json_delta", partial_json: "" }),
        delta(1, { type: "input_json_delta", partial_json: '{"path": ' }),
        delta(1, { type: "input_json_delta", partial_json: '"."}' }),
        blockStop(1),
        blockStart(2, { type: "tool_use", id: "toolu_b", name: "read", input: {} }),
        delta(2, { type: "input_json_delta", partial_json: '{"path": "a.md"}' }),
        blockStop(2),
        messageDelta("tool_use", 60),
        stop,
      ]),
    ]);
    expect(events).toEqual([
      { type: "text_delta", text: "Looking." },
      { type: "tool_call_start", id: "toolu_a", name: "ls", index: 0 },
      { type: "tool_call_delta", id: "toolu_a", argumentsDelta: '{"path": ' },
      { type: "tool_call_delta", id: "toolu_a", argumentsDelta: '"."}' },
      { type: "tool_call_end", id: "toolu_a", name: "ls", arguments: '{"path": "."}' },
      { type: "tool_call_start", id: "toolu_b", name: "read", index: 1 },
      { type: "tool_call_delta", id: "toolu_b", argumentsDelta: '{"path": "a.md"}' },
      { type: "tool_call_end", id: "toolu_b", name: "read", arguments: '{"path": "a.md"}' },
      { type: "usage", input: 25, output: 60 },
      { type: "done", stopReason: "tool_use", providerFinishReason: "tool_use" },
    ]);
  });

  it("sends thinking, tool calls and grouped tool results as Anthropic content blocks", async () => {
    await run([sse([start(), ...text(0, "ok"), messageDelta("end_turn", 1), stop])], {}, {
      ...request,
      system: "",
      tools: [{ name: "ls", description: "list", schema: { type: "object" } }],
      messages: [
        { role: "user", text: "list" },
        { role: "assistant", text: "", thinking: "hmm", thinkingSignature: "sig", toolCalls: [{ id: "t1", name: "ls", arguments: '{"path":"."}' }, { id: "t2", name: "ls", arguments: "{}" }] },
        { role: "tool", toolCallId: "t1", content: "a.md" },
        { role: "tool", toolCallId: "t2", content: "no such dir", isError: true },
      ],
    });
    expect(server.requests[0].body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "list" }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "hmm", signature: "sig" },
          { type: "tool_use", id: "t1", name: "ls", input: { path: "." } },
          { type: "tool_use", id: "t2", name: "ls", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t1", content: "a.md" },
          { type: "tool_result", tool_use_id: "t2", content: "no such dir", is_error: true },
        ],
      },
    ]);
    expect(server.requests[0].body.tools).toEqual([{ name: "ls", description: "list", input_schema: { type: "object" } }]);
  });

  it("maps stop_reason max_tokens to length", async () => {
    const events = await run([sse([start(), ...text(0, "trunc"), messageDelta("max_tokens", 8192), stop])]);
    expect(events.at(-1)).toEqual({ type: "done", stopReason: "length", providerFinishReason: "max_tokens" });
  });

  it("keeps what arrived when the connection is cut mid-stream, and ends with an error", async () => {
    const events = await run([sseThenCut([start(), blockStart(0, { type: "text", text: "" }), delta(0, { type: "text_delta", text: "partial" })])]);
    expect(events).toEqual([
      { type: "text_delta", text: "partial" },
      { type: "done", stopReason: "error", error: `claude: ${server.origin}: stream interrupted: connection error: terminated` },
    ]);
  });

  it("retries a 529 overloaded error after retry-after-ms, then succeeds", async () => {
    const waits: number[] = [];
    const events = await run(
      [
        jsonError(529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, { "retry-after-ms": "1500" }),
        sse([start(), ...text(0, "ok"), messageDelta("end_turn", 1), stop]),
      ],
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([1500]);
    expect(events[0]).toEqual({ type: "retry", attempt: 2, delayMs: 1500, reason: "529 Overloaded" });
    expect(events.at(-1)).toEqual({ type: "done", stopReason: "stop", providerFinishReason: "end_turn" });
  });

  it("ends with a clear error when the stream reports an error event", async () => {
    const events = await run([
      sse([start(), ...text(0, "so far"), `event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`]),
    ]);
    expect(events.at(-1)).toEqual({
      type: "done",
      stopReason: "error",
      error: `claude: ${server.origin}: stream interrupted: overloaded_error: Overloaded`,
      code: "overloaded_error",
    });
  });

  it("ends a stalled stream at once when aborted, keeping what streamed", async () => {
    server = await startLoopback([sseThenStall([start(), blockStart(0, { type: "text", text: "" }), delta(0, { type: "text_delta", text: "so far" })])]);
    const provider = createAnthropicProvider({ id: "claude", baseURL: server.origin, apiKey: "sk-ant-test" });
    const ac = new AbortController();
    const events: ModelEvent[] = [];
    for await (const ev of provider.stream(request, { signal: ac.signal })) {
      events.push(ev);
      if (ev.type === "text_delta") ac.abort();
    }
    expect(events).toEqual([{ type: "text_delta", text: "so far" }, { type: "done", stopReason: "aborted" }]);
  });

  it("shows the hook x-api-key as [redacted] and ignores its edits to it", async () => {
    server = await startLoopback([sse([start(), ...text(0, "x"), messageDelta("end_turn", 1), stop])]);
    const provider = createAnthropicProvider({ id: "claude", baseURL: server.origin, apiKey: "sk-ant-test" });
    const seen: string[] = [];
    await collect(
      provider.stream(request, {
        signal: new AbortController().signal,
        onPayload: (p) => {
          seen.push(p.headers["x-api-key"]);
          return { ...p, headers: { ...p.headers, "x-api-key": "other", "anthropic-beta": "b1" }, body: { ...p.body, temperature: 0 } };
        },
      }),
    );
    expect(seen).toEqual(["[redacted]"]);
    expect(server.requests[0].headers["x-api-key"]).toBe("sk-ant-test");
    expect(server.requests[0].headers["anthropic-beta"]).toBe("b1");
    expect(server.requests[0].body.temperature).toBe(0);
  });
});
