import { describe, expect, it } from "vitest";
import { formatSessionTree, SessionStore, treeOf } from "../../engine/session/index.js";
import { scratch } from "../cli/run-cli.js";
import { cliInProcess as cli } from "../cli/run-in-process.js";
import { steppingClock, tempHome } from "./session-fixture.js";

function storeWith(...texts: string[]) {
  const clock = steppingClock();
  const store = SessionStore.open(tempHome(), { clock });
  const root = store.create({ cwd: "/p", name: "main", provider: "local", model: "m1" });
  for (const t of texts) {
    clock.advance(1000);
    store.appendMessage(root.id, { kind: t.startsWith("u:") ? "user" : "assistant", text: t.slice(2) });
  }
  return { store, root, clock };
}

describe("forking a session", () => {
  it("copies the messages through a seq and records the parent and the fork point", () => {
    const { store, root } = storeWith("u:one", "a:1", "u:two", "a:2");
    const fork = store.fork(root.id, { throughSeq: 2, name: "try" });
    expect(fork).toMatchObject({ parentId: root.id, forkSeq: 2, name: "try", cwd: "/p", provider: "local", model: "m1", messageCount: 2 });
    expect(store.loadMessages(fork.id).map((m) => `${m.seq} ${m.kind} ${m.text}`)).toEqual(["1 user one", "2 assistant 1"]);
    expect(store.loadMessages(root.id)).toHaveLength(4);
    store.close();
  });

  it("copies everything without a fork point, and a write to the fork leaves the parent as it was", () => {
    const { store, root } = storeWith("u:one", "a:1");
    const clone = store.fork(root.id);
    store.appendMessage(clone.id, { kind: "user", text: "only in the clone" });
    expect([store.get(clone.id)!.messageCount, store.get(root.id)!.messageCount, store.get(clone.id)!.forkSeq]).toEqual([3, 2, 2]);
    store.close();
  });

  it("refuses an unknown session with one line", () => {
    const { store } = storeWith();
    expect(() => store.fork("nope")).toThrow('session fork: "nope": expected a session id, got no match');
    store.close();
  });

  it("deletes a session and its messages, and its forks become roots", () => {
    const { store, root } = storeWith("u:one");
    const fork = store.fork(root.id);
    expect(store.delete(root.id)).toBe(true);
    expect(store.get(root.id)).toBeUndefined();
    expect(store.get(fork.id)!.parentId).toBeNull();
    expect(store.loadMessages(fork.id)).toHaveLength(1);
    expect(store.delete(root.id)).toBe(false);
    store.close();
  });

  it("lists a session's children, oldest first", () => {
    const { store, root, clock } = storeWith("u:one");
    const a = store.fork(root.id);
    clock.advance(1000);
    const b = store.fork(root.id);
    expect(store.children(root.id).map((s) => s.id)).toEqual([a.id, b.id]);
    store.close();
  });
});

describe("the fork tree", () => {
  it("draws forks under their parents, marking the current session", () => {
    const { store, root, clock } = storeWith("u:one", "a:1", "u:two");
    clock.advance(60_000);
    const a = store.fork(root.id, { throughSeq: 2, name: "alt" });
    clock.advance(60_000);
    const b = store.fork(a.id, { name: "deeper" });
    clock.advance(60_000);
    const c = store.fork(root.id);
    const all = store.list();
    expect(formatSessionTree(treeOf(all, b.id), b.id)).toEqual([
      `${root.id}  2026-11-25 16:00  3 msgs  main`,
      `├─ ${a.id}  2026-11-25 16:01  2 msgs  alt  (fork after message 2)`,
      `│  └─ ${b.id} *  2026-11-25 16:02  2 msgs  deeper  (fork after message 2)`,
      `└─ ${c.id}  2026-11-25 16:03  3 msgs  -  (fork after message 3)`,
    ]);
    store.close();
  });
});

describe("librecode session fork|tree|rename|delete (in-process)", () => {
  it("forks, draws the tree, renames and deletes", async () => {
    const where = scratch();
    const created = await cli(["session", "new", "base"], where);
    const id = created.stdout.trim();
    const fork = await cli(["session", "fork", id, "--at", "0", "--name", "branch"], where);
    expect([fork.code, fork.stderr]).toEqual([0, ""]);
    const forkId = fork.stdout.trim();
    expect((await cli(["session", "rename", forkId, "renamed"], where)).stdout).toBe(`${forkId} named "renamed"\n`);
    const tree = (await cli(["session", "tree", forkId], where)).stdout.split("\n");
    expect(tree[0]).toMatch(new RegExp(`^${id}  \\S+ \\S+  0 msgs  base$`));
    expect(tree[1]).toMatch(new RegExp(`^└─ ${forkId} \\*  \\S+ \\S+  0 msgs  renamed  \\(fork after message 0\\)$`));
    expect(await cli(["session", "delete", id], where)).toEqual({ stdout: `deleted ${id}\n`, stderr: "", code: 0 });
    expect(await cli(["session", "fork", "nope"], where)).toEqual({ stdout: "", stderr: 'librecode session fork: no session matches "nope"\n', code: 2 });
    expect((await cli(["session", "fork", forkId, "--at", "x"], where)).stderr).toBe('librecode session fork: --at: expected a message number from 0 to 0, got "x"\n');
  });
});
