// Extmarks drawn by the stock renderers: each virtual-text position, virtual lines, signs,
// highlights, wide characters and wrapping, as literal screens (painted into a real cell grid).
import { describe, expect, it } from "vitest";
import { ComposerRenderer } from "../../ui/renderers/composer-renderer.js";
import { GenericRenderer } from "../../ui/renderers/generic-renderer.js";
import { ThinkingRenderer } from "../../ui/renderers/panel-renderers.js";
import { TranscriptRenderer } from "../../ui/renderers/transcript-renderer.js";
import { marked, paint, screenOf, styled } from "./mark-fixture.js";

const generic = new GenericRenderer();
const underlined = (s: { underline?: boolean }) => s.underline === true;

describe("virtual text positions (generic window)", () => {
  it("eol: one space after the line's end", () => {
    const m = marked("notes", "one two\nthree");
    m.mark(0, 3, { virtText: [{ text: "<- 1" }] });
    expect(screenOf(generic, m.inputFor("notes", 16, 2))).toEqual(["one two <- 1    ", "three           "]);
  });

  it("overlay: over the text from the mark's column", () => {
    const m = marked("notes", "one two");
    m.mark(0, 4, { virtText: [{ text: "TW" }], virtTextPos: "overlay" });
    expect(screenOf(generic, m.inputFor("notes", 10, 1))).toEqual(["one TWo   "]);
  });

  it("right_align: at the window's right edge", () => {
    const m = marked("notes", "one two");
    m.mark(0, 0, { virtText: [{ text: "[2]" }], virtTextPos: "right_align" });
    expect(screenOf(generic, m.inputFor("notes", 14, 1))).toEqual(["one two    [2]"]);
  });

  it("inline: between the characters, pushing the text right", () => {
    const m = marked("notes", "one two");
    m.mark(0, 4, { virtText: [{ text: "big " }], virtTextPos: "inline" });
    expect(screenOf(generic, m.inputFor("notes", 14, 1))).toEqual(["one big two   "]);
  });

  it("virtual lines below and above a line", () => {
    const m = marked("notes", "one\ntwo");
    m.mark(1, 0, { virtLines: [[{ text: "-- above" }]], virtLinesAbove: true });
    m.mark(0, 0, { virtLines: [[{ text: "-- below" }], [{ text: "-- again" }]] });
    expect(screenOf(generic, m.inputFor("notes", 10, 6))).toEqual([
      "one       ", "-- below  ", "-- again  ", "-- above  ", "two       ", "          ",
    ]);
  });

  it("a sign takes a two-cell gutter on every row while the buffer has one", () => {
    const m = marked("notes", "one\ntwo");
    m.mark(1, 0, { signText: "E" });
    expect(screenOf(generic, m.inputFor("notes", 8, 2))).toEqual(["  one   ", "E two   "]);
  });
});

describe("highlights", () => {
  it("a range highlight styles exactly its cells, across a soft wrap", () => {
    const m = marked("notes", "alpha beta gamma");
    m.mark(0, 6, { end: { line: 0, col: 16 }, hl: { underline: true } });
    const inp = m.inputFor("notes", 11, 2);
    const grid = paint(generic.render(inp), 11, 2);
    expect(grid.toLines()).toEqual(["alpha beta ", "gamma      "]);
    expect(styled(grid, 0, underlined)).toBe("      ^^^^");
    expect(styled(grid, 1, underlined)).toBe("^^^^^");
  });

  it("the higher priority wins where highlights overlap", () => {
    const m = marked("notes", "abcdef");
    m.mark(0, 0, { end: { line: 0, col: 4 }, hl: { fg: "error" }, priority: 10 });
    m.mark(0, 2, { end: { line: 0, col: 6 }, hl: { fg: "success" }, priority: 20 });
    const out = generic.render(m.inputFor("notes", 10, 1));
    expect(out.lines[0]).toEqual([{ text: "ab", style: { fg: "error" } }, { text: "cdef", style: { fg: "success" } }]);
  });
});

describe("wide characters", () => {
  it("an overlay covering half of a wide character leaves a space for the other half", () => {
    const m = marked("notes", "語語語");
    m.mark(0, 1, { virtText: [{ text: "X" }], virtTextPos: "overlay" });
    expect(screenOf(generic, m.inputFor("notes", 8, 1))).toEqual(["語X 語  "]);
  });

  it("inline text before wide characters and eol text after them are measured in cells", () => {
    const m = marked("notes", "語a語");
    m.mark(0, 1, { virtText: [{ text: "é" }], virtTextPos: "inline" });
    m.mark(0, 3, { virtText: [{ text: "ok" }] });
    expect(screenOf(generic, m.inputFor("notes", 10, 1))).toEqual(["語éa語 ok "]);
  });
});

describe("the composer", () => {
  const composer = new ComposerRenderer();

  it("draws eol text after the wrapped line's last row and keeps the cursor on the text", () => {
    const m = marked("composer", "hello wide world");
    m.mark(0, 16, { virtText: [{ text: "2 typos" }] });
    m.mark(0, 6, { end: { line: 0, col: 10 }, hl: { underline: true } });
    const out = composer.render(m.inputFor("composer", 14, 3, 3));
    const grid = paint(out, 14, 3);
    expect(grid.toLines()).toEqual([" hello wide   ", " world 2 typos", "              "]);
    expect(styled(grid, 0, underlined)).toBe("       ^^^^");
    expect(out.cursor).toEqual({ row: 0, col: 4 });
  });

  it("moves the cursor past inline text before it and below virtual lines above it", () => {
    const m = marked("composer", "ab\ncd");
    m.mark(1, 1, { virtText: [{ text: ">>" }], virtTextPos: "inline" });
    m.mark(1, 0, { virtLines: [[{ text: "~~" }]], virtLinesAbove: true });
    const out = composer.render(m.inputFor("composer", 10, 4, 5));
    expect(paint(out, 10, 4).toLines()).toEqual([" ab       ", "~~        ", " c>>d     ", "          "]);
    expect(out.cursor).toEqual({ row: 2, col: 5 });
  });

  it("in a composer of 2,000 marked lines draws the lines in view without reading the whole text", () => {
    const m = marked("composer", Array.from({ length: 2000 }, (_, i) => `line ${i}`).join("\n"));
    for (let line = 0; line < 2000; line++) m.mark(line, 5, { virtText: [{ text: "#" }] });
    const inp = m.inputFor("composer", 12, 2, m.b.lines.lineStart(1000) + 2);
    let joins = 0;
    const join = inp.buffer.lines.toString.bind(inp.buffer.lines);
    inp.buffer.lines.toString = () => { joins++; return join(); };
    Object.defineProperty(inp.buffer, "text", { get: () => { joins++; return join(); } });
    const out = composer.render(inp);
    expect([paint(out, 12, 2).toLines(), out.cursor, joins]).toEqual([[" line 999 # ", " line 1000 #"], { row: 1, col: 3 }, 0]);
  });

  it("counts virtual lines in its content height", () => {
    const m = marked("composer", "ab");
    m.mark(0, 0, { virtLines: [[{ text: "1" }], [{ text: "2" }]] });
    expect(composer.measure(m.inputFor("composer", 10, 4), 10)).toBe(3);
  });
});

describe("panes and the transcript", () => {
  it("the thinking pane draws marks on the tail it shows", () => {
    const m = marked("thinking", "first\nsecond\nthird");
    m.mark(2, 5, { virtText: [{ text: "!" }] });
    m.mark(0, 0, { virtText: [{ text: "hidden" }] });
    expect(screenOf(new ThinkingRenderer(), m.inputFor("thinking", 10, 2))).toEqual(["second    ", "third !   "]);
  });

  it("marks with a block id draw in that transcript block: virtual lines under a code block", () => {
    const m = marked("transcript", "");
    const blk = m.rt.buffers.appendBlock("transcript", { kind: "message", role: "assistant", text: "Look:\n\n```lua\nx = 1 -- TODO\n```\n\nDone." });
    m.mark(4, 0, { block: blk.id, virtLines: [[{ text: "  1 TODO" }]] });
    m.mark(3, 9, { block: blk.id, end: { line: 3, col: 13 }, hl: { underline: true } });
    const r = new TranscriptRenderer();
    const grid = paint(r.render(m.inputFor("transcript", 20, 8)), 20, 8);
    expect(grid.toLines()).toEqual([
      "Look:               ", "                    ", "```lua              ", "  x = 1 -- TODO     ", "```                 ",
      "  1 TODO            ", "                    ", "Done.               ",
    ]);
    expect(styled(grid, 3, underlined)).toBe("           ^^^^");
  });

  it("a user block shows eol text after its text, inside its background", () => {
    const m = marked("transcript", "");
    const blk = m.rt.buffers.appendBlock("transcript", { kind: "message", role: "user", text: "hi there" });
    m.mark(0, 8, { block: blk.id, virtText: [{ text: "(edited)" }] });
    expect(screenOf(new TranscriptRenderer(), m.inputFor("transcript", 20, 1))).toEqual([" hi there (edited)  "]);
  });
});
