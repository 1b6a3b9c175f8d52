import { afterEach, describe, expect, it } from "vitest";
import { applyPayloadHook, redactHeaders } from "../../engine/model/provider-payload.js";
import { createOpenAIChatProvider } from "../../engine/model/openai-chat-provider.js";
import type { ModelEvent, ModelRequest, ProviderPayload } from "../../engine/model/model-types.js";
import { collect, sse, startLoopback, type Loopback } from "./loopback-server.js";

const payload = (): ProviderPayload => ({
  provider: "p",
  model: "m",
  url: "http://127.0.0.1/v1/chat/completions",
  headers: { Authorization: "Bearer k", "api-key": "azure-k", Cookie: "c", "x-a": "1", "content-type": "application/json" },
  body: { model: "m", messages: [] },
});

const request: ModelRequest = { model: "m", system: "", messages: [{ role: "user", text: "hi" }], tools: [], thinkingLevel: "off" };
const ok = sse([`data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "ok" }, finish_reason: "stop" }] })}\n\n`, "data: [DONE]\n\n"]);

describe("request payload hook", () => {
  it("redacts every credential header, whatever its case", () => {
    expect(redactHeaders(payload().headers)).toEqual({
      authorization: "[redacted]",
      "api-key": "[redacted]",
      cookie: "[redacted]",
      "x-a": "1",
      "content-type": "application/json",
    });
  });

  it("keeps body edits and plain header changes, drops credential edits, and removes deleted plain headers", () => {
    const edits = applyPayloadHook(payload(), (p) => {
      p.body.temperature = 0;
      p.headers["api-key"] = "mine";
      p.headers.cookie = "session=1";
      p.headers["x-b"] = "2";
      delete p.headers["x-a"];
    });
    expect(edits).toEqual({ body: { model: "m", messages: [], temperature: 0 }, headers: { "x-b": "2", "x-a": null } });
  });

  it("cannot leak the original body to the hook by reference", () => {
    const original = payload();
    applyPayloadHook(original, (p) => void (p.body.model = "other"));
    expect(original.body.model).toBe("m");
  });

  describe("on a real request", () => {
    let server: Loopback;
    afterEach(() => server?.close());

    it("ends with an error event, not a throw, when the hook throws", async () => {
      server = await startLoopback([ok]);
      const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1` });
      const events = await collect(
        provider.stream(request, {
          signal: new AbortController().signal,
          onPayload: () => {
            throw new Error("no network on Fridays");
          },
        }),
      );
      expect(events).toEqual([{ type: "done", stopReason: "error", error: `local: ${server.origin}/v1: request hook failed: no network on Fridays` }]);
      expect(server.requests).toHaveLength(0);
    });

    it("sends reasoning_effort only when thinking is on", async () => {
      server = await startLoopback([ok]);
      const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1` });
      await collect(provider.stream({ ...request, thinkingLevel: "high", maxTokens: 100 }, { signal: new AbortController().signal }));
      expect([server.requests[0].body.reasoning_effort, server.requests[0].body.max_tokens]).toEqual(["high", 100]);
    });

    it("ends aborted at once while the server has not answered yet", async () => {
      server = await startLoopback([() => {}]);
      const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1` });
      const ac = new AbortController();
      const events: ModelEvent[] = [];
      const run = (async () => {
        for await (const ev of provider.stream(request, { signal: ac.signal })) events.push(ev);
      })();
      while (server.requests.length === 0) await new Promise((r) => setImmediate(r));
      ac.abort();
      await run;
      expect(events).toEqual([{ type: "done", stopReason: "aborted" }]);
    });
  });
});
