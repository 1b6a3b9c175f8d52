import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { keyEventFromName, keyName, normalizeLhs, parseKeys } from "../../engine/kernel/key-notation.js";

describe("normalizeLhs", () => {
  const table: Array<[string, string]> = [
    ["<C-CR>", "ctrl+enter"],
    ["<esc>", "escape"],
    ["<Esc>", "escape"],
    ["esc", "escape"],
    ["<CR>", "enter"],
    ["<Return>", "enter"],
    ["Enter", "enter"],
    ["<BS>", "backspace"],
    ["<space>", " "],
    [" ", " "],
    ["*", "*"],
    ["any", "*"],
    ["<Any>", "*"],
    ["<C-x>", "ctrl+x"],
    ["<c-X>", "ctrl+x"],
    ["ctrl-x", "ctrl+x"],
    ["Control-x", "ctrl+x"],
    ["ctrl+x", "ctrl+x"],
    ["  <c-a>  ", "ctrl+a"],
    ["<M-x>", "alt+x"],
    ["<A-x>", "alt+x"],
    ["alt-x", "alt+x"],
    ["<C-M-x>", "ctrl+alt+x"],
    ["<M-C-x>", "ctrl+alt+x"],
    ["<S-Tab>", "shift+tab"],
    ["<s-cr>", "shift+enter"],
    ["<S-x>", "X"],
    ["<C-S-Left>", "ctrl+shift+left"],
    ["<Up>", "up"],
    ["<PageUp>", "pageup"],
    ["<F1>", "f1"],
    ["<lt>", "<"],
    ["<Del>", "delete"],
    ["<Tab>", "tab"],
    ["G", "G"],
    ["g", "g"],
    ["$", "$"],
    ["<G>", "G"],
  ];
  for (const [lhs, want] of table) {
    it(`normalizes ${JSON.stringify(lhs)} to ${JSON.stringify(want)}`, () => {
      expect(normalizeLhs(lhs)).toBe(want);
    });
  }
});

describe("keyName", () => {
  it("is the character for a printable key", () => {
    expect(keyName(keyEvent("x", { text: "x" }))).toBe("x");
    expect(keyName(keyEvent("G", { text: "G", shift: true }))).toBe("G");
    expect(keyName(keyEvent(" ", { text: " " }))).toBe(" ");
  });
  it("carries ctrl and alt in the name", () => {
    expect(keyName(keyEvent("ctrl+x", { ctrl: true }))).toBe("ctrl+x");
    expect(keyName(keyEvent("ctrl+alt+x", { ctrl: true, alt: true }))).toBe("ctrl+alt+x");
    expect(keyName(keyEvent("alt+x", { alt: true }))).toBe("alt+x");
    expect(keyName(keyEvent("ctrl+X", { ctrl: true, shift: true }))).toBe(normalizeLhs("<C-S-x>"));
  });
  it("adds modifier flags to special keys", () => {
    expect(keyName(keyEvent("enter"))).toBe("enter");
    expect(keyName(keyEvent("enter", { shift: true }))).toBe("shift+enter");
    expect(keyName(keyEvent("enter", { ctrl: true }))).toBe("ctrl+enter");
    expect(keyName(keyEvent("shift+tab", { shift: true }))).toBe("shift+tab");
    expect(keyName(keyEvent("escape"))).toBe("escape");
  });
});

describe("parseKeys", () => {
  it("types plain characters and names keys in angle brackets", () => {
    expect(parseKeys("ab<cr><c-x><lt>")).toEqual([
      keyEvent("a", { text: "a" }),
      keyEvent("b", { text: "b" }),
      keyEvent("enter"),
      keyEvent("ctrl+x", { ctrl: true }),
      keyEvent("<", { text: "<" }),
    ]);
  });
  it("reads every notation cli.md lists", () => {
    expect(parseKeys("<esc><tab><bs><m-x><s-tab><left><up><pageup><f1>").map(keyName)).toEqual([
      "escape", "tab", "backspace", "alt+x", "shift+tab", "left", "up", "pageup", "f1",
    ]);
  });
  it("types a lone < that starts no key name", () => {
    expect(parseKeys("a<b").map((k) => k.key)).toEqual(["a", "<", "b"]);
    expect(parseKeys("1 < 2").map((k) => k.key)).toEqual(["1", " ", "<", " ", "2"]);
  });
  it("round-trips names through keyEventFromName", () => {
    for (const name of ["ctrl+x", "enter", "shift+tab", "G", "alt+x", "shift+enter", "f12"]) {
      expect(keyName(keyEventFromName(name))).toBe(name);
    }
  });
});
