import { describe, expect, it } from "vitest";
import { ActionRegistry } from "../../engine/kernel/action-registry.js";
import { CommandRegistry } from "../../engine/kernel/command-registry.js";
import { EventBus } from "../../engine/kernel/event-bus.js";
import { Namespaces } from "../../engine/kernel/namespaces.js";

describe("CommandRegistry", () => {
  it("registers, replaces and lists commands sorted by name", () => {
    const c = new CommandRegistry();
    c.register("zap", { desc: "z", owner: "a", run: () => "z" });
    c.register("hello", { desc: "old", owner: "a", run: () => "old" });
    c.register("hello", { desc: "greets", owner: "b", run: (args) => `hi ${args}` });
    expect(c.list().map((x) => [x.name, x.desc])).toEqual([["hello", "greets"], ["zap", "z"]]);
    expect(c.get("hello")!.run("bob")).toBe("hi bob");
  });
  it("refuses a name with spaces", () => {
    expect(() => new CommandRegistry().register("two words", { desc: "", owner: "a", run: () => 0 }))
      .toThrow(`register_command: argument 1 'name': expected a name without spaces, got "two words"`);
  });
  it("drops an owner's commands", () => {
    const c = new CommandRegistry();
    c.register("a", { desc: "", owner: "x", run: () => 0 });
    c.register("b", { desc: "", owner: "y", run: () => 0 });
    c.unregisterOwner("x");
    expect(c.list().map((x) => x.name)).toEqual(["b"]);
  });
});

describe("Namespaces", () => {
  it("gives a stable integer per name, from 1", () => {
    const n = new Namespaces();
    expect([n.create("marks"), n.create("hl"), n.create("marks")]).toEqual([1, 2, 1]);
  });
});

describe("ActionRegistry", () => {
  it("runs registered actions and reports unknown ones", () => {
    const a = new ActionRegistry();
    const log: string[] = [];
    a.register("submit", () => log.push("submitted"));
    a.register("history.prev", () => log.push("prev"));
    expect(a.run("submit")).toBe(true);
    expect(a.run("nope")).toBe(false);
    expect(log).toEqual(["submitted"]);
    expect(a.names()).toEqual(["history.prev", "submit"]);
  });
});

describe("EventBus", () => {
  it("keeps handlers in dispatch order and removes one by its unsubscribe function", () => {
    const bus = new EventBus();
    const a = () => undefined;
    const b = () => undefined;
    const c = () => undefined;
    bus.on("x", a);
    const offB = bus.on("x", b, { priority: 1 });
    bus.on("x", c);
    expect(bus.handlers("x").map((h) => h.handler)).toEqual([b, a, c]);
    offB();
    expect(bus.handlers("x").map((h) => h.handler)).toEqual([a, c]);
    expect(bus.count("x")).toBe(2);
    expect(bus.count()).toBe(2);
  });
});
