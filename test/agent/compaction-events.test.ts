// The original's compaction lifecycle: session_before_compact (cancel, a handler's summary, fewer
// messages kept) and session_compact, on every compaction path, against a real loopback provider,
// a real SQLite session store and a Lua extension written as for the original.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { jsonError, type Handler } from "../model/loopback-server.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, toolFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();
const answer = (text: string): Handler => (res) => respond(res, textFrames(text));

/** A chat with `lua` loaded; the payloads of both events as the first handler saw them (JSON copies). */
async function chatWith(handlers: Handler[], lua = "") {
  const server = await serve(handlers);
  const p = project(server.origin);
  p.write("a.txt", "alpha\n");
  const chat = openLoop(p);
  const file = join(p.root, "ext.lua");
  writeFileSync(file, `local lc = require("librecode")\n${lua}`);
  new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home }).loadPaths([file]);
  chat.loop.start(false);
  const seen: [string, Record<string, unknown>][] = [];
  for (const name of ["session_before_compact", "session_compact"]) {
    chat.rt.events.on(name, (ev) => void seen.push([name, JSON.parse(JSON.stringify(ev.data))]), { priority: 10 });
  }
  const errors = () => chat.rt.errors.map((e) => formatExtensionError(e).split("\n")[0]);
  return { server, chat, seen, errors };
}

/** A read of a.txt and its answer, then a plain second prompt: entries 1-4 go, 5-6 stay. */
const TWO_PROMPTS: Handler[] = [(res) => respond(res, toolFrames("c1", "read", { path: "a.txt" })), answer("one"), answer("two")];

async function twoPrompts(chat: { loop: { run(t: string): Promise<unknown> } }) {
  await chat.loop.run("first question");
  await chat.loop.run("second question");
}

/** What every summary of these turns ends with: the file the summarised turns read (the original's appendix). */
const FILES = "\n\n### Librecode file operations\n- read: a.txt (via read)";

const PLAN = {
  cwd: expect.any(String), session_id: expect.any(String), first_kept_entry_id: "5", tokens_before: expect.any(Number),
  summary_message_count: 4, summarized_entry_ids: ["1", "2", "3", "4"], kept_entry_ids: ["5", "6"], split_turn_summary: "",
  file_operations: [{ entry_id: "3", action: "read", path: "a.txt", tool: "read", command: "" }],
  reason: "manual", retry_intent: "none",
};

describe("session_before_compact and session_compact", () => {
  it("/compact fires both with the plan's entry ids, the files the summarised turns read, and the stored summary", async () => {
    const { chat, seen, errors } = await chatWith([...TWO_PROMPTS, answer("SUMMARY")]);
    await twoPrompts(chat);
    const tokens = chat.loop.contextUse().tokens;
    expect(await chat.loop.compact()).toBe(true);
    expect(errors()).toEqual([]);
    expect(seen).toEqual([
      ["session_before_compact", { ...PLAN, tokens_before: tokens }],
      ["session_compact", { ...PLAN, tokens_before: tokens, entry_id: "7", summary: `SUMMARY${FILES}`, source: "core" }],
    ]);
    expect(seen[0]![1].session_id).toBe(chat.loop.session.id);
  });

  it("a handler's compaction.summary is stored instead of asking the model (source extension)", async () => {
    const { server, chat, seen } = await chatWith([...TWO_PROMPTS], `
      lc.on("session_before_compact", function(ev)
        return { compaction = { summary = "  Read a.txt; " .. #ev.payload.summarized_entry_ids .. " entries  " } }
      end)`);
    await twoPrompts(chat);
    expect(await chat.loop.compact()).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(chat.store.loadContext(chat.loop.session.id).map((m) => [m.kind, m.text])).toEqual([
      ["summary", `Read a.txt; 4 entries${FILES}`], ["user", "second question"], ["assistant", "two"],
    ]);
    expect(seen[1]![1]).toMatchObject({ summary: `Read a.txt; 4 entries${FILES}`, source: "extension" });
  });

  it("compaction.cancel (returned or set on the payload) or stop leaves the context whole and says so", async () => {
    for (const how of ["return { compaction = { cancel = true } }", "ev.payload.compaction = { cancel = true }", "return { stop = true }"]) {
      const { server, chat, seen } = await chatWith([...TWO_PROMPTS], `lc.on("session_before_compact", function(ev) ${how} end)`);
      await twoPrompts(chat);
      expect(await chat.loop.compact()).toBe(false);
      expect(server.requests).toHaveLength(3);
      expect(seen.map(([name]) => name)).toEqual(["session_before_compact"]);
      expect(chat.loop.entries).toHaveLength(6);
      expect(chat.rt.buffers.getBlocks("transcript").at(-1)!.text).toBe("Compaction canceled by an extension.");
    }
  });

  it("compaction.first_kept_entry_id keeps fewer messages; one outside the kept turns is a one-line error and nothing changes", async () => {
    const three = [...TWO_PROMPTS, answer("three"), answer("SUMMARY")];
    const { chat, seen } = await chatWith(three, `
      lc.on("session_before_compact", function(ev)
        return { compaction = { first_kept_entry_id = ev.payload.kept_entry_ids[#ev.payload.kept_entry_ids - 1] } }
      end)`);
    await twoPrompts(chat);
    await chat.loop.run("third question");
    expect(seen).toEqual([]);
    expect(await chat.loop.compact()).toBe(true);
    const before = seen[0]![1];
    const after = seen[1]![1];
    expect(before.first_kept_entry_id).not.toBe(after.first_kept_entry_id);
    expect(after.kept_entry_ids).toEqual(["7", "8"]);
    expect(chat.store.loadContext(chat.loop.session.id).map((m) => m.text)).toEqual([`SUMMARY${FILES}`, "third question", "three"]);

    const bad = await chatWith([...TWO_PROMPTS], `
      lc.on("session_before_compact", function() return { compaction = { first_kept_entry_id = "2" } } end)`);
    await twoPrompts(bad.chat);
    await expect(bad.chat.loop.compact()).rejects.toThrow(
      'session_before_compact: compaction.first_kept_entry_id: expected the id of a user message in kept_entry_ids, got "2"');
    expect(bad.chat.loop.entries).toHaveLength(6);
  });

  it("fire for the overflow retry (provider_overflow) and Lua's session.compact (manual) too", async () => {
    const overflow = jsonError(400, { error: { message: "This model's maximum context length is 8192 tokens", type: "invalid_request_error" } });
    const { chat, seen } = await chatWith([...TWO_PROMPTS, overflow, answer("SUMMARY"), answer("three"), answer("S2")], `
      lc.on("test:compact", function() lc.session.compact() end)`);
    await twoPrompts(chat);
    expect(await chat.loop.run("third question")).toMatchObject({ stopReason: "stop", text: "three" });
    expect(seen.map(([name, d]) => `${name} ${d.reason} ${d.retry_intent}`)).toEqual([
      "session_before_compact provider_overflow retry_after_compaction", "session_compact provider_overflow retry_after_compaction",
    ]);
    const done = new Promise<void>((resolve) => chat.rt.events.on("session_compact", () => resolve()));
    chat.rt.emit("test:compact", {});
    await done;
    expect(seen.slice(2).map(([name, d]) => `${name} ${d.reason} ${d.retry_intent}`)).toEqual([
      "session_before_compact manual none", "session_compact manual none",
    ]);
  });
});

describe("what a compaction stores, as the original", () => {
  it("the summary keeps details: counts, tokens before, every handler's compaction.details merged, the file operations", async () => {
    const { chat } = await chatWith([...TWO_PROMPTS, answer("SUMMARY")], `
      lc.on("session_before_compact", function() return { compaction = { details = { owner = "audit", n = 1 } } } end)
      lc.on("session_before_compact", function() return { compaction = { details = { n = 2 } } } end)`);
    await twoPrompts(chat);
    const tokens = chat.loop.contextUse().tokens;
    expect(await chat.loop.compact()).toBe(true);
    expect(chat.store.loadContext(chat.loop.session.id)[0]!.payload).toEqual({ details: {
      summarized_entries: 4, kept_entries: 2, tokens_before: tokens, owner: "audit", n: 2,
      file_operations: [{ entry_id: "3", action: "read", path: "a.txt", tool: "read", command: "" }],
    } });
  });

  it("a bash command's paths are file operations, modified when it writes", async () => {
    const bash: Handler = (res) => respond(res, toolFrames("c1", "bash", { command: "cat a.txt > b.txt" }));
    const { chat, seen } = await chatWith([bash, answer("one"), answer("two"), answer("SUMMARY")]);
    await twoPrompts(chat);
    expect(await chat.loop.compact()).toBe(true);
    expect(seen[0]![1].file_operations).toEqual([
      { entry_id: "3", action: "modified", path: "b.txt", tool: "bash", command: "cat a.txt > b.txt" },
      { entry_id: "3", action: "modified", path: "a.txt", tool: "bash", command: "cat a.txt > b.txt" },
    ]);
  });

  it("the next compaction carries the previous one's file operations forward", async () => {
    const { chat, seen } = await chatWith([...TWO_PROMPTS, answer("SUMMARY"), answer("three"), answer("four"), answer("S2")]);
    await twoPrompts(chat);
    expect(await chat.loop.compact()).toBe(true);
    await chat.loop.run("third question");
    await chat.loop.run("fourth question");
    expect(await chat.loop.compact()).toBe(true);
    expect(seen[2]![1]).toMatchObject({ summarized_entry_ids: ["5", "6"], file_operations: [PLAN.file_operations[0]] });
    expect(seen[3]![1].summary).toBe(`S2${FILES}`);
  });

  it("message_append fires for the stored summary as a compaction entry", async () => {
    const { chat } = await chatWith([...TWO_PROMPTS, answer("SUMMARY")]);
    await twoPrompts(chat);
    const appended: Record<string, unknown>[] = [];
    chat.rt.events.on("message_append", (ev) => void appended.push(ev.data));
    const tokens = chat.loop.contextUse().tokens;
    expect(await chat.loop.compact()).toBe(true);
    expect(appended).toEqual([expect.objectContaining({
      entry_id: "7", entry_type: "compaction", kind: "summary", role: "", text: "", summary: `SUMMARY${FILES}`, model_facing: true,
      token_estimate: Math.ceil(`SUMMARY${FILES}`.length / 4), compaction_first_kept_entry_id: "5", compaction_tokens_before: tokens,
    })]);
  });
});
