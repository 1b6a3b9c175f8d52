// A resumed session is shown newest page first; older pages go above it on later timer ticks, and
// the model's context is read when first needed. Real SQLite in a temp home, a FakeClock runtime.
import { describe, expect, it } from "vitest";
import { openChatLoop } from "../../engine/agent/open-chat-loop.js";
import { showResumed } from "../../engine/agent/resume-preview.js";
import { newestPageSize, SessionHistory, showNewest } from "../../engine/agent/session-history.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { SessionStore } from "../../engine/session/session-store.js";
import { envFor, project } from "./agent-fixture.js";
import { tempDir } from "../support/temp-tree.js";

/** A store in a temp home holding one session of `n` messages: user "q1", assistant "a2", ... */
function stored(n: number, home = tempDir("librecode-history-")) {
  const store = SessionStore.open(home);
  const s = store.create({ cwd: "/work" });
  for (let i = 1; i <= n; i++) store.appendMessage(s.id, i % 2 === 1 ? { kind: "user", text: `q${i}` } : { kind: "assistant", text: `a${i}` });
  return { store, id: s.id, home };
}

const texts = (rt: Runtime) => rt.buffers.getBlocks("transcript").map((b) => b.text);

describe("a resumed session shown a page at a time", () => {
  it("shows the newest page in one commit: enough for two screens, at least 50 messages", () => {
    const { store, id } = stored(300);
    const rt = new Runtime({ clock: new FakeClock(), height: 12 });
    const shown = showNewest(rt, store, id, newestPageSize(rt.height));
    expect(newestPageSize(12)).toBe(50);
    expect(newestPageSize(40)).toBe(80);
    expect([texts(rt).length, texts(rt)[0], texts(rt).at(-1)]).toEqual([50, "q251", "a300"]);
    expect(shown).toEqual({ sessionId: id, fromSeq: 251, anchorId: rt.buffers.getBlocks("transcript")[0]!.id, complete: false });
  });

  it("puts each older page above the shown ones, and the background loads them all one per tick", () => {
    const { store, id } = stored(300);
    const clock = new FakeClock();
    const rt = new Runtime({ clock });
    const history = new SessionHistory(rt, store, showNewest(rt, store, id, 50));
    expect(history.loadOlder(100)).toBe(true);
    expect([texts(rt).length, texts(rt)[0], texts(rt)[100]]).toEqual([150, "q151", "q251"]);
    history.loadInBackground();
    expect(texts(rt).length).toBe(150);
    clock.advance(0, 1);
    expect(texts(rt).length).toBe(150 + 150); // the page size is 250: one tick takes the rest
    expect(history.complete).toBe(true);
    expect(texts(rt)).toEqual(Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? `q${i + 1}` : `a${i + 1}`)));
    expect(rt.buffers.getBlocks("transcript").map((b) => b.index)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it("never starts a page with a tool result: its call, with the tool's name and arguments, comes along", () => {
    const { store, id } = stored(10);
    store.appendMessage(id, { kind: "assistant", text: "", payload: { tool_calls: [{ id: "c1", name: "read", arguments: "{\"path\":\"a.ts\"}" }] } });
    store.appendMessage(id, { kind: "tool_result", text: "export {}", payload: { tool_call_id: "c1", name: "read", is_error: false } });
    store.appendMessage(id, { kind: "assistant", text: "done" });
    const rt = new Runtime({ clock: new FakeClock() });
    const shown = showNewest(rt, store, id, 2);
    expect(shown.fromSeq).toBe(11);
    expect(rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.text, b.metadata.name ?? "", b.metadata.arguments ?? ""])).toEqual([
      ["tool", "export {}", "read", { path: "a.ts" }], ["message", "done", "", ""],
    ]);
  });

  it("stops loading once the shown blocks are gone (the transcript was cleared)", () => {
    const { store, id } = stored(300);
    const rt = new Runtime({ clock: new FakeClock() });
    const history = new SessionHistory(rt, store, showNewest(rt, store, id, 50));
    rt.guard("host", "clear", () => rt.buffers.deleteBlocks("transcript", 0, -1));
    expect([history.loadOlder(), history.complete, texts(rt)]).toEqual([false, true, []]);
  });

  it("--session with an unknown id fails before anything is shown; --resume of a directory with none shows nothing", () => {
    const { home } = stored(3);
    const rt = new Runtime({ clock: new FakeClock() });
    expect(() => showResumed(rt, home, "/work", { session: "nope" })).toThrow('--session: "nope": expected a session id, name or unique id prefix, got no match');
    expect(showResumed(rt, home, "/elsewhere", { resume: true })).toBeUndefined();
    expect(showResumed(rt, home, "/work", { resume: true })?.fromSeq).toBe(1);
    expect(texts(rt)).toEqual(["q1", "a2", "q3"]);
  });

  it("the chat loop carries on from the shown page: older pages and the context load on the next ticks", async () => {
    const p = project("http://127.0.0.1:9");
    const { id } = stored(120, p.home);
    const clock = new FakeClock();
    const rt = new Runtime({ clock, cwd: p.cwd, height: 12 });
    const shown = showResumed(rt, p.home, "/work", { session: id })!;
    const chat = openChatLoop({ runtime: rt, cwd: p.cwd, env: envFor(p), sessionId: id });
    const loads: unknown[] = [];
    rt.events.on("session_load", (ev) => void loads.push(ev.data.messages));
    chat.loop.start(true, shown);
    expect([texts(rt).length, loads, rt.buffers.get("status")?.metadata.context_tokens]).toEqual([50, [120], undefined]);
    clock.advance(0);
    expect(texts(rt).length).toBe(120);
    expect(rt.buffers.get("status")?.metadata.context_tokens).toEqual(expect.any(Number));
    expect(chat.loop.entries.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    chat.close();
  });
});
