import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createScriptProvider } from "../../engine/model/script-provider.js";
import { loadScript, parseScript } from "../../engine/model/model-script.js";
import { demoScript } from "../../engine/model/demo-script.js";
import type { ModelEvent, ModelMessage, ModelRequest } from "../../engine/model/model-types.js";
import { lsTool } from "../../engine/tools/ls-tool.js";
import { collect } from "./loopback-server.js";
import { tempDir } from "../support/temp-tree.js";

const req = (messages: ModelMessage[]): ModelRequest => ({ model: "demo", system: "", messages, tools: [], thinkingLevel: "off" });
const signal = () => new AbortController().signal;
const noSleep = async () => {};

function tempFile(name: string, text: string): string {
  const dir = tempDir("librecode-script-");
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe("script provider", () => {
  it("streams thinking and text in chunks, pausing delay_ms before each", async () => {
    const waits: number[] = [];
    const script = parseScript({ chunk: 4, delay_ms: 30, turns: [{ thinking: "hmm…", text: "Hello world" }] }, "t");
    const provider = createScriptProvider({ script, sleep: async (ms) => void waits.push(ms) });
    const events = await collect(provider.stream(req([{ role: "user", text: "hi" }]), { signal: signal() }));
    expect(events).toEqual([
      { type: "thinking_delta", text: "hmm…" },
      { type: "text_delta", text: "Hell" },
      { type: "text_delta", text: "o wo" },
      { type: "text_delta", text: "rld" },
      { type: "usage", input: 3, output: 4 }, // input: "hi" + 8 per message, as the context estimate counts
      { type: "done", stopReason: "stop" },
    ]);
    expect(waits).toEqual([30, 30, 30, 30]);
  });

  it("plays tool calls and continues with the next turn after the tool result", async () => {
    const script = parseScript([{ text: "Listing.", tool_calls: [{ name: "ls", arguments: { path: "." } }] }, { text: "Found {{tool_result_lines}}: {{tool_result}}" }], "t");
    const provider = createScriptProvider({ script, sleep: noSleep });
    const first = await collect(provider.stream(req([{ role: "user", text: "ls" }]), { signal: signal() }));
    expect(first.filter((e) => e.type.startsWith("tool_call") || e.type === "done")).toEqual([
      { type: "tool_call_start", id: "script_call_1", name: "ls", index: 0 },
      { type: "tool_call_delta", id: "script_call_1", argumentsDelta: '{"path":' },
      { type: "tool_call_delta", id: "script_call_1", argumentsDelta: '"."}' },
      { type: "tool_call_end", id: "script_call_1", name: "ls", arguments: '{"path":"."}' },
      { type: "done", stopReason: "tool_use" },
    ]);
    const second = await collect(
      provider.stream(
        req([
          { role: "user", text: "ls" },
          { role: "assistant", text: "Listing.", toolCalls: [{ id: "script_call_1", name: "ls", arguments: '{"path":"."}' }] },
          { role: "tool", toolCallId: "script_call_1", content: "a.md\nsrc/" },
        ]),
        { signal: signal() },
      ),
    );
    expect(second.filter((e) => e.type === "text_delta").map((e) => (e as { text: string }).text).join("")).toBe("Found 2: a.md\nsrc/");
  });

  it("starts over on a new user message after the last turn, but closes after a tool result", async () => {
    const provider = createScriptProvider({ script: parseScript([{ text: "one" }], "t"), sleep: noSleep });
    const texts = async (m: ModelMessage[]) =>
      (await collect(provider.stream(req(m), { signal: signal() }))).filter((e) => e.type === "text_delta").map((e) => (e as { text: string }).text).join("");
    expect(await texts([{ role: "user", text: "a" }])).toBe("one");
    expect(await texts([{ role: "user", text: "b" }])).toBe("one");
    expect(await texts([{ role: "tool", toolCallId: "x", content: "" }])).toBe("(end of script)");
  });

  it("ends aborted at once when the signal fires, keeping what streamed", async () => {
    const ac = new AbortController();
    const provider = createScriptProvider({ script: parseScript([{ text: "abcdefgh", chunk: 2 }], "t"), sleep: noSleep });
    const events: ModelEvent[] = [];
    for await (const ev of provider.stream(req([{ role: "user", text: "go" }]), { signal: ac.signal })) {
      events.push(ev);
      if (events.length === 2) ac.abort();
    }
    expect(events).toEqual([
      { type: "text_delta", text: "ab" },
      { type: "text_delta", text: "cd" },
      { type: "done", stopReason: "aborted" },
    ]);
  });

  it("loads a YAML script file", () => {
    const path = tempFile("s.yaml", "chunk: 3\nturns:\n  - text: hi\n    tool_calls:\n      - name: read\n        arguments: {path: a.md}\n");
    expect(loadScript(path)).toEqual({
      source: path,
      turns: [{ text: "hi", toolCalls: [{ name: "read", arguments: '{"path":"a.md"}' }], chunk: 3, delayMs: 20 }],
    });
  });

  it("loads a JSON script file", () => {
    const path = tempFile("s.json", JSON.stringify({ delay_ms: 0, turns: [{ thinking: "t", text: "x" }] }));
    expect(loadScript(path).turns).toEqual([{ text: "x", thinking: "t", toolCalls: [], chunk: 8, delayMs: 0 }]);
  });

  it("says where a script is wrong and what was expected", () => {
    expect(() => parseScript({ turns: [{ text: "ok" }, { text: "x", tool_calls: [{ name: 42 }] }] }, "s.yaml")).toThrow(
      "script: s.yaml: turns[1].tool_calls[0].name: expected a tool name, got 42",
    );
    expect(() => parseScript({ turns: [] }, "s.yaml")).toThrow("script: s.yaml: turns: expected a non-empty list, got a list");
    expect(() => parseScript([{ text: "a", delay_ms: -1 }], "s.yaml")).toThrow("script: s.yaml: turns[0].delay_ms: expected an integer >= 0, got -1");
  });

  it("runs the demo script end to end with the real ls tool", async () => {
    const dir = tempDir("librecode-demo-");
    writeFileSync(join(dir, "README.md"), "# x\n");
    writeFileSync(join(dir, "main.ts"), "");
    const provider = createScriptProvider({ script: demoScript(), sleep: noSleep });
    const first = await collect(provider.stream(req([{ role: "user", text: "hello" }]), { signal: signal() }));
    expect(first.some((e) => e.type === "thinking_delta")).toBe(true);
    const end = first.find((e) => e.type === "tool_call_end") as Extract<ModelEvent, { type: "tool_call_end" }>;
    expect(end).toEqual({ type: "tool_call_end", id: "script_call_1", name: "ls", arguments: '{"path":"."}' });
    const result = await lsTool().run(JSON.parse(end.arguments), { cwd: dir, signal: signal() });
    const second = await collect(
      provider.stream(
        req([
          { role: "user", text: "hello" },
          { role: "assistant", text: "…", toolCalls: [{ id: end.id, name: end.name, arguments: end.arguments }] },
          { role: "tool", toolCallId: end.id, content: result.content },
        ]),
        { signal: signal() },
      ),
    );
    const text = second.filter((e) => e.type === "text_delta").map((e) => (e as { text: string }).text).join("");
    expect(text.split("\n").slice(0, 6)).toEqual(["Here is what the `ls` tool found:", "", "```", "README.md", "main.ts", "```"]);
    expect(second.at(-1)).toEqual({ type: "done", stopReason: "stop" });
  });
});
