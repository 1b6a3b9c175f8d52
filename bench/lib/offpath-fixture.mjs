// The off-the-happy-path streaming scenarios (issue 15): what the streaming block holds before the
// measured characters arrive, and the text it grows by. Deterministic so runs compare.

const CODE_LINES = [
  "export function parseArgs(argv: string[], options: Options = {}): ParsedArgs {",
  "  const out: ParsedArgs = { flags: new Map(), rest: [] }; // collected as we go",
  "  for (let i = 0; i < argv.length; i++) {",
  "    const a = argv[i]!;",
  "    if (a === \"--\") { out.rest.push(...argv.slice(i + 1)); break; }",
  "    if (a.startsWith(\"--\")) out.flags.set(a.slice(2), argv[++i] ?? \"true\");",
  "    else out.rest.push(`${a}`);",
  "  }",
  "  return out;",
  "}",
  "",
];

/** `n` lines of TypeScript. */
export function codeLines(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(CODE_LINES[i % CODE_LINES.length]);
  return out.join("\n");
}

/** A markdown table header plus `n` rows. */
export function tableRows(n) {
  const rows = ["| # | file | lines | owner | note |", "| ---: | --- | ---: | --- | --- |"];
  for (let i = 0; i < n; i++) rows.push(tableRow(i));
  return rows.join("\n");
}

function tableRow(i) {
  return `| ${i + 1} | src/module-${i % 97}.ts | ${(i * 37) % 900} | team-${i % 7} | ${i % 3 === 0 ? "**hot**" : "ok"} |`;
}

const PROSE = "The renderer walks the visible rows of each window and paints them into the back grid, then the screen diffs it against the front grid. ";
const UNICODE = "日本語のテキストと한국어 문장 👍🏽 e\u0301te\u0301 👩‍💻 中文字符 ñ̃ 🇫🇷 ";

/** Text of about `n` characters repeating `unit`. */
function repeatTo(unit, n) {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/**
 * Each scenario: the block that streams (`kind`, `role`), the text it starts with, and the
 * characters streamed into it one at a time.
 */
export const SCENARIOS = {
  "code-10": { kind: "message", role: "assistant", start: "Here is the file:\n\n```ts\n" + codeLines(10) + "\n", stream: codeLines(40) + "\n" },
  "code-500": { kind: "message", role: "assistant", start: "Here is the file:\n\n```ts\n" + codeLines(500) + "\n", stream: codeLines(40) + "\n" },
  "code-5000": { kind: "message", role: "assistant", start: "Here is the file:\n\n```ts\n" + codeLines(5000) + "\n", stream: codeLines(40) + "\n" },
  "table-500": { kind: "message", role: "assistant", start: "The files:\n\n" + tableRows(500) + "\n", stream: Array.from({ length: 40 }, (_, i) => tableRow(500 + i)).join("\n") + "\n" },
  "thinking-100k": { kind: "thinking", role: "assistant", keys: ["ctrl+t"], start: repeatTo(PROSE, 100_000), stream: PROSE.repeat(20) },
  "longline-100k": { kind: "message", role: "assistant", start: repeatTo("abcdefghijklmnopqrstuvwxyz0123456789", 100_000), stream: "abcdefghijklmnopqrstuvwxyz0123456789".repeat(100) },
  "unicode-200k": { kind: "message", role: "assistant", start: repeatTo(UNICODE, 200_000), stream: UNICODE.repeat(100) },
  "tool-5000": { kind: "tool", role: "tool", buffer: "tools", start: codeLines(5000) + "\n", stream: codeLines(40) + "\n", metadata: { name: "bash", arguments: { command: "cat src/args.ts" }, status: "pending" } },
};

/** Splits streamed text into update units: one grapheme cluster each (never half an emoji). */
export function streamUnits(text) {
  const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(seg.segment(text), (s) => s.segment);
}
