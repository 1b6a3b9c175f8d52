import { describe, expect, it } from "vitest";
import type { Handler } from "../../engine/kernel/event-bus.js";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";

function runtime() {
  return new Runtime({ clock: new FakeClock(0), width: 80, height: 24 });
}
const typed = (c: string) => keyEvent(c, { text: c });

describe("Runtime.emit", () => {
  it("runs handlers by priority, ties in registration order across owners", () => {
    const rt = runtime();
    const log: string[] = [];
    rt.events.on("tick", () => { log.push("a0"); }, { owner: "a" });
    rt.events.on("tick", () => { log.push("b5"); }, { owner: "b", priority: 5 });
    rt.events.on("tick", () => { log.push("b0"); }, { owner: "b" });
    rt.events.on("tick", () => { log.push("a5"); }, { owner: "a", priority: 5 });
    rt.events.on("tick", () => { log.push("c-1"); }, { owner: "c", priority: -1 });
    rt.emit("tick");
    expect(log).toEqual(["b5", "a5", "a0", "b0", "c-1"]);
  });

  it("keeps running later handlers after consume()", () => {
    const rt = runtime();
    const log: string[] = [];
    rt.events.on("x", (ev) => { ev.consume(); log.push("first"); });
    rt.events.on("x", (ev) => { log.push(`second sees consumed=${ev.consumed}`); });
    expect(rt.emit("x")).toEqual({ consumed: true, stopped: false });
    expect(log).toEqual(["first", "second sees consumed=true"]);
  });

  it("runs no later handler after stop()", () => {
    const rt = runtime();
    const log: string[] = [];
    rt.events.on("x", (ev) => { ev.stop(); log.push("first"); });
    rt.events.on("x", () => { log.push("second"); });
    expect(rt.emit("x")).toEqual({ consumed: true, stopped: true });
    expect(log).toEqual(["first"]);
  });

  it("reads return values: true consumes, tables carry consumed/handled/stop/stopped", () => {
    const cases: Array<[ReturnType<Handler>, { consumed: boolean; stopped: boolean }]> = [
      [true, { consumed: true, stopped: false }],
      [false, { consumed: false, stopped: false }],
      [undefined, { consumed: false, stopped: false }],
      [{ consumed: true }, { consumed: true, stopped: false }],
      [{ handled: true }, { consumed: true, stopped: false }],
      [{ stop: true }, { consumed: true, stopped: true }],
      [{ stopped: true }, { consumed: true, stopped: true }],
    ];
    for (const [ret, want] of cases) {
      const rt = runtime();
      rt.events.on("x", () => ret);
      expect(rt.emit("x")).toEqual(want);
    }
  });

  it("drops only a throwing handler's mutations and reports its error", () => {
    const rt = runtime();
    rt.events.on("x", () => { rt.buffers.append("log", "a"); }, { owner: "good1" });
    rt.events.on("x", (ev) => {
      rt.buffers.append("log", "BAD");
      rt.buffers.setLabel("composer", "bad");
      ev.stop();
      throw new Error("handler exploded");
    }, { owner: "bad" });
    rt.events.on("x", () => { rt.buffers.append("log", "c"); }, { owner: "good2" });
    expect(rt.emit("x")).toEqual({ consumed: false, stopped: false });
    expect(rt.buffers.getText("log")).toBe("ac");
    expect(rt.buffers.get("composer")!.label).toBe("");
    expect(rt.errors).toHaveLength(1);
    expect(rt.errors[0]).toMatchObject({ owner: "bad", where: "x handler", message: "handler exploded" });
    expect(rt.errors[0]!.traceback).toContain("handler exploded");
  });

  it("reports a repeating error once until that callback succeeds again", () => {
    const rt = runtime();
    let fail = true;
    rt.events.on("render", () => { if (fail) throw new Error("nil index"); }, { owner: "ext" });
    const seen: string[] = [];
    rt.onError((e) => seen.push(`${e.owner}: ${e.where}: ${e.message}`));
    rt.emit("render");
    rt.emit("render");
    rt.emit("render");
    expect(seen).toEqual(["ext: render handler: nil index"]);
    fail = false;
    rt.emit("render");
    fail = true;
    rt.emit("render");
    expect(seen).toHaveLength(2);
  });

  it("reports a failing handler once even when a good handler of the same owner succeeds between", () => {
    const rt = runtime();
    rt.events.on("tick", () => { throw new Error("broken"); }, { owner: "ext" });
    rt.events.on("tick", () => {}, { owner: "ext" });
    const seen: string[] = [];
    rt.onError((e) => seen.push(`${e.owner}: ${e.where}: ${e.message}`));
    rt.emit("tick");
    rt.emit("tick");
    rt.emit("tick");
    expect(seen).toEqual(["ext: tick handler: broken"]);
  });

  it("counts failures per owner and resets the run after a success", () => {
    const rt = runtime();
    let fail = true;
    rt.events.on("x", () => { if (fail) throw new Error("no"); }, { owner: "flaky" });
    rt.emit("x");
    rt.emit("x");
    expect(rt.ownerStats("flaky")).toMatchObject({ calls: 2, failures: 2, consecutiveFailures: 2 });
    fail = false;
    rt.emit("x");
    expect(rt.ownerStats("flaky")).toMatchObject({ calls: 3, failures: 2, consecutiveFailures: 0 });
    expect(rt.ownerStats("flaky").timeMs).toBeGreaterThanOrEqual(0);
    expect([...rt.allOwnerStats().keys()]).toContain("flaky");
  });

  it("commits all handlers of one emit together", () => {
    const rt = runtime();
    const commits: string[][] = [];
    rt.onDirty((t) => commits.push([...t.buffers]));
    rt.events.on("x", () => { rt.buffers.append("a", "1"); });
    rt.events.on("x", () => { rt.buffers.append("b", "1"); });
    rt.emit("x");
    expect(commits).toEqual([["a", "b"]]);
  });
});

describe("Runtime.guard", () => {
  it("returns the value, or the error after rolling back", () => {
    const rt = runtime();
    expect(rt.guard("host", "test", () => 42)).toEqual({ ok: true, value: 42 });
    const r = rt.guard("ext", "command hello", () => {
      rt.buffers.setText("composer", "changed");
      throw new Error("bad");
    });
    expect(r.ok).toBe(false);
    expect(rt.buffers.getText("composer")).toBe("");
  });

  it("nests as a savepoint: an inner failure keeps the outer work", () => {
    const rt = runtime();
    rt.guard("outer", "test", () => {
      rt.buffers.setText("a", "outer");
      rt.guard("inner", "test", () => {
        rt.buffers.setText("b", "inner");
        throw new Error("inner failed");
      });
    });
    expect(rt.buffers.getText("a")).toBe("outer");
    expect(rt.buffers.has("b")).toBe(false);
  });
});

describe("Runtime.dispatchKey", () => {
  it("runs due timers, then keymaps, then key handlers, then the fallback", () => {
    const clock = new FakeClock(0);
    const rt = new Runtime({ clock });
    const log: string[] = [];
    rt.scheduler.defer(10, () => { log.push("timer"); }, "ext");
    rt.keymaps.set("global", "x", () => { log.push("keymap"); });
    rt.events.on("key", (ev) => { log.push(`handler ${ev.key?.key}`); }, { priority: 100 });
    rt.setKeyFallback((ev) => log.push(`fallback ${ev.key}`));
    // Time passed but the wake-up has not fired yet (a busy loop): the key runs the due timer first.
    clock.jump(10);
    expect(rt.dispatchKey(typed("x"))).toBe(false);
    expect(log).toEqual(["timer", "keymap", "handler x", "fallback x"]);
  });

  it("skips the fallback when a keymap returns true, but still runs key handlers", () => {
    const rt = runtime();
    const log: string[] = [];
    rt.keymaps.set("global", "<C-x>", () => { log.push("keymap"); return true; });
    rt.events.on("key", (ev) => { log.push(`handler consumed=${ev.consumed}`); });
    rt.setKeyFallback(() => log.push("fallback"));
    expect(rt.dispatchKey(keyEvent("ctrl+x", { ctrl: true }))).toBe(true);
    expect(log).toEqual(["keymap", "handler consumed=true"]);
  });

  it("stops at a keymap that calls stop()", () => {
    const rt = runtime();
    const log: string[] = [];
    rt.keymaps.set("global", "<esc>", (ev) => { ev.stop(); log.push("first"); }, { priority: 1 });
    rt.keymaps.set("global", "*", () => { log.push("wildcard"); });
    rt.events.on("key", () => { log.push("handler"); });
    rt.dispatchKey(keyEvent("escape"));
    expect(log).toEqual(["first"]);
  });

  it("matches only keymaps of the focused target plus global", () => {
    const rt = runtime();
    rt.windows.create("side", { buffer: "notes", role: "editor" });
    const log: string[] = [];
    rt.keymaps.set({ buffer: "notes" }, "j", () => { log.push("notes"); });
    rt.keymaps.set("composer", "j", () => { log.push("composer role"); });
    rt.keymaps.set("global", "j", () => { log.push("global"); });
    rt.dispatchKey(typed("j"));
    rt.focus = "side";
    rt.dispatchKey(typed("j"));
    expect(log).toEqual(["composer role", "global", "notes", "global"]);
  });

  it("runs the fallback when the only consuming keymap threw", () => {
    const rt = runtime();
    const log: string[] = [];
    rt.keymaps.set("global", "q", (ev) => { ev.consume(); throw new Error("oops"); }, { owner: "ext" });
    rt.setKeyFallback((ev) => rt.buffers.insert("composer", 0, ev.text));
    rt.dispatchKey(typed("q"));
    expect(rt.buffers.getText("composer")).toBe("q");
    expect(rt.errors[0]).toMatchObject({ owner: "ext", where: "keymap q", message: "oops" });
  });

  it("makes one commit for the whole key", () => {
    const rt = runtime();
    let commits = 0;
    rt.onDirty(() => commits++);
    rt.keymaps.set("global", "a", () => { rt.buffers.setLabel("composer", "A"); });
    rt.setKeyFallback((ev) => rt.buffers.insert("composer", rt.buffers.getCursor("composer"), ev.text));
    rt.dispatchKey(typed("a"));
    expect(commits).toBe(1);
    expect(rt.buffers.get("composer")).toMatchObject({ text: "a", label: "A" });
  });
});

describe("Runtime timers", () => {
  it("runs a timer in its own transaction and reports its failure under its owner", () => {
    const clock = new FakeClock(0);
    const rt = new Runtime({ clock });
    rt.scheduler.defer(5, () => { rt.buffers.setText("status", "tick"); }, "clock-ext");
    rt.scheduler.defer(5, () => { rt.buffers.setText("status", "bad"); throw new Error("timer broke"); }, "bad-ext");
    clock.advance(5);
    expect(rt.buffers.getText("status")).toBe("tick");
    expect(rt.errors[0]).toMatchObject({ owner: "bad-ext", where: "timer", message: "timer broke" });
  });

  it("removes everything an owner registered", () => {
    const clock = new FakeClock(0);
    const rt = new Runtime({ clock });
    rt.events.on("x", () => true, { owner: "gone" });
    rt.keymaps.set("global", "x", () => true, { owner: "gone" });
    rt.commands.register("hello", { desc: "", owner: "gone", run: () => "hi" });
    rt.scheduler.interval(5, () => undefined, "gone");
    rt.removeOwner("gone");
    expect([rt.events.count(), rt.keymaps.list().length, rt.commands.list().length, rt.scheduler.live().length]).toEqual([0, 0, 0, 0]);
  });
});
