import { describe, expect, it } from "vitest";
import type { Span } from "../../engine/kernel/style.js";
import { renderMarkdown } from "../../ui/markdown.js";
import { highlightCode } from "../../ui/syntax-highlight.js";

const text = (lines: Span[][]): string[] => lines.map((l) => l.map((s) => s.text).join(""));
const spanOf = (lines: Span[][], word: string): Span | undefined => lines.flat().find((s) => s.text === word);

describe("renderMarkdown", () => {
  it("renders a heading bold in the heading colour, then its paragraph after one empty line", () => {
    const lines = renderMarkdown("# Title\n\nBody text.", 20);
    expect(text(lines)).toEqual(["Title", "", "Body text."]);
    expect(lines[0]![0]!.style).toEqual({ fg: "mdHeading", bold: true, underline: true });
  });

  it("styles emphasis, strong and inline code", () => {
    const lines = renderMarkdown("a **b** _c_ `d`", 20);
    expect(text(lines)).toEqual(["a b c d"]);
    expect([spanOf(lines, "b")?.style, spanOf(lines, "c")?.style, spanOf(lines, "d")?.style]).toEqual([
      { bold: true }, { italic: true }, { fg: "mdCode" },
    ]);
  });

  it("wraps paragraphs to the width", () => {
    expect(text(renderMarkdown("one two three four five", 9))).toEqual(["one two", "three", "four five"]);
  });

  it("reflows soft line breaks inside a paragraph; a hard break (two spaces, backslash) stays", () => {
    expect(text(renderMarkdown("a paragraph the model\nwrapped narrow, with `a code\nspan`", 40))).toEqual(["a paragraph the model wrapped narrow,", "with a code span"]);
    expect(text(renderMarkdown("first  \nsecond\\\nthird", 40))).toEqual(["first", "second", "third"]);
  });

  it("renders bulleted, numbered and nested lists with hanging indents", () => {
    expect(text(renderMarkdown("1. first\n2. second item wraps\n   - nested\n\n- [x] task", 16))).toEqual([
      "1. first",
      "2. second item",
      "   wraps",
      "   • nested",
      "",
      "• [x] task",
    ]);
  });

  it("shows a link's text and its URL dimmed", () => {
    const lines = renderMarkdown("see [docs](https://x.io)", 40);
    expect(text(lines)).toEqual(["see docs (https://x.io)"]);
    expect(spanOf(lines, " (https://x.io)")?.style).toEqual({ fg: "mdLinkUrl" });
  });

  it("draws blockquotes with a bar and rules across the width", () => {
    expect(text(renderMarkdown("> quoted\n\n---", 6))).toEqual(["│ quot", "│ ed", "", "──────"]);
  });

  it("renders a fenced code block with syntax colours on its spans", () => {
    const lines = renderMarkdown("```ts\nconst x = 1; // note\n```", 40);
    expect(text(lines)).toEqual(["```ts", "  const x = 1; // note", "```"]);
    expect(lines[1]).toEqual([
      { text: "  ", style: {} },
      { text: "const", style: { fg: "syntaxKeyword" } },
      { text: " x = ", style: { fg: "codeText" } },
      { text: "1", style: { fg: "syntaxNumber" } },
      { text: "; ", style: { fg: "codeText" } },
      { text: "// note", style: { fg: "syntaxComment" } },
    ]);
  });

  it("wraps long code lines under the block's indent", () => {
    expect(text(renderMarkdown("```\nabc defgh\n```", 8))).toEqual(["```", "  abc", "  defgh", "```"]);
  });

  it("copes with an unfinished stream: an open fence shows the code so far with no closing line", () => {
    expect(text(renderMarkdown("Here:\n\n```python\ndef f():\n    return 1", 40))).toEqual([
      "Here:", "", "```python", "  def f():", "      return 1",
    ]);
  });

  it("renders tables with aligned columns", () => {
    expect(text(renderMarkdown("| a | bb |\n|---|---:|\n| ccc | 1 |", 40))).toEqual([
      "a   │ bb", "────┼───", "ccc │  1",
    ]);
  });
});

describe("highlightCode", () => {
  it("gives plain code text for an unknown language", () => {
    expect(highlightCode("x := 1", null)).toEqual([[{ text: "x := 1", style: { fg: "codeText" } }]]);
  });
  it("decodes HTML entities highlight.js escapes", () => {
    expect(highlightCode('"a<b"', "javascript")).toEqual([[{ text: '"a<b"', style: { fg: "syntaxString" } }]]);
  });
});
