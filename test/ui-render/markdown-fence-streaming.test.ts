// An open code fence at the end of a streaming message: every step renders exactly what a fresh
// renderMarkdown gives, the complete lines are highlighted once, and a fence that closes reuses them.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../ui/markdown.js";
import { renderMarkdownStreaming, type MarkdownMemo } from "../../ui/markdown-stream.js";
import { highlightCode, highlightGrowing, type HighlightMemo } from "../../ui/syntax-highlight.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const TS = "export function f(a: number): string {\n  /* a comment\n     that spans lines */\n  const s = `tpl ${a}\nnext`;\n\treturn \"x\" + s; // done\n}\n\n\nclass A extends B {}\n";
const DOCS = [
  "Here is the file:\n\n```ts\n" + TS + "```\n\nAnd a note after it.",
  "Intro\n```python\ndef f():\n    '''doc\n    string'''\n    return 1\n````\nnot closed yet\n```\nafter\n",
  "~~~~\nplain ``` not a close\n~~~\n~~~~~ \n\nDone.",
  "- a list\n\n```\nno language\n\n\n```\n  ```js\nindented(opener);\n  ```\n",
  "```unknownlang\nx\n``",
  "```json\n{\"a\": [1, 2, 3],\n \"b\": \"multi\"}\n\n",
];

describe("renderMarkdownStreaming with an open code fence", () => {
  DOCS.forEach((doc, d) => {
    for (const width of [12, 40]) {
      it(`gives renderMarkdown's lines at every step (doc ${d + 1}, width ${width})`, () => {
        const rand = rng(d * 31 + width);
        let memo: MarkdownMemo | undefined;
        let at = 0, fast = 0;
        while (at < doc.length) {
          at = Math.min(doc.length, at + 1 + Math.floor(rand() * 4));
          const text = doc.slice(0, at);
          const out = renderMarkdownStreaming(text, width, memo);
          expect({ at, lines: out.lines }).toEqual({ at, lines: renderMarkdown(text, width) });
          if (out.memo.fence !== undefined) fast++;
          memo = out.memo;
        }
        if (d !== 3) expect(fast).toBeGreaterThan(2);
      });
    }
  });

  it("keeps the rows of complete code lines and renders only the last line again", () => {
    const head = "Code:\n\n```ts\n" + "const a = 1;\n".repeat(50);
    const first = renderMarkdownStreaming(head + "let b", 40);
    const next = renderMarkdownStreaming(head + "let b = 2", 40, first.memo);
    expect(next.memo.fence?.codeCount).toBe(50);
    // The same row objects for the 50 complete lines: nothing of them was rendered again.
    for (let i = 3; i < 53; i++) expect(next.lines[i]).toBe(first.lines[i]);
    expect(next.lines[53]).not.toBe(first.lines[53]);
    expect(next.lines).toEqual(renderMarkdown(head + "let b = 2", 40));
  });

  it("reuses the highlighted rows when the fence closes", () => {
    const head = "```ts\n" + "const a = 1;\n".repeat(20);
    const open = renderMarkdownStreaming(head + "``", 40);
    const closed = renderMarkdownStreaming(head + "```", 40, open.memo);
    expect(closed.memo.fence).toBeUndefined();
    expect(closed.lines[1]).toBe(open.lines[1]);
    expect(closed.lines).toEqual(renderMarkdown(head + "```", 40));
    expect(closed.lines[closed.lines.length - 1]).toEqual([{ text: "```", style: { fg: "muted" } }]);
  });
});

describe("highlightGrowing", () => {
  const code = "/* one\n two\n three */\nconst a = `x\n${1}\ny`;\nlet b = 'q'; // c\n" + "f(1);\n".repeat(40) + "/*" + " open\n".repeat(40);
  it("gives highlightCode's lines for every prefix of complete lines", () => {
    const lines = code.split("\n");
    let memo: HighlightMemo | undefined;
    for (let n = 1; n <= lines.length; n++) {
      const out = highlightGrowing(lines.slice(0, n), n - 1, "typescript", memo);
      expect({ n, lines: out.lines }).toEqual({ n, lines: highlightCode(lines.slice(0, n).join("\n"), "typescript") });
      memo = out.memo;
    }
    // The open comment at the end never settles; everything before it did.
    expect(memo!.count).toBeGreaterThanOrEqual(46);
    expect(memo!.count).toBeLessThan(lines.length - 40);
  });

  it("colours a multi-line comment as a comment on every line", () => {
    const lines = highlightCode("/* a\nb\nc */ x", "typescript");
    expect(lines.map((l) => l[0]?.style)).toEqual([{ fg: "syntaxComment" }, { fg: "syntaxComment" }, { fg: "syntaxComment" }]);
  });
});

describe("renderMarkdownStreaming with a table at the end", () => {
  const TABLES = [
    "Files:\n\n| # | file | note |\n| ---: | --- | :-: |\n| 1 | a.ts | **hot** |\n| 2 | longer-name.ts | `x` |\n| 3 | b | \\| pipe |\n4 | no pipes | ok\n| 5 | extra | cells | here |\n| 6 |\n\nAfter the table.",
    "| a | b |\n|---|---|\n| 1 | 2 |\n| 語語 | 👍🏽 |\n- a list ends it\n",
    "| x |\n| - |\n| 1 |\n| 2 |\n    indented code ends it\n",
  ];
  TABLES.forEach((doc, d) => {
    for (const width of [9, 40]) {
      it(`gives renderMarkdown's lines at every step (table ${d + 1}, width ${width})`, () => {
        const rand = rng(d * 17 + width);
        let memo: MarkdownMemo | undefined;
        let at = 0, fast = 0;
        while (at < doc.length) {
          at = Math.min(doc.length, at + 1 + Math.floor(rand() * 3));
          const text = doc.slice(0, at);
          const out = renderMarkdownStreaming(text, width, memo);
          expect({ at, lines: out.lines }).toEqual({ at, lines: renderMarkdown(text, width) });
          if (out.memo.table !== undefined) fast++;
          memo = out.memo;
        }
        expect(fast).toBeGreaterThan(5);
      });
    }
  });

  it("keeps the lines of complete rows while the column widths hold", () => {
    const head = "| a | b |\n| - | - |\n" + "| 1 | 2 |\n".repeat(30);
    const first = renderMarkdownStreaming(head + "| 3 |", 40);
    const next = renderMarkdownStreaming(head + "| 3 | 4 |", 40, first.memo);
    for (let i = 0; i < 32; i++) expect(next.lines[i]).toBe(first.lines[i]);
    const wider = renderMarkdownStreaming(head + "| 3 | 4444 |", 40, next.memo);
    expect(wider.lines[2]).not.toBe(next.lines[2]);
    expect(wider.lines).toEqual(renderMarkdown(head + "| 3 | 4444 |", 40));
  });
});
