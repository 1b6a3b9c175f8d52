import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SessionStore } from "../../engine/session/index.js";
import { compileStoreForChild, steppingClock, tempHome } from "./session-fixture.js";

/** The stored text and status of message `id`, read with a separate connection. */
function onDisk(home: string, id: number): { text: string; status: string } {
  const db = new Database(join(home, "librecode.db"), { readonly: true });
  const row = db.prepare("SELECT text, status FROM messages WHERE id = ?").get(id) as { text: string; status: string };
  db.close();
  return row;
}

/** A store on a fresh home with a stepping clock, holding one session in /p with partial message `id` begun. */
function streaming(kind?: "assistant" | "thinking") {
  const home = tempHome();
  const clock = steppingClock();
  const store = SessionStore.open(home, { clock });
  const session = store.create({ cwd: "/p" });
  const id = store.beginPartial(session.id, kind);
  return { home, clock, store, session, id };
}

describe("streamed answers", () => {
  it("writes a partial to disk only every 250 ms of the injected clock", () => {
    const { home, clock, store, id } = streaming();
    const seen: string[] = [];
    for (const delta of ["a", "b", "c", "d"]) {
      clock.advance(100);
      store.updatePartial(id, delta);
      seen.push(onDisk(home, id).text);
    }
    expect(seen).toEqual(["", "", "abc", "abc"]);
    expect(onDisk(home, id).status).toBe("partial");
    store.close();
  });

  it("writes a partial at once when 2048 characters are waiting", () => {
    const { home, store, id } = streaming();
    store.updatePartial(id, "x".repeat(2047));
    expect(onDisk(home, id).text).toBe("");
    store.updatePartial(id, "y");
    expect(onDisk(home, id).text).toBe("x".repeat(2047) + "y");
    store.close();
  });

  it("completes a partial with its full text", () => {
    const { store, id } = streaming("thinking");
    store.updatePartial(id, "let me ");
    store.updatePartial(id, "think");
    const done = store.finishPartial(id);
    expect([done.kind, done.role, done.text, done.status]).toEqual(["thinking", "assistant", "let me think", "complete"]);
    store.close();
  });

  it("keeps an answer cancelled by the user as interrupted", () => {
    const { store, id } = streaming();
    store.updatePartial(id, "half an ans");
    expect(store.finishPartial(id, { status: "interrupted" })).toMatchObject({ text: "half an ans", status: "interrupted" });
    store.close();
  });

  it("scrubs a key that streamed in across two deltas", () => {
    const { home, store, id } = streaming();
    store.updatePartial(id, "key: sk-abcdefgh");
    store.updatePartial(id, "ijklmnopqrstuvwxyz done");
    store.flushPartial(id);
    expect(onDisk(home, id).text).toBe("key: [redacted] done");
    store.close();
  });

  it("does not mark its own live partial interrupted when the session is loaded mid-stream", () => {
    const { store, session, id } = streaming();
    store.updatePartial(id, "streaming");
    store.flushPartial(id);
    expect(store.loadMessages(session.id).map((m) => [m.text, m.status])).toEqual([["streaming", "partial"]]);
    store.close();
  });

  it("marks a partial left by an earlier run of this process interrupted on load", () => {
    const home = tempHome();
    const first = SessionStore.open(home, { clock: steppingClock() });
    const s = first.create({ cwd: "/p" });
    const id = first.beginPartial(s.id);
    first.updatePartial(id, "left over");
    first.close();
    const second = SessionStore.open(home);
    expect(second.loadMessages(s.id).map((m) => [m.text, m.status])).toEqual([["left over", "interrupted"]]);
    second.close();
  });

  it("keeps what streamed when the writing process is killed with SIGKILL", async () => {
    const home = tempHome();
    const dir = compileStoreForChild();
    const script = join(dir, "stream-then-hang.mjs");
    writeFileSync(script, [
      'import { SessionStore } from "./engine/session/session-store.js";',
      "let t = 0;",
      "const store = SessionStore.open(process.argv[2], { clock: { now: () => t } });",
      'const s = store.create({ cwd: "/p", name: "doomed" });',
      'store.appendMessage(s.id, { kind: "user", text: "write a poem" });',
      "const id = store.beginPartial(s.id);",
      "for (let i = 0; i < 10; i++) { t += 100; store.updatePartial(id, `line${i} `); }",
      "process.stdout.write(JSON.stringify({ session: s.id, id }) + '\\n');",
      "setInterval(() => {}, 1000);",
    ].join("\n"));
    const child = spawn(process.execPath, [script, home], { stdio: ["ignore", "pipe", "inherit"] });
    const ready = await new Promise<{ session: string; id: number }>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!));
      });
      child.on("exit", (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, sig) => resolve(sig)));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Flushed at t=300, 600 and 900 ms: line9 had not been written when the process died.
    expect(onDisk(home, ready.id)).toEqual({ text: "line0 line1 line2 line3 line4 line5 line6 line7 line8 ", status: "partial" });
    const store = SessionStore.open(home);
    expect(store.loadMessages(ready.session).map((m) => [m.kind, m.text, m.status])).toEqual([
      ["user", "write a poem", "complete"],
      ["assistant", "line0 line1 line2 line3 line4 line5 line6 line7 line8 ", "interrupted"],
    ]);
    expect(onDisk(home, ready.id).status).toBe("interrupted");
    store.close();
  });
});
