import { describe, expect, it } from "vitest";
import { ComposerRenderer, completionPopup } from "../../ui/renderers/composer-renderer.js";
import { input, texts } from "./render-fixtures.js";

const composer = new ComposerRenderer();
const render = (text: string, cursor: number, width = 12, height = 4, metadata = {}) =>
  composer.render(input({ role: "composer", text, cursor, width, height, metadata }));

describe("composer renderer", () => {
  it("shows the text one cell in from the left with the cursor after it", () => {
    const out = render("hello", 5);
    expect(texts(out.lines)).toEqual([" hello"]);
    expect(out.cursor).toEqual({ row: 0, col: 6 });
  });

  it("word-wraps to the content width and places the cursor on the wrapped row", () => {
    const out = render("hello wide world", 14);
    expect(texts(out.lines)).toEqual([" hello wide", " world"]);
    expect(out.cursor).toEqual({ row: 1, col: 4 });
  });

  it("puts a cursor at a soft break at the start of the next row", () => {
    expect(render("hello wide world", 11).cursor).toEqual({ row: 1, col: 1 });
  });

  it("keeps hard newlines and a cursor on an empty last line", () => {
    const out = render("one\n", 4);
    expect(texts(out.lines)).toEqual([" one", ""]);
    expect(out.cursor).toEqual({ row: 1, col: 1 });
  });

  it("counts wide characters as two cells for the cursor column", () => {
    expect(render("語a", 1).cursor).toEqual({ row: 0, col: 3 });
  });

  it("opens a new row when the cursor sits past a full line", () => {
    const out = render("abcdefghijk", 11);
    expect(texts(out.lines)).toEqual([" abcdefghijk"]);
    expect(out.cursor).toEqual({ row: 1, col: 1 });
  });

  it("scrolls to keep the cursor row visible", () => {
    const out = render("a\nb\nc\nd\ne", 9, 12, 3);
    expect(texts(out.lines)).toEqual([" c", " d", " e"]);
    expect(out.cursor).toEqual({ row: 2, col: 2 });
  });

  it("shows the placeholder dimmed when empty", () => {
    const out = render("", 0);
    expect(texts(out.lines)).toEqual([" Type a mes…"]);
    expect(out.lines[0]![1]!.style).toEqual({ fg: "dim", italic: true });
    expect(out.cursor).toEqual({ row: 0, col: 1 });
  });

  it("measures its content height as the wrapped row count", () => {
    expect(composer.measure(input({ role: "composer", text: "hello wide world", width: 12 }), 12)).toBe(2);
    expect(composer.measure(input({ role: "composer", text: "" }), 12)).toBe(1);
  });

  it("returns the completion menu as a popup with the selection highlighted", () => {
    const out = render("/m", 2, 30, 1, { completion: { items: [{ name: "model", desc: "pick a model" }, { name: "me", desc: "" }], selected: 1 } });
    expect(texts(out.popup!.lines)).toEqual([" /model  pick a model", " /me"]);
    expect(out.popup!.lines[1]![0]!.style).toEqual({ fg: "accent", bg: "selectedBg", bold: true });
  });
});

describe("completionPopup", () => {
  it("shows at most 8 items, scrolled to keep the selection in view", () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, desc: "" }));
    expect(texts(completionPopup({ items, selected: 10 }, 10)!.lines)).toEqual([
      " /c3", " /c4", " /c5", " /c6", " /c7", " /c8", " /c9", " /c10",
    ]);
  });
  it("is absent without items", () => {
    expect(completionPopup({ items: [], selected: 0 }, 10)).toBeUndefined();
  });
});
