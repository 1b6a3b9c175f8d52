import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, SCHEMA_VERSION, SessionStore, formatSessionList, formatSessionShow } from "../../engine/session/index.js";
import { steppingClock, tempHome } from "./session-fixture.js";

/** A fresh home whose database was created at the current version and then changed by `sql`. */
function migratedThen(sql: string): string {
  const home = tempHome();
  SessionStore.open(home).close();
  const raw = new Database(join(home, "librecode.db"));
  raw.exec(sql);
  raw.close();
  return home;
}

describe("opening the database", () => {
  it("creates $LIBRECODE_HOME/librecode.db from nothing and migrates it to the current version", () => {
    const home = tempHome();
    const store = SessionStore.open(home);
    expect(store.path).toBe(join(home, "librecode.db"));
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    store.close();
  });

  it("runs in WAL mode with synchronous NORMAL", () => {
    const store = SessionStore.open(tempHome());
    expect(store.journalMode()).toBe("wal");
    store.close();
  });

  it("re-opens a migrated database without migrating again", () => {
    const home = tempHome();
    const first = SessionStore.open(home);
    const s = first.create({ cwd: "/p" });
    first.close();
    const again = SessionStore.open(home);
    expect(again.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(again.get(s.id)?.cwd).toBe("/p");
    again.close();
  });

  it("upgrades a version-1 database in order", () => {
    const home = tempHome();
    mkdirSync(home, { recursive: true });
    const raw = new Database(join(home, "librecode.db"));
    raw.exec(`${MIGRATIONS[0]}; CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1)`);
    raw.close();
    const store = SessionStore.open(home);
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    const s = store.create({ cwd: "/p" });
    expect(store.appendSummary(s.id, "so far", 0).replacesThrough).toBe(0);
    expect(store.fork(s.id).parentId).toBe(s.id);
    store.close();
  });

  it("refuses a database written by a newer version", () => {
    const home = migratedThen("UPDATE schema_version SET version = 99");
    expect(() => SessionStore.open(home)).toThrow(
      `session: ${join(home, "librecode.db")}: expected schema version <= ${SCHEMA_VERSION}, got 99 (written by a newer librecode)`,
    );
  });
});

describe("sessions", () => {
  it("lists newest first by last update", () => {
    const clock = steppingClock();
    const store = SessionStore.open(tempHome(), { clock });
    const a = store.create({ cwd: "/p", name: "a" });
    clock.advance(1000);
    const b = store.create({ cwd: "/p", name: "b" });
    clock.advance(1000);
    store.appendMessage(a.id, { kind: "user", text: "hi" });
    expect(store.list().map((s) => s.name)).toEqual(["a", "b"]);
    store.close();
  });

  it("breaks ties in update time by creation order, newest first", () => {
    const store = SessionStore.open(tempHome(), { clock: steppingClock() });
    store.create({ cwd: "/p", name: "first" });
    store.create({ cwd: "/p", name: "second" });
    expect(store.list().map((s) => s.name)).toEqual(["second", "first"]);
    store.close();
  });

  it("finds the latest session of a directory that holds a message for --resume", () => {
    const clock = steppingClock();
    const store = SessionStore.open(tempHome(), { clock });
    const here = store.create({ cwd: "/proj" });
    store.appendMessage(here.id, { kind: "user", text: "hi" });
    clock.advance(10);
    store.create({ cwd: "/elsewhere" });
    store.create({ cwd: "/proj" }); // newer, but nothing was said in it
    expect(store.latestForCwd("/proj")?.id).toBe(here.id);
    expect(store.latestForCwd("/nowhere")).toBeUndefined();
    store.close();
  });

  it("removes a session only when it is unnamed and holds no message", () => {
    const store = SessionStore.open(tempHome());
    const empty = store.create({ cwd: "/p" });
    const named = store.create({ cwd: "/p", name: "later" });
    const talked = store.create({ cwd: "/p" });
    store.appendMessage(talked.id, { kind: "user", text: "hi" });
    expect([empty, named, talked].map((s) => store.removeIfEmpty(s.id))).toEqual([true, false, false]);
    expect(store.list().map((s) => s.id).sort()).toEqual([named.id, talked.id].sort());
    store.close();
  });

  it("renames and finds a session by id, name or unique id prefix", () => {
    const store = SessionStore.open(tempHome());
    const s = store.create({ cwd: "/p" });
    store.rename(s.id, "parser work");
    expect(store.find("parser work")?.id).toBe(s.id);
    expect(store.find(s.id.slice(0, 6))?.id).toBe(s.id);
    expect(store.find(s.id)?.name).toBe("parser work");
    expect(store.find("nope")).toBeUndefined();
    store.close();
  });

  it("names the missing session in errors", () => {
    const store = SessionStore.open(tempHome());
    expect(() => store.appendMessage("zzz", { kind: "user", text: "x" })).toThrow(
      'session.appendMessage: session "zzz": expected an existing session, got none',
    );
    store.close();
  });

  it("formats the list one line per session, ending with a preview of the first prompt", () => {
    const clock = steppingClock();
    const store = SessionStore.open(tempHome(), { clock });
    const a = store.create({ cwd: "/home/u/proj", name: "refactor", provider: "local", model: "m1" });
    store.appendMessage(a.id, { kind: "user", text: "hi" });
    clock.advance(60_000);
    const b = store.create({ cwd: "/tmp" });
    clock.advance(60_000);
    const c = store.create({ cwd: "/tmp" });
    store.appendMessage(c.id, { kind: "user", text: "rename the parser module\nand update every import of it please" });
    store.appendMessage(c.id, { kind: "user", text: "second prompt" });
    const lines = formatSessionList(store.list());
    expect(lines).toEqual([
      `${c.id}  2026-11-25 16:02  2 msgs  -         -         /tmp  "rename the parser module and update eve…"`,
      `${b.id}  2026-11-25 16:01  0 msgs  -         -         /tmp`,
      `${a.id}  2026-11-25 16:00  1 msgs  refactor  local/m1  /home/u/proj  "hi"`,
    ]);
    expect(formatSessionList([])).toEqual(["no sessions"]);
    store.close();
  });
});

describe("messages", () => {
  it("survive closing and re-opening the database, in order, with payloads", () => {
    const home = tempHome();
    const store = SessionStore.open(home, { clock: steppingClock() });
    const s = store.create({ cwd: "/p" });
    store.appendMessage(s.id, { kind: "user", text: "list files" });
    store.appendMessage(s.id, { kind: "tool_call", payload: { name: "bash", arguments: { cmd: "ls" } } });
    store.appendMessage(s.id, { kind: "tool_result", text: "a.txt\nb.txt" });
    store.appendMessage(s.id, { kind: "assistant", text: "Two files." });
    store.close();
    const again = SessionStore.open(home);
    const got = again.loadMessages(s.id).map((m) => [m.seq, m.role, m.kind, m.text, m.payload, m.status]);
    expect(got).toEqual([
      [1, "user", "user", "list files", undefined, "complete"],
      [2, "assistant", "tool_call", "", { name: "bash", arguments: { cmd: "ls" } }, "complete"],
      [3, "tool", "tool_result", "a.txt\nb.txt", undefined, "complete"],
      [4, "assistant", "assistant", "Two files.", undefined, "complete"],
    ]);
    expect(again.get(s.id)?.messageCount).toBe(4);
    again.close();
  });

  it("never stores keys: known shapes and configured keys are scrubbed from text and payloads", () => {
    const store = SessionStore.open(tempHome(), { secrets: () => ["local-secret-value"] });
    const s = store.create({ cwd: "/p" });
    store.appendMessage(s.id, { kind: "user", text: "my key is sk-proj-abcdefghijklmnopqrstuvwx" });
    store.appendMessage(s.id, { kind: "tool_call", payload: { env: "KEY=local-secret-value" } });
    expect(store.loadMessages(s.id).map((m) => m.text || m.payload)).toEqual([
      "my key is [redacted]",
      { env: "KEY=[redacted]" },
    ]);
    store.close();
  });

  it("keeps a summary for the model's context while the originals stay stored", () => {
    const store = SessionStore.open(tempHome());
    const s = store.create({ cwd: "/p" });
    for (const text of ["q1", "a1", "q2"]) store.appendMessage(s.id, { kind: text[0] === "q" ? "user" : "assistant", text });
    store.appendSummary(s.id, "asked q1, got a1", 2);
    store.appendMessage(s.id, { kind: "assistant", text: "a2" });
    expect(store.loadContext(s.id).map((m) => [m.kind, m.text])).toEqual([
      ["summary", "asked q1, got a1"],
      ["user", "q2"],
      ["assistant", "a2"],
    ]);
    expect(store.loadMessages(s.id).map((m) => m.text)).toEqual(["q1", "a1", "q2", "asked q1, got a1", "a2"]);
    store.close();
  });

  it("shows a session as text", () => {
    const store = SessionStore.open(tempHome(), { clock: steppingClock() });
    const s = store.create({ cwd: "/p", name: "demo", provider: "openai", model: "gpt" });
    store.appendMessage(s.id, { kind: "user", text: "hello\nthere" });
    store.appendMessage(s.id, { kind: "assistant", text: "hi", status: "interrupted" });
    expect(formatSessionShow(store.get(s.id)!, store.loadMessages(s.id))).toEqual([
      `session ${s.id} "demo"`,
      "cwd /p  model openai/gpt  created 2026-11-25 16:00  updated 2026-11-25 16:00",
      "user: hello",
      "  there",
      "assistant (interrupted): hi",
    ]);
    store.close();
  });
});
