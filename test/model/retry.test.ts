import { afterEach, describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay, scrubError, streamWithRetry } from "../../engine/model/retry.js";
import { createOpenAIChatProvider } from "../../engine/model/openai-chat-provider.js";
import type { ModelEvent } from "../../engine/model/model-types.js";
import { collect, sse, startLoopback, type Loopback } from "./loopback-server.js";

const headers = (h: Record<string, string>) => new Headers(h);

describe("parseRetryAfter", () => {
  it("reads retry-after-ms before retry-after", () => {
    expect(parseRetryAfter(headers({ "retry-after-ms": "250", "retry-after": "9" }), 0)).toBe(250);
  });
  it("reads seconds, fractional too", () => {
    expect(parseRetryAfter(headers({ "retry-after": "1.5" }), 0)).toBe(1500);
  });
  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("Wed, 25 Nov 2026 16:00:00 GMT");
    expect(parseRetryAfter(headers({ "retry-after": "Wed, 25 Nov 2026 16:00:07 GMT" }), now)).toBe(7000);
  });
  it("is undefined without the headers", () => {
    expect(parseRetryAfter(headers({}), 0)).toBeUndefined();
  });
});

describe("retryDelay", () => {
  it("doubles from the base delay with jitter between half and all of it", () => {
    const opts = { baseDelayMs: 1000, random: () => 0 };
    expect([1, 2, 3].map((n) => retryDelay(n, { retryable: true, reason: "" }, opts))).toEqual([500, 1000, 2000]);
  });
  it("clamps a long Retry-After to maxRetryAfterMs", () => {
    expect(retryDelay(1, { retryable: true, reason: "", retryAfterMs: 3_600_000 }, { maxRetryAfterMs: 60_000 })).toBe(60_000);
  });
});

describe("streamWithRetry", () => {
  let server: Loopback;
  afterEach(() => server?.close());

  it("retries a connection dropped before any response", async () => {
    server = await startLoopback([
      (res) => res.socket?.destroy(),
      sse([`data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "ok" }, finish_reason: "stop" }] })}\n\n`, "data: [DONE]\n\n"]),
    ]);
    const provider = createOpenAIChatProvider({ id: "local", baseURL: `${server.origin}/v1`, retry: { sleep: async () => {}, random: () => 1 } });
    const events = await collect(provider.stream({ model: "m", system: "", messages: [], tools: [], thinkingLevel: "off" }, { signal: new AbortController().signal }));
    expect(events).toEqual([
      { type: "retry", attempt: 2, delayMs: 500, reason: "connection error: other side closed" },
      { type: "text_delta", text: "ok" },
      { type: "done", stopReason: "stop", providerFinishReason: "stop" },
    ]);
  });

  it("ends aborted during a backoff wait without another attempt", async () => {
    const ac = new AbortController();
    let attempts = 0;
    const failing = async function* (): AsyncGenerator<ModelEvent> {
      attempts++;
      throw Object.assign(new Error("503 busy"), { status: 503 });
    };
    const events = await collect(streamWithRetry(failing, ac.signal, "p: u", { sleep: async () => ac.abort() }));
    expect(events).toEqual([
      { type: "retry", attempt: 2, delayMs: expect.any(Number), reason: "503 busy" },
      { type: "done", stopReason: "aborted" },
    ]);
    expect(attempts).toBe(1);
  });
});

describe("scrubError", () => {
  it("takes a short key out only as a whole token: an echoed key goes, the letters of other words stay", () => {
    expect(scrubError("500 internal boom", ["e"])).toBe("500 internal boom");
    expect(scrubError("401 Incorrect API key provided: k", ["k"])).toBe("401 Incorrect API key provided: [redacted]");
    expect(scrubError("401 bad key sk-test.", ["sk-test"])).toBe("401 bad key [redacted].");
  });

  it("takes a long key out wherever it appears, as the session store does", () => {
    expect(scrubError("auth failed for abcdefgh12345678xyz", ["abcdefgh12345678"])).toBe("auth failed for [redacted]xyz");
  });
});
