// Wrapped command output and typed lists in the transcript continue under their text, not at
// column 0: under the description of a /help row, after a bullet, at a line's indent.
import { describe, expect, it } from "vitest";
import { renderBlock } from "../../ui/renderers/transcript-blocks.js";
import { block, texts } from "./render-fixtures.js";

const flags = { showThinking: true, expandTools: false, toolLines: 5 };
const system = (text: string, width: number) => texts(renderBlock(block("s", { kind: "system", role: "system", text }), width, flags));
const user = (text: string, width: number) => texts(renderBlock(block("u", { kind: "message", role: "user", text }), width, flags));

describe("hanging indents in the transcript", () => {
  it("a /help row continues under its description", () => {
    expect(system("Commands:\n  /fork     branch from prompt N into a new session (no N: list the prompts)\n  /help     list commands and keys", 40)).toEqual([
      "Commands:",
      "  /fork     branch from prompt N into a",
      "            new session (no N: list the",
      "            prompts)",
      "  /help     list commands and keys",
    ]);
  });

  it("a key row whose label holds spaces continues under its description", () => {
    expect(system("  ctrl+j, shift+enter  insert a newline in the prompt being typed", 50)).toEqual([
      "  ctrl+j, shift+enter  insert a newline in the",
      "                       prompt being typed",
    ]);
  });

  it("a typed bullet or numbered item continues after its marker", () => {
    expect(user("- check the parser handles empty input\n2. then the lexer", 30)).toEqual([
      " - check the parser handles",
      "   empty input",
      " 2. then the lexer",
    ]);
  });

  it("an indented line continues at its indent", () => {
    expect(system("    a deeply indented note that wraps around", 24)).toEqual([
      "    a deeply indented",
      "    note that wraps",
      "    around",
    ]);
  });

  it("prose with a double space after a sentence wraps at column 0", () => {
    expect(system("It is done.  The rest of the text wraps as prose does", 24)).toEqual([
      "It is done.  The rest of",
      "the text wraps as prose",
      "does",
    ]);
  });

  it("a label wider than half the line wraps at column 0", () => {
    expect(system("  a-rather-long-label-here  short text after it", 30)).toEqual([
      "  a-rather-long-label-here",
      "short text after it",
    ]);
  });
});
