import { describe, expect, it } from "vitest";
import { SessionStore } from "../../engine/session/index.js";
import { steppingClock, tempHome } from "./session-fixture.js";

function storeWith(sessions: { cwd: string; prompts: string[] }[]): SessionStore {
  const store = SessionStore.open(tempHome(), { clock: steppingClock() });
  for (const s of sessions) {
    const id = store.create({ cwd: s.cwd }).id;
    for (const p of s.prompts) {
      store.appendMessage(id, { kind: "user", text: p });
      store.appendMessage(id, { kind: "assistant", text: `re: ${p}` });
    }
  }
  return store;
}

describe("recent prompts of a directory", () => {
  it("come from every session of that cwd, oldest first, and never from another cwd", () => {
    const store = storeWith([
      { cwd: "/p", prompts: ["first", "second"] },
      { cwd: "/other", prompts: ["elsewhere"] },
      { cwd: "/p", prompts: ["third"] },
    ]);
    expect(store.recentPrompts("/p")).toEqual(["first", "second", "third"]);
    expect(store.recentPrompts("/nowhere")).toEqual([]);
    store.close();
  });

  it("are bounded to the newest `limit`", () => {
    const store = storeWith([{ cwd: "/p", prompts: ["a", "b", "c", "d"] }]);
    expect(store.recentPrompts("/p", 2)).toEqual(["c", "d"]);
    store.close();
  });

  it("collapse a prompt repeated in a row", () => {
    const store = storeWith([{ cwd: "/p", prompts: ["again", "again"] }, { cwd: "/p", prompts: ["again", "new"] }]);
    expect(store.recentPrompts("/p")).toEqual(["again", "new"]);
    store.close();
  });
});
