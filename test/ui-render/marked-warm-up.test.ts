import { Lexer } from "marked";
import { describe, expect, it } from "vitest";
import { warmUpLexer } from "../../ui/marked-warm-up.js";

// Every kind of block and inline the chat renders, ASCII and not.
const SAMPLE = [
  "## Heading\n\nSetext\n---\n\nA **bold** _em_ `code` ~~del~~ [link](https://x.y) <b>html</b> paragraph.",
  "> quoted *text*\n\n- one\n- two\n  1. nested\n\n```ts\nconst a = 1;\n```\n\n| a | b |\n| - | -: |\n| 1 | 2 |",
  "caf\u00e9 \u2014 \u201cquoted\u201d, emoji \u{1F600} and ***both*** __strong__\n\n    indented code\n\n***",
].join("\n\n");

const rules = (): RegExp[] => {
  const r = Lexer.rules as { block: { gfm: object }; inline: { gfm: object } };
  return [...Object.values(r.block.gfm), ...Object.values(r.inline.gfm)].filter((v): v is RegExp => v instanceof RegExp);
};

describe("warmUpLexer", () => {
  it("leaves marked's tokens exactly as they were", () => {
    const before = JSON.stringify(new Lexer({ gfm: true }).lex(SAMPLE));
    warmUpLexer(Lexer);
    expect(JSON.stringify(new Lexer({ gfm: true }).lex(SAMPLE))).toBe(before);
  });

  it("leaves every global and sticky rule at lastIndex 0, as marked expects", () => {
    warmUpLexer(Lexer);
    expect(rules().filter((re) => re.lastIndex !== 0)).toEqual([]);
    expect(rules().length).toBeGreaterThan(20);
  });
});
