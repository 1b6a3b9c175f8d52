import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { osc52 } from "../../ui/clipboard.js";
import { loopbackPerTest, openLoop, project, respond, textFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();

async function chatWithAnswer(extra = {}) {
  const server = await serve([(res) => respond(res, textFrames("Use `git log` ```here```."))]);
  const p = project(server.origin);
  const chat = openLoop(p, extra);
  chat.loop.start(false);
  await chat.loop.run("how do I see history?");
  const last = () => chat.rt.buffers.getBlocks("transcript").at(-1)!.text;
  return { p, chat, last };
}

describe("/copy", () => {
  it("hands the last answer to the terminal's clipboard action", async () => {
    const { chat, last } = await chatWithAnswer();
    const copied: (string | undefined)[] = [];
    chat.rt.actions.register("app.copy", (text) => copied.push(text));
    await chat.loop.run("/copy");
    expect(copied).toEqual(["Use `git log` ```here```."]);
    expect(last()).toBe("Copied the last answer (25 characters).");
  });

  it("lets a copy handler that consumes the event replace the clipboard action", async () => {
    const { chat } = await chatWithAnswer();
    const seen: unknown[] = [];
    chat.rt.actions.register("app.copy", () => seen.push("osc52"));
    chat.rt.events.on("copy", (ev) => { seen.push(ev.data.text); return true; });
    await chat.loop.run("/copy");
    expect(seen).toEqual(["Use `git log` ```here```."]);
  });

  it("says so when there is no answer yet", async () => {
    const server = await serve([(res) => respond(res, textFrames("x"))]);
    const chat = openLoop(project(server.origin));
    chat.loop.start(false);
    await chat.loop.run("/copy");
    expect(chat.rt.buffers.getBlocks("transcript").at(-1)!.text).toBe("/copy: expected an answer to copy, got none yet");
  });

  it("encodes the text as OSC 52", () => {
    expect(osc52("hé")).toBe("\x1b]52;c;aMOp\x07");
  });
});

describe("/export", () => {
  it("writes the session as markdown: a header, then each prompt and answer under a heading", async () => {
    const { p, chat, last } = await chatWithAnswer();
    await chat.loop.run("/export notes/session.md");
    expect(last()).toBe("Exported 2 messages to notes/session.md.");
    const md = readFileSync(join(p.cwd, "notes/session.md"), "utf8").split("\n");
    expect(md[0]).toBe(`# Session ${chat.loop.session.id}`);
    expect(md.slice(4)).toEqual(["## User", "", "how do I see history?", "", "## Assistant", "", "Use `git log` ```here```.", ""]);
  });

  it("defaults to librecode-ID.md in the working directory", async () => {
    const { p, chat } = await chatWithAnswer();
    await chat.loop.run("/export");
    expect(readFileSync(join(p.cwd, `librecode-${chat.loop.session.id}.md`), "utf8")).toContain("## Assistant");
  });
});

describe("/exit", () => {
  it("quits like /quit", async () => {
    let quits = 0;
    const { chat } = await chatWithAnswer({ quit: () => quits++ });
    await chat.loop.run("/exit");
    expect(quits).toBe(1);
  });
});

describe("sessionMarkdown", () => {
  it("puts tool calls and results in fences longer than any backtick run inside them", async () => {
    const { sessionMarkdown } = await import("../../engine/session/export-markdown.js");
    const session = { id: "abc", name: "demo", cwd: "/p", createdAt: 0, updatedAt: 0, provider: "local", model: "m1", messageCount: 3, parentId: null, forkSeq: null };
    const md = sessionMarkdown(session, [
      { id: 1, sessionId: "abc", seq: 1, role: "assistant", kind: "assistant", text: "", status: "complete", createdAt: 0, payload: { tool_calls: [{ name: "read", arguments: '{"path":"a.md"}' }] } },
      { id: 2, sessionId: "abc", seq: 2, role: "tool", kind: "tool_result", text: "```js\nx\n```", status: "complete", createdAt: 0, payload: { name: "read" } },
      { id: 3, sessionId: "abc", seq: 3, role: "assistant", kind: "assistant", text: "partial", status: "interrupted", createdAt: 0 },
    ]);
    expect(md.split("\n")).toEqual([
      "# demo", "", "Session `abc` in `/p`, model local/m1, 1970-01-01 00:00 UTC.",
      "", "**Tool call** `read`", "", "```json", '{"path":"a.md"}', "```",
      "", "**Tool result** `read`", "", "````", "```js", "x", "```", "````",
      "", "## Assistant (interrupted)", "", "partial", "",
    ]);
  });
});
