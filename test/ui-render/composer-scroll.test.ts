import { describe, expect, it } from "vitest";
import { ComposerRenderer } from "../../ui/renderers/composer-renderer.js";
import { input, texts } from "./render-fixtures.js";

const LINES = Array.from({ length: 21 }, (_, i) => `l${i + 1}`);
const TEXT = LINES.join("\n");
/** Offset of the start of 1-based line n. */
const lineStart = (n: number) => LINES.slice(0, n - 1).reduce((a, l) => a + l.length + 1, 0);

const render = (r: ComposerRenderer, text: string, cursor: number, height = 10) =>
  r.render(input({ role: "composer", text, cursor, width: 12, height }));

describe("composer scrolling", () => {
  it("moves the view only as far as needed when the cursor goes up", () => {
    const r = new ComposerRenderer();
    expect(texts(render(r, TEXT, TEXT.length).lines)).toEqual([
      " l12", " l13", " l14", " l15", " l16", " l17", " l18", " l19", " l20", " l21",
    ]);
    for (let n = 20; n >= 8; n--) render(r, TEXT, lineStart(n));
    const out = render(r, TEXT, lineStart(8));
    expect(texts(out.lines)).toEqual([" l8", " l9", " l10", " l11", " l12", " l13", " l14", " l15", " l16", " l17"]);
    expect(out.cursor).toEqual({ row: 0, col: 1 });
  });

  it("keeps the view still while the cursor moves inside it", () => {
    const r = new ComposerRenderer();
    render(r, TEXT, TEXT.length);
    const out = render(r, TEXT, lineStart(15));
    expect(texts(out.lines)[0]).toBe(" l12");
    expect(out.cursor).toEqual({ row: 3, col: 1 });
  });

  it("moves down only as far as needed when the cursor goes below the view", () => {
    const r = new ComposerRenderer();
    render(r, TEXT, 0);
    const out = render(r, TEXT, lineStart(12));
    expect(texts(out.lines)).toEqual([" l3", " l4", " l5", " l6", " l7", " l8", " l9", " l10", " l11", " l12"]);
    expect(out.cursor).toEqual({ row: 9, col: 1 });
  });

  it("keeps the view while typing in the middle", () => {
    const r = new ComposerRenderer();
    render(r, TEXT, TEXT.length);
    render(r, TEXT, lineStart(14));
    const typed = TEXT.slice(0, lineStart(14)) + "x" + TEXT.slice(lineStart(14));
    const out = render(r, typed, lineStart(14) + 1);
    expect(texts(out.lines).slice(0, 3)).toEqual([" l12", " l13", " xl14"]);
    expect(out.cursor).toEqual({ row: 2, col: 2 });
  });

  it("starts over when the text is replaced", () => {
    const r = new ComposerRenderer();
    render(r, TEXT, TEXT.length);
    render(r, TEXT, lineStart(12));
    const other = LINES.map((l) => l.toUpperCase()).join("\n");
    const out = render(r, other, lineStart(16));
    expect(texts(out.lines)).toEqual([" L7", " L8", " L9", " L10", " L11", " L12", " L13", " L14", " L15", " L16"]);
  });

  it("keeps a scroll position per window", () => {
    const r = new ComposerRenderer();
    render(r, TEXT, TEXT.length);
    render(r, TEXT, lineStart(8));
    const other = input({ role: "composer", text: TEXT, cursor: lineStart(15), width: 12, height: 10 });
    other.window = { ...other.window, name: "composer2" };
    expect(texts(r.render(other).lines)[0]).toBe(" l6");
    expect(texts(render(r, TEXT, lineStart(9)).lines)[0]).toBe(" l8");
  });
});
