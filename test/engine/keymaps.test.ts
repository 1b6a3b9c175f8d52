import { describe, expect, it } from "vitest";
import { KeymapRegistry, normalizeTarget, targetMatches, type FocusInfo } from "../../engine/kernel/keymaps.js";

const composer: FocusInfo = { kind: "window", window: "composer", buffer: "composer", role: "composer" };
const notes: FocusInfo = { kind: "window", window: "side", buffer: "notes", role: "editor" };
const noop = () => undefined;

describe("keymap targets", () => {
  it("reads every target form", () => {
    expect(normalizeTarget("global")).toEqual([{ kind: "global", value: "" }]);
    expect(normalizeTarget("composer")).toEqual([{ kind: "role", value: "composer" }]);
    expect(normalizeTarget({ buffer: "notes" })).toEqual([{ kind: "buffer", value: "notes" }]);
    expect(normalizeTarget({ window: "side" })).toEqual([{ kind: "window", value: "side" }]);
    expect(normalizeTarget({ role: "editor" })).toEqual([{ kind: "role", value: "editor" }]);
    expect(normalizeTarget({ focus: "composer" })).toEqual([{ kind: "focus", value: "composer" }]);
    expect(normalizeTarget({ scope: "buffer", name: "notes" })).toEqual([{ kind: "buffer", value: "notes" }]);
    expect(normalizeTarget(["global", { window: "side" }])).toEqual([{ kind: "global", value: "" }, { kind: "window", value: "side" }]);
  });

  it("rejects a table that names nothing", () => {
    expect(() => normalizeTarget({})).toThrow("keymap: target: expected one of focus, buffer, window, role or scope");
    expect(() => normalizeTarget({ scope: "tab", name: "x" })).toThrow('keymap: target.scope: expected global, focus, buffer, window or role, got "tab"');
  });

  it("matches only the focused target", () => {
    expect(targetMatches({ kind: "buffer", value: "notes" }, notes)).toBe(true);
    expect(targetMatches({ kind: "buffer", value: "notes" }, composer)).toBe(false);
    expect(targetMatches({ kind: "window", value: "side" }, notes)).toBe(true);
    expect(targetMatches({ kind: "role", value: "editor" }, notes)).toBe(true);
    expect(targetMatches({ kind: "focus", value: "composer" }, composer)).toBe(true);
    expect(targetMatches({ kind: "focus", value: "composer" }, notes)).toBe(false);
    expect(targetMatches({ kind: "global", value: "" }, notes)).toBe(true);
  });
});

describe("KeymapRegistry", () => {
  it("matches normalized lhs on the focused target and global, by priority then registration", () => {
    const k = new KeymapRegistry();
    k.set("global", "<C-x>", noop, { desc: "first" });
    k.set({ buffer: "notes" }, "ctrl-x", noop, { desc: "notes only" });
    k.set("composer", "<c-X>", noop, { desc: "composer role" });
    k.set("global", "*", noop, { desc: "wildcard", priority: 5 });
    k.set({ window: "side" }, "ctrl+y", noop, { desc: "other key" });
    expect(k.match("ctrl+x", composer).map((e) => e.desc)).toEqual(["wildcard", "first", "composer role"]);
    expect(k.match("ctrl+x", notes).map((e) => e.desc)).toEqual(["wildcard", "first", "notes only"]);
  });

  it("replaces a mapping of the same target and lhs", () => {
    const k = new KeymapRegistry();
    k.set("global", "<esc>", noop, { desc: "old" });
    k.set("global", "escape", noop, { desc: "new" });
    expect(k.list().map((e) => e.desc)).toEqual(["new"]);
  });

  it("deletes by target and normalized lhs", () => {
    const k = new KeymapRegistry();
    k.set({ role: "composer" }, "<CR>", noop);
    k.set("global", "<CR>", noop);
    expect(k.del("composer", "enter")).toBe(true);
    expect(k.del("composer", "enter")).toBe(false);
    expect(k.list().map((e) => e.targetKey)).toEqual(["global"]);
  });

  it("deleting one target of a list keeps the others mapped", () => {
    const k = new KeymapRegistry();
    k.set([{ role: "composer" }, { window: "notes" }, "global"], "ctrl+g", noop, { desc: "three" });
    expect(k.del({ window: "notes" }, "<c-g>")).toBe(true);
    expect(k.list().map((e) => [e.targetKey, e.desc])).toEqual([["role=composer|global", "three"]]);
    expect(k.del({ window: "notes" }, "ctrl+g")).toBe(false);
    expect(k.del(["composer", "global"], "ctrl+g")).toBe(true);
    expect(k.list()).toEqual([]);
  });

  it("lists desc, owner and priority for help", () => {
    const k = new KeymapRegistry();
    k.set("global", "<f1>", noop, { desc: "help", owner: "helper", priority: 2 });
    expect(k.list()[0]).toMatchObject({ lhs: "f1", desc: "help", owner: "helper", priority: 2, targetKey: "global" });
  });
});
