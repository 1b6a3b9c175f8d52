import { describe, expect, it } from "vitest";
import type { Handler } from "../model/loopback-server.js";
import { exitNote } from "../../engine/agent/exit-note.js";
import { loopbackPerTest, openLoop, project, respond, textFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();
const answer = (text: string): Handler => (res) => respond(res, textFrames(text));

describe("sessions nothing was said in", () => {
  it("a launch that is closed without a message leaves no session behind", async () => {
    const p = project((await serve([])).origin);
    const chat = openLoop(p);
    chat.loop.start(false);
    chat.loop.shutdown();
    chat.close();
    const after = openLoop(p);
    expect(after.store.list()).toEqual([after.loop.session]);
    after.close();
  });

  it("--resume opens the last conversation, not a newer empty launch", async () => {
    const p = project((await serve([answer("hello back")])).origin);
    const talked = openLoop(p);
    talked.loop.start(false);
    await talked.loop.run("hello");
    talked.close();
    const idle = openLoop(p); // a later launch left open (a crash keeps its empty row)
    idle.loop.start(false);
    const resumed = openLoop(p, { resume: true });
    expect([resumed.resumed, resumed.nothingToResume, resumed.loop.session.id]).toEqual([true, false, talked.loop.session.id]);
    resumed.close();
    idle.close();
  });

  it("--resume with nothing to resume says so in the new session", async () => {
    const p = project((await serve([])).origin);
    const chat = openLoop(p, { resume: true });
    expect([chat.resumed, chat.nothingToResume]).toEqual([false, true]);
    chat.close();
  });

  it("/new away from an empty session drops it; a named one is kept", async () => {
    const p = project((await serve([])).origin);
    const chat = openLoop(p);
    chat.loop.start(false);
    const first = chat.loop.session.id;
    await chat.loop.run("/new");
    await chat.loop.run("/name keep me");
    await chat.loop.run("/new");
    expect(chat.store.get(first)).toBeUndefined();
    expect(chat.store.list().map((s) => s.name)).toEqual([null, "keep me"]);
    chat.close();
  });

  it("the exit line names the session and how to resume it, and there is none for an empty one", async () => {
    const p = project((await serve([answer("hi")])).origin);
    const chat = openLoop(p);
    chat.loop.start(false);
    expect(chat.loop.exitNote()).toBeUndefined();
    await chat.loop.run("hello");
    const id = chat.loop.session.id;
    expect(chat.loop.exitNote()).toBe(`librecode: session ${id} saved; continue it with \`librecode --resume\` (or \`librecode --session ${id}\`)`);
    expect(exitNote({ ...chat.store.get(id)!, name: "parser" })).toBe(
      `librecode: session ${id} "parser" saved; continue it with \`librecode --resume\` (or \`librecode --session ${id}\`)`);
    chat.close();
  });
});
