import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openChatLoop } from "../../engine/agent/open-chat-loop.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { tempDir } from "../support/temp-tree.js";

// The chat a fresh install gets: the offline demo (script provider), in-process, no pauses.
function demoChat() {
  const root = tempDir("librecode-demo-");
  const cwd = join(root, "project");
  const home = join(root, "home");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(cwd, "README.md"), "# demo\n");
  const rt = new Runtime({ cwd });
  const chat = openChatLoop({ runtime: rt, cwd, env: { PATH: process.env.PATH ?? "", HOME: home, LIBRECODE_HOME: home },
    scriptSleep: async () => {}, defer: (fn) => fn() });
  chat.loop.start(false);
  const last = () => rt.buffers.getBlocks("transcript").at(-1)!;
  return { rt, loop: chat.loop, last };
}

describe("the offline demo's commands", () => {
  it("/model with a name that is no model or provider says so, instead of looking for a script file", async () => {
    const { loop, last } = demoChat();
    await loop.run("/model nonsense");
    expect(last().text).toBe('/model: expected a provider (openai, anthropic, openrouter, groq, deepseek, ollama, script) or a model of script (demo, or a script file), got "nonsense"');
    expect(loop.model.label).toBe("script (offline demo)");
  });

  it("keeps the context figure when the first count replaces the estimate", async () => {
    const { loop } = demoChat();
    await loop.run("what is here?");
    const reported = loop.contextUse().tokens;
    loop.setModel(loop.model); // drops the provider's count: the figure is the estimate again
    expect(Math.abs(loop.contextUse().tokens - reported)).toBeLessThanOrEqual(1);
  });

  it("/compact makes the context smaller, and a resumed session shows the summary under one header, a line per message", async () => {
    const { loop, rt } = demoChat();
    for (const p of ["one", "two", "three"]) await loop.run(p);
    const before = loop.contextUse().tokens;
    await loop.run("/compact");
    expect(loop.contextUse().tokens).toBeLessThan(before);
    loop.openSession(loop.session, true);
    const summary = rt.buffers.getBlocks("transcript").find((b) => b.metadata.compaction === true)!;
    expect(summary.text.split("\n").slice(0, 3)).toEqual(["Summary of earlier messages:", "- user: one", expect.stringMatching(/^- assistant: /)]);
    expect(summary.text.split("\n").filter((l) => l.startsWith("Summary"))).toHaveLength(1);
    // A line per message, then the files the demo's tools touched under the original's heading.
    const [messages, ...appendix] = summary.text.split("\n\n");
    expect(messages!.split("\n").slice(1).every((l) => l.startsWith("- "))).toBe(true);
    expect(appendix.every((s) => s.startsWith("### Librecode "))).toBe(true);
  });
});
