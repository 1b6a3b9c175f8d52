import { describe, expect, it } from "vitest";
import { ContextMeter } from "../../engine/agent/context-meter.js";
import type { ContextEntry } from "../../engine/agent/conversation.js";
import { ToolRegistry } from "../../engine/kernel/tool-registry.js";

const user = (text: string, seq: number): ContextEntry => ({ message: { role: "user", text }, seq });

/** A meter whose system prompt is `system` and whose one tool has a 10-character description. */
function meter(system: string) {
  const tools = new ToolRegistry();
  tools.register({ name: "t", description: "0123456789", schema: {}, owner: "host", run: async () => ({ content: "" }) });
  let built = 0;
  const m = new ContextMeter(() => (built++, system), tools);
  return { m, builds: () => built };
}

describe("ContextMeter", () => {
  it("counts chars/4 of system prompt, summary, tool schemas and messages before any report", () => {
    const { m } = meter("s".repeat(100));
    // 100 system + 6 summary + 10 description + 2 schema "{}" + (12 + 8) message = 138 chars -> 35 tokens
    expect(m.use([user("x".repeat(12), 1)], "sum up", 1000)).toEqual({ tokens: 35, window: 1000, percent: 3.5, messages: 1, summary: true });
  });

  it("adds chars/4 of the messages after the provider's count to that count", () => {
    const { m } = meter("s".repeat(100));
    m.report(500, 1);
    // the second message: 32 + 8 chars -> 10 tokens
    expect(m.use([user("x".repeat(12), 1), user("y".repeat(32), 2)], undefined, 1000).tokens).toBe(510);
    m.forget();
    expect(m.use([user("x".repeat(12), 1), user("y".repeat(32), 2)], undefined, 1000).tokens).toBe(43);
  });

  it("builds the system prompt once, and not at all once the run told its length", () => {
    const { m, builds } = meter("abc");
    m.use([], undefined, 100);
    m.use([], undefined, 100);
    expect(builds()).toBe(1);
    const fresh = meter("abc");
    fresh.m.setSystemLength(400);
    expect(fresh.m.use([], undefined, 1000).tokens).toBe(103);
    expect(fresh.builds()).toBe(0);
  });
});
