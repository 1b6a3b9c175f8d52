// The original's provider_error fields (status, provider_code/type/param, body_preview,
// body_truncated, request_shape) and after_provider_response's termination, from loopback servers
// answering with real OpenAI and Anthropic bodies.
import { describe, expect, it } from "vitest";
import { jsonError, type Handler } from "../model/loopback-server.js";
import { anthropicTextFrames, claudeProvider, KEY, loopbackPerTest, openLoop, project, respond, textFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();

/** One prompt against `handler`; the payloads of provider_error and after_provider_response. */
async function oneRequest(handler: Handler, provider?: string) {
  const server = await serve([handler]);
  const chat = openLoop(project(server.origin, claudeProvider(server.origin)), provider ? { provider } : {});
  const seen: Record<string, unknown>[] = [];
  for (const name of ["provider_error", "after_provider_response"]) chat.rt.events.on(name, (ev) => void seen.push({ event: name, ...ev.data }));
  const r = await chat.loop.run("hi");
  return { server, chat, seen, r };
}

const OPENAI_SHAPE = {
  keys: ["messages", "model", "stream", "stream_options", "tools"], key_count: 5, has_include: false,
  has_parallel_tool_calls: false, has_prompt_cache_key: false, has_reasoning: false, byte_size: expect.any(Number), message_count: 2, tool_count: expect.any(Number),
};

describe("provider_error", () => {
  it("carries an OpenAI error body's code, type and param, the body (key redacted) and the request's shape", async () => {
    const body = { error: { message: `Incorrect API key provided: ${KEY}.`, type: "invalid_request_error", param: null, code: "invalid_api_key" } };
    const { server, chat, seen } = await oneRequest(jsonError(401, body));
    const preview = JSON.stringify(body).replace(KEY, "[redacted]");
    expect(seen).toEqual([{
      event: "provider_error", provider: "local", model: "m1", api: "openai-chat", session_id: chat.loop.session.id, attempt: 1,
      error: `local: ${server.origin}/v1: 401 Incorrect API key provided: [redacted].`,
      status: 401, code: "invalid_api_key", provider_code: "invalid_api_key", provider_type: "invalid_request_error",
      body_preview: preview, request_shape: OPENAI_SHAPE,
    }]);
    const sent = server.requests[0]!.body;
    expect(seen[0]!.request_shape).toMatchObject({ byte_size: Buffer.byteLength(JSON.stringify(sent)), tool_count: sent.tools.length });
  });

  it("carries provider_param when the body names one, and cuts a long body at 4096 bytes (body_truncated)", async () => {
    const message = `Invalid 'messages[1].content': ${"é".repeat(3000)}`;
    const body = { error: { message, type: "invalid_request_error", param: "messages[1].content", code: "invalid_value" } };
    const { seen } = await oneRequest(jsonError(400, body));
    const full = JSON.stringify(body);
    expect(seen[0]).toMatchObject({ status: 400, provider_code: "invalid_value", provider_type: "invalid_request_error", provider_param: "messages[1].content", body_truncated: true });
    const preview = seen[0]!.body_preview as string;
    expect(Buffer.byteLength(preview)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(preview)).toBeGreaterThan(4094);
    expect(full.startsWith(preview)).toBe(true);
  });

  it("carries an Anthropic error body's type (no code: Anthropic sends none) and the whole envelope", async () => {
    const body = { type: "error", error: { type: "invalid_request_error", message: "max_tokens: Field required" }, request_id: "req_011CSHoEeqs5C35K2UUqR7Fy" };
    const { seen, server } = await oneRequest(jsonError(400, body), "claude");
    expect(seen).toEqual([expect.objectContaining({
      event: "provider_error", status: 400, code: "invalid_request_error", provider_type: "invalid_request_error", body_preview: JSON.stringify(body),
    })]);
    expect(seen[0]).not.toHaveProperty("provider_code");
    expect(seen[0]!.request_shape).toMatchObject({ keys: ["max_tokens", "messages", "model", "stream", "system", "tools"], message_count: 1, tool_count: server.requests[0]!.body.tools.length });
  });

  it("previews a body that is not JSON as it came", async () => {
    const { seen } = await oneRequest((res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>Bad gateway</body></html>\n");
    });
    expect(seen[0]).toMatchObject({ status: 502, body_preview: "<html><body>Bad gateway</body></html>" });
    expect(seen[0]).not.toHaveProperty("provider_code");
  });
});

describe("after_provider_response termination", () => {
  it("is the provider's own finish reason (OpenAI finish_reason, Anthropic stop_reason); status and incomplete reason empty", async () => {
    const openai = await oneRequest((res) => respond(res, textFrames("ok")));
    const claude = await oneRequest((res) => respond(res, anthropicTextFrames("ok")), "claude");
    for (const [{ seen }, finish] of [[openai, "stop"], [claude, "end_turn"]] as const) {
      expect(seen).toEqual([expect.objectContaining({
        event: "after_provider_response", finish_reason: "stop", termination: { provider_status: "", provider_finish_reason: finish, incomplete_reason: "" },
      })]);
    }
  });
});
