import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loopbackPerTest, openLoop, project, respond, textFrames } from "./agent-fixture.js";
import { stockScreen } from "./stock-screen.js";

const serve = loopbackPerTest();

async function setup() {
  const server = await serve([(res) => respond(res, textFrames("hello there"))]);
  const p = project(server.origin);
  const chat = openLoop(p);
  chat.loop.start(false);
  const lastLine = () => chat.rt.buffers.getBlocks("transcript").at(-1)!;
  return { p, chat, lastLine, server };
}

describe("slash commands", () => {
  it("are registered for completion with descriptions, owned by host", async () => {
    const { chat } = await setup();
    expect(chat.rt.commands.list().filter((c) => c.owner === "host").map((c) => c.name)).toEqual([
      "clear", "clone", "compact", "context", "copy", "exit", "export", "fork", "help", "log", "login", "logout", "model", "name", "new", "quit", "resume", "skill", "tree",
    ]);
    expect(chat.rt.commands.get("login")!.desc).toBe("save an API key: /login PROVIDER KEY");
  });

  it("a refused command line names the command once", async () => {
    const { chat, lastLine } = await setup();
    await chat.loop.run("/log x");
    expect(lastLine().text).toBe('/log: expected a number of entries >= 1, got "x"');
    await chat.loop.run("/login openai");
    expect(lastLine().text).toBe("/login: expected PROVIDER KEY, got no key");
  });

  it("/log shows what extensions printed and what failed, newest last", async () => {
    const { chat, lastLine } = await setup();
    await chat.loop.run("/log");
    expect(lastLine().text).toBe("The extension log is empty (print and librecode.log write to it; failures show here too).");
    chat.rt.log.append("greet", "hello from greet");
    chat.rt.reportError({ owner: "greet", where: "key handler", message: "greet.lua:3: boom" });
    await chat.loop.run("/log");
    expect(lastLine().text.split("\n").map((l) => l.replace(/^\d\d:\d\d:\d\d/, "T"))).toEqual([
      "Extension log:",
      "T  greet  hello from greet",
      "T  greet  error: key handler failed: greet.lua:3: boom",
    ]);
    await chat.loop.run("/log 1");
    expect(lastLine().text.split("\n")[0]).toBe("Extension log (last 1 of 2):");
  });

  it("/help lists the commands and the keys", async () => {
    const { chat, lastLine } = await setup();
    await chat.loop.run("/help");
    const text = lastLine().text.split("\n");
    expect(lastLine().kind).toBe("system");
    expect(text.slice(0, 4)).toEqual([
      "Commands:",
      "  /clear    start over in a new session (the old one stays in /resume)",
      "  /clone    copy this whole session into a new one and switch to it",
      "  /compact  summarise the oldest turns to free context",
    ]);
    const keys = text.slice(text.indexOf("Keys:") + 1);
    expect(keys).toEqual([
      "  enter                send (while working: steer the running request)",
      "  alt+enter            queue a follow-up for after the run",
      "  alt+up               take the newest queued follow-up back",
      "  ctrl+j, shift+enter  insert a newline",
      "  up / down            prompt history (on the first / last line)",
      "  escape               interrupt the running request",
      "  ctrl+c               clear the prompt; when empty: interrupt while working, quit when idle (press twice)",
      "  ctrl+d               quit when the prompt is empty (press twice)",
      "  ctrl+g               edit the prompt in $VISUAL / $EDITOR",
      "  ctrl+p               command palette: pick a command, filtered as you type",
      "  @                    complete a project file path (as git sees the tree)",
      "  ctrl+z               suspend to the shell (fg resumes)",
      "  ctrl+l               clear and repaint the screen",
      "  pageup / pagedown    scroll the transcript",
      "  ctrl+t               show / hide thinking",
      "  ctrl+o               expand / collapse tool output",
      "  !cmd, !!cmd          run a shell command (!! keeps it out of the model's context)",
    ]);
  });

  it("/help lists extension keymaps that have a desc, with their target and owner", async () => {
    const { chat, lastLine } = await setup();
    const noop = () => undefined;
    chat.rt.keymaps.set("global", "ctrl+k", noop, { desc: "open the notes", owner: "notes" });
    chat.rt.keymaps.set({ role: "composer" }, "alt+s", noop, { desc: "spell-check the prompt", owner: "spell-check" });
    chat.rt.keymaps.set("global", "ctrl+y", noop, { owner: "quiet" });
    await chat.loop.run("/help");
    const text = lastLine().text.split("\n");
    expect(text.slice(text.indexOf("Extension keys:"))).toEqual([
      "Extension keys:",
      "  ctrl+k  open the notes  (notes)",
      "  alt+s   spell-check the prompt (role=composer)  (spell-check)",
    ]);
  });

  it("/context shows the estimate against the model's window", async () => {
    const { chat, lastLine } = await setup();
    await chat.loop.run("hi");
    await chat.loop.run("/context");
    expect(lastLine().text.split("\n")[0]).toMatch(/^Context: ~[\d,]+ of 32,768 tokens \(\d+(\.\d)?%\), 2 messages\.$/);
  });

  it("/context breaks the context down by contributor", async () => {
    const { chat, lastLine } = await setup();
    await chat.loop.run("hi");
    await chat.loop.run("/context");
    const rows = lastLine().text.split("\n").slice(1).map((l) => l.trim().split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual([
      "system prompt", "AGENTS.md", "skills", "tools", "summary", "user messages", "assistant messages", "tool results",
    ]);
    // "hi" and "hello there" at ~4 characters a token; nothing else of those kinds was sent.
    expect(rows.filter((r) => ["AGENTS.md", "skills", "summary", "user messages", "assistant messages", "tool results"].includes(r[0]!)).map((r) => r[1]))
      .toEqual(["~0", "~0", "~0", "~1", "~3", "~0"]);
  });

  it("/name names the session in the store and the status line", async () => {
    const { chat, lastLine } = await setup();
    await chat.loop.run("/name parser work");
    expect(lastLine().text).toBe('Session named "parser work".');
    expect(chat.store.get(chat.loop.session.id)!.name).toBe("parser work");
    expect(chat.rt.buffers.get("status")!.metadata.session).toBe("parser work");
  });

  it("/login saves the key without showing it anywhere, /logout removes it", async () => {
    const { p, chat, lastLine } = await setup();
    const key = "sk-proj-abcdefghijklmnop0123456789";
    await chat.loop.run(`/login openai ${key}`);
    expect(lastLine().text).toBe("Saved a key for openai.");
    expect(JSON.parse(readFileSync(join(p.home, "auth.json"), "utf8"))).toEqual({ openai: { type: "api_key", key } });
    expect(JSON.stringify(chat.rt.buffers.getBlocks("transcript"))).not.toContain(key);
    await chat.loop.run("/logout openai");
    expect(lastLine().text).toBe("Removed the key for openai.");
  });

  it("/login refuses a keyless provider with one line, saving nothing", async () => {
    const { p, chat, lastLine } = await setup();
    await chat.loop.run("/login ollama sk-x");
    expect(lastLine().text).toBe("/login: ollama: needs no key (to send one, set providers.ollama.api_key_env in the config)");
    expect(() => readFileSync(join(p.home, "auth.json"))).toThrow(/ENOENT/);
  });

  it("/model switches the model of the next requests", async () => {
    const { chat, lastLine, server } = await setup();
    await chat.loop.run("/model m2");
    expect(lastLine().text).toBe("Model: local/m2");
    await chat.loop.run("hi");
    expect(server.requests[0]!.body.model).toBe("m2");
  });

  it("/model without a picker prints the model table fitted to the transcript's width", async () => {
    const { chat } = await setup();
    const ui = stockScreen(chat, 60, 12);
    ui.screen(); // laid out at 60 columns, as the chat's last frame was
    ui.keys("/model<cr>");
    const lines = chat.rt.buffers.getBlocks("transcript").at(-1)!.text.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "Model: local/m1",
      "    model                          context  $/M in  $/M out",
      "openai  $OPENAI_API_KEY not set",
      "    gpt-4.1                      1,047,576    2.00     8.00",
      "    gpt-4.1-mini                 1,047,576    0.40     1.60",
    ]);
    expect(lines.at(-1)).toBe("  (5 more columns on a wider screen)");
    expect(lines.filter((l) => l.length > 60)).toEqual([]);
    expect(ui.screen().slice(0, 8)).toEqual([
      "    deepseek-reasoner              128,000    0.28     0.42",
      "ollama  no key needed",
      "    (any model the server has; pass --model)",
      "script  script  (offline)  no key needed",
      "    demo                           200,000       -        -",
      "local  $LOCAL_KEY set",
      "  * m1                              32,768       -        -",
      "  (5 more columns on a wider screen)",
    ]);
  });

  it("/model takes a provider (its default model) or provider/model", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin, ["  other:", "    api: openai-chat", `    base_url: ${server.origin}/v1`, "    models: [x1, x2]"].join("\n"));
    const chat = openLoop(p);
    await chat.loop.run("/model other");
    expect(chat.loop.model.label).toBe("other/x1");
    await chat.loop.run("/model x2");
    expect(chat.loop.model.label).toBe("other/x2");
    await chat.loop.run("/model local/m3");
    expect(chat.loop.model.label).toBe("local/m3");
    expect(chat.store.get(chat.loop.session.id)).toMatchObject({ provider: "local", model: "m3" });
  });

  it("/new starts an empty session and /resume opens the old one again", async () => {
    const { chat } = await setup();
    const starts: unknown[] = [];
    chat.rt.events.on("session_start", (ev) => void starts.push(ev.data.session_id));
    chat.rt.events.on("session_load", (ev) => void starts.push(`load ${String(ev.data.session_id)}`));
    await chat.loop.run("hi");
    const first = chat.loop.session.id;
    await chat.loop.run("/new");
    const second = chat.loop.session.id;
    expect(second).not.toBe(first);
    expect(chat.loop.entries).toEqual([]);
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => b.text)).toEqual([`New session ${second}.`]);
    await chat.loop.run(`/resume ${first}`);
    expect(starts).toEqual([second, `load ${first}`]);
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => [b.role, b.text])).toEqual([
      ["user", "hi"], ["assistant", "hello there"], ["system", `Resumed session ${first}.`],
    ]);
    expect(chat.loop.entries.map((e) => e.message.role)).toEqual(["user", "assistant"]);
  });

  it("an unknown command is an error line, not a prompt", async () => {
    const { chat, lastLine, server } = await setup();
    await chat.loop.run("/nope now");
    expect([lastLine().kind, lastLine().text]).toEqual(["error", "unknown command: /nope (try /help)"]);
    expect(server.requests).toEqual([]);
  });

  it("a prompt that starts with a path goes to the model", async () => {
    const { chat, server } = await setup();
    await chat.loop.run("/home/me/notes.md what is this?");
    expect(server.requests).toHaveLength(1);
    expect(chat.loop.entries.map((e) => e.message.role)).toEqual(["user", "assistant"]);
  });

  it("extension commands run from the composer too", async () => {
    const { chat, lastLine } = await setup();
    chat.rt.commands.register("greet", { desc: "say hi", owner: "my-ext", run: (args) => `hi ${args}` });
    chat.loop.submit("/greet bob");
    expect(lastLine().text).toBe("hi bob");
  });
});
