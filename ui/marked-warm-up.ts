// marked's block and inline rules are large regular expressions (lheading and paragraph ~1,300
// characters each). V8 runs a regular expression the first time through its bytecode interpreter
// and compiles it to machine code on the next run, and for these the bytecode path costs far more
// than the machine code: the first lexing of a resumed page took ~55 ms of CPU, of which ~40 went
// to it. V8 compiles straight to machine code when the subject is 1,000 characters or longer
// (`JSRegExp::kTierUpForSubjectLengthValue`), so one run of each GFM rule over a blank string of
// that length, when marked loads, costs ~10 ms and leaves ~8 ms for that first lexing. Only the
// regexps' compiled code changes: what they match, and so every token, is the same.
import type { Lexer } from "marked";

// Longer than V8's tier-up threshold (1,000), blank so no rule scans far; one-byte, as ASCII
// messages are (a message with other characters compiles its two-byte code on first use).
const SUBJECT = " ".repeat(1024);

/** Runs each regular expression of marked's GFM block and inline rules once, so V8 compiles them to machine code. */
export function warmUpLexer(lexer: typeof Lexer): void {
  const rules = lexer.rules as { block: { gfm: object }; inline: { gfm: object } };
  for (const set of [rules.block.gfm, rules.inline.gfm]) {
    for (const re of Object.values(set)) {
      if (!(re instanceof RegExp)) continue;
      re.lastIndex = 0; // the global and sticky ones start and end at 0, as marked expects
      re.exec(SUBJECT);
      re.lastIndex = 0;
    }
  }
}
