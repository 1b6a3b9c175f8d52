import { describe, expect, it } from "vitest";
import { parseShellEscape, shellNote } from "../../engine/agent/shell-escape.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, transcriptOf } from "./agent-fixture.js";

const serve = loopbackPerTest();

async function setup() {
  const server = await serve([(res) => respond(res, textFrames("It printed hello."))]);
  const p = project(server.origin);
  p.write("notes.txt", "hello\n");
  const chat = openLoop(p);
  chat.loop.start(false);
  const seen: string[] = [];
  for (const name of ["tool_call", "tool_start", "tool_result", "tool_end", "message_append", "agent_start"]) {
    chat.rt.events.on(name, () => void seen.push(name));
  }
  const blocks = () => chat.rt.buffers.getBlocks("transcript");
  return { server, p, chat, seen, blocks };
}

describe("shell escapes in the composer", () => {
  it("parses !cmd (kept in the context) and !!cmd (not), and nothing else", () => {
    expect(parseShellEscape("!ls -la")).toEqual({ command: "ls -la", keep: true });
    expect(parseShellEscape("!! git status")).toEqual({ command: "git status", keep: false });
    expect(parseShellEscape("!")).toBeUndefined();
    expect(parseShellEscape("!!  ")).toBeUndefined();
    expect(parseShellEscape("hi !ls")).toBeUndefined();
  });

  it("!cmd runs through the bash tool in the project, shows a tool block and asks the model nothing", async () => {
    const { server, chat, seen, blocks } = await setup();
    const r = await chat.loop.run("!cat notes.txt");
    expect(r).toEqual({ stopReason: "stop", text: "", turns: 0 });
    expect(server.requests).toHaveLength(0);
    expect(blocks().map((b) => [b.kind, b.text, b.metadata.name, b.metadata.arguments, b.metadata.status, b.metadata.shell])).toEqual([
      ["tool", "hello\n\nexit code: 0", "bash", { command: "cat notes.txt" }, "success", "context"],
    ]);
    expect(seen).toEqual(["tool_call", "tool_start", "tool_result", "tool_end", "message_append"]);
  });

  it("!cmd adds the command and its output to the next request as a user note, and stores it", async () => {
    const { server, chat } = await setup();
    await chat.loop.run("!cat notes.txt");
    await chat.loop.run("what did it print?");
    expect(transcriptOf(server.requests[0]!).slice(1)).toEqual([
      `user: ${shellNote("cat notes.txt", "hello\n\nexit code: 0")}`,
      "user: what did it print?",
    ]);
    expect(shellNote("cat notes.txt", "hello\n\nexit code: 0")).toBe(
      "I ran this shell command myself (not a request to you):\n$ cat notes.txt\nhello\n\nexit code: 0",
    );
    const stored = chat.store.loadMessages(chat.loop.session.id)[0]!;
    expect([stored.kind, stored.payload]).toEqual(["user", { shell: { command: "cat notes.txt", output: "hello\n\nexit code: 0", is_error: false }, typed: "!cat notes.txt" }]);
    expect(chat.store.recentPrompts(chat.loop.session.cwd)).toEqual(["!cat notes.txt", "what did it print?"]);
  });

  it("!!cmd shows the output but keeps it out of the context and the session", async () => {
    const { server, chat, seen, blocks } = await setup();
    await chat.loop.run("!!cat notes.txt");
    expect(blocks().map((b) => [b.kind, b.text, b.metadata.shell])).toEqual([["tool", "hello\n\nexit code: 0", "hidden"]]);
    expect(seen).toEqual(["tool_call", "tool_start", "tool_result", "tool_end"]);
    expect(chat.store.loadMessages(chat.loop.session.id)).toEqual([]);
    await chat.loop.run("hi");
    expect(transcriptOf(server.requests[0]!).slice(1)).toEqual(["user: hi"]);
  });

  it("a failing command is an error block with its exit code", async () => {
    const { chat, blocks } = await setup();
    await chat.loop.run("!cat missing.txt");
    const b = blocks()[0]!;
    expect([b.metadata.status, b.text]).toEqual(["error", "cat: missing.txt: No such file or directory\n\nexit code: 1"]);
  });

  it("typed while a request runs, waits for it as a follow-up instead of steering the model", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const server = await serve([async (res) => { await held; respond(res, textFrames("Sure.")); }]);
    const p = project(server.origin);
    const chat = openLoop(p);
    chat.loop.start(false);
    const run = chat.loop.run("hi");
    await new Promise((r) => setImmediate(r));
    chat.loop.steer("!!echo later");
    expect(chat.loop.queued()).toEqual(["!!echo later"]);
    release();
    await run;
    await chat.loop.idle();
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.text])).toEqual([
      ["message", "hi"], ["message", "Sure."], ["tool", "later\n\nexit code: 0"],
    ]);
    expect(transcriptOf(server.requests[0]!).slice(1)).toEqual(["user: hi"]);
  });

  it("a resumed session shows a kept shell command as its tool block again", async () => {
    const { chat } = await setup();
    await chat.loop.run("!cat notes.txt");
    chat.loop.openSession(chat.loop.session, true);
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.text, b.metadata.arguments])).toEqual([
      ["tool", "hello\n\nexit code: 0", { command: "cat notes.txt" }],
    ]);
  });
});
