import { describe, expect, it } from "vitest";
import { SessionStore, formatSessionShow } from "../../engine/session/index.js";
import { steppingClock, tempHome } from "./session-fixture.js";

function shown(fill: (store: SessionStore, id: string) => void): string[] {
  const store = SessionStore.open(tempHome(), { clock: steppingClock() });
  const s = store.create({ cwd: "/p", provider: "local", model: "m1" });
  fill(store, s.id);
  const lines = formatSessionShow(store.get(s.id)!, store.loadMessages(s.id));
  store.close();
  return lines.slice(2);
}

describe("session show", () => {
  it("shows the assistant's tool calls (name and arguments) and their results compactly", () => {
    expect(shown((store, id) => {
      store.appendMessage(id, { kind: "user", text: "use a tool" });
      store.appendMessage(id, { kind: "assistant", text: "Reading the file.", payload: { tool_calls: [{ id: "c1", name: "read", arguments: '{"path":"notes.txt"}' }] } });
      store.appendMessage(id, { kind: "tool_result", text: "     1\tremember\n     2\tthe\n     3\tmilk\n     4\tand\n     5\teggs", payload: { tool_call_id: "c1", name: "read", is_error: false } });
      store.appendMessage(id, { kind: "assistant", text: "", payload: { thinking: "Now list.\nThen answer.", tool_calls: [{ id: "c2", name: "ls", arguments: "{}" }] } });
      store.appendMessage(id, { kind: "tool_result", text: "ls: no such directory", payload: { tool_call_id: "c2", name: "ls", is_error: true } });
      store.appendMessage(id, { kind: "assistant", text: "# Plan" });
    })).toEqual([
      "user: use a tool",
      "assistant: Reading the file.",
      '  call read {"path":"notes.txt"}',
      "tool_result read:      1\tremember",
      "       2\tthe",
      "       3\tmilk",
      "  … 2 more lines",
      "assistant:",
      "  thinking: Now list. …",
      "  call ls {}",
      "tool_result ls (error): ls: no such directory",
      "assistant: # Plan",
    ]);
  });

  it("shows a tool result of one line more than the preview whole, never '… 1 more lines'", () => {
    expect(shown((store, id) => {
      store.appendMessage(id, { kind: "tool_result", text: "a\nb\nc\nd", payload: { tool_call_id: "c1", name: "bash", is_error: false } });
    })).toEqual(["tool_result bash: a", "  b", "  c", "  d"]);
  });

  it("lists an answer's thinking before its text, as it happened", () => {
    expect(shown((store, id) => {
      store.appendMessage(id, { kind: "user", text: "why?" });
      store.appendMessage(id, { kind: "assistant", text: "Because.\nThat is all.", payload: { thinking: "The user asks why." } });
    })).toEqual([
      "user: why?",
      "assistant:",
      "  thinking: The user asks why.",
      "  Because.",
      "  That is all.",
    ]);
  });

  it("prints no blank or whitespace-only lines", () => {
    const lines = shown((store, id) => {
      store.appendMessage(id, { kind: "user", text: "first\n\n  \nsecond" });
      store.appendMessage(id, { kind: "assistant", text: "one\n\ntwo\n" });
    });
    expect(lines).toEqual(["user: first", "  second", "assistant: one", "  two"]);
  });

  it("summarises long arguments on one line", () => {
    const long = JSON.stringify({ path: "a.txt", content: "x".repeat(200) });
    const lines = shown((store, id) => {
      store.appendMessage(id, { kind: "assistant", text: "", payload: { tool_calls: [{ id: "c1", name: "write", arguments: long }] } });
    });
    expect(lines).toEqual(["assistant:", `  call write ${long.slice(0, 79)}…`]);
  });
});

describe("an unopenable librecode.db", () => {
  it("fails with one line naming the path and why, before SQLite is touched", async () => {
    const { mkdirSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { checkDatabasePath } = await import("../../engine/session/index.js");
    const home = tempHome();
    mkdirSync(join(home, "librecode.db"), { recursive: true });
    const expected = `session: ${join(home, "librecode.db")}: cannot open the database: it is a directory`;
    expect(() => checkDatabasePath(home)).toThrow(expected);
    expect(() => SessionStore.open(home)).toThrow(expected);
  });

  it("passes a home that does not exist yet (it is created) and an existing database", async () => {
    const { checkDatabasePath } = await import("../../engine/session/index.js");
    const home = tempHome();
    expect(() => checkDatabasePath(home)).not.toThrow();
    SessionStore.open(home).close();
    expect(() => checkDatabasePath(home)).not.toThrow();
  });
});
