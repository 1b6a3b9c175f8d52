import { describe, expect, it } from "vitest";
import { loopbackPerTest, openLoop, project, respond } from "./agent-fixture.js";

// Frames as api.anthropic.com streams them.
const frame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
const start = frame("message_start", { message: { id: "msg_1", type: "message", role: "assistant", model: "claude-test", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 1 } } });
const block = (index: number, content_block: object, deltas: object[]) => [
  frame("content_block_start", { index, content_block }),
  ...deltas.map((delta) => frame("content_block_delta", { index, delta })),
  frame("content_block_stop", { index }),
];
const end = (reason: string) => [frame("message_delta", { delta: { stop_reason: reason, stop_sequence: null }, usage: { output_tokens: 20 } }), frame("message_stop", {})];

const serve = loopbackPerTest();

describe("the chat loop on anthropic-messages", () => {
  it("sends the signed thinking back with the tool result", async () => {
    const server = await serve([
      (res) => respond(res, [
        start,
        ...block(0, { type: "thinking", thinking: "", signature: "" }, [{ type: "thinking_delta", thinking: "Read it." }, { type: "signature_delta", signature: "SIG1" }]),
        ...block(1, { type: "tool_use", id: "toolu_1", name: "read", input: {} }, [{ type: "input_json_delta", partial_json: '{"path":"a.txt"}' }]),
        ...end("tool_use"),
      ]),
      (res) => respond(res, [start, ...block(0, { type: "text", text: "" }, [{ type: "text_delta", text: "It says alpha." }]), ...end("end_turn")]),
    ]);
    const p = project(server.origin, [
      "  claude:",
      "    api: anthropic-messages",
      `    base_url: ${server.origin}`,
      "    api_key_env: LOCAL_KEY",
      "    models: [claude-test]",
    ].join("\n"));
    p.write("a.txt", "alpha\n");
    const chat = openLoop(p, { provider: "claude" });
    const r = await chat.loop.run("what is in a.txt?");
    expect(r).toEqual({ stopReason: "stop", text: "It says alpha.", turns: 2 });
    const second = server.requests[1]!.body;
    expect(second.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "what is in a.txt?" }] },
      { role: "assistant", content: [
        { type: "thinking", thinking: "Read it.", signature: "SIG1" },
        { type: "tool_use", id: "toolu_1", name: "read", input: { path: "a.txt" } },
      ] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "     1\talpha" }] },
    ]);
    const stored = chat.store.loadMessages(chat.loop.session.id)[1]!;
    expect(stored.payload).toEqual({ thinking: "Read it.", thinking_signature: "SIG1", tool_calls: [{ id: "toolu_1", name: "read", arguments: '{"path":"a.txt"}' }],
      usage: { input: 30, output: 20 } });
  });
});
