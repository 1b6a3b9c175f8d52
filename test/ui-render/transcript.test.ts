import { describe, expect, it } from "vitest";
import { TranscriptRenderer } from "../../ui/renderers/transcript-renderer.js";
import { argsSummary } from "../../ui/renderers/transcript-blocks.js";
import { block, input, screen, texts } from "./render-fixtures.js";

const user = (id: string, text: string) => block(id, { role: "user", text });
const assistant = (id: string, text: string) => block(id, { role: "assistant", text });

describe("transcript renderer", () => {
  it("anchors short content to the bottom, one empty row between blocks", () => {
    const r = new TranscriptRenderer();
    const out = r.render(input({ role: "transcript", width: 12, height: 5, blocks: [user("1", "hi"), assistant("2", "hello **you**")] }));
    expect(screen(out.lines, 12)).toEqual([
      "            ",
      "            ",
      " hi         ",
      "            ",
      "hello you   ",
    ]);
  });

  it("draws a compaction summary's header as a system line and the summary as markdown", () => {
    const summary = block("s", { kind: "system", role: "system", text: "Summary of earlier messages:\n## Goal\nShip **it**.", metadata: { compaction: true } });
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 30, height: 5, blocks: [summary] }));
    expect(texts(out.lines)).toEqual(["", "Summary of earlier messages:", "Goal", "", "Ship it."]);
    expect(out.lines[1]![0]!.style).toEqual({ fg: "muted" });
  });

  it("paints user messages on the user background across the whole row", () => {
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 6, height: 1, blocks: [user("1", "hi")] }));
    expect(out.lines[0]).toEqual([{ text: " ", style: { bg: "userMessageBg" } }, { text: "hi", style: { bg: "userMessageBg" } }, { text: "   ", style: { bg: "userMessageBg" } }]);
  });

  it("shows the newest rows and scrolls window.scroll rows up from the bottom", () => {
    const blocks = [assistant("1", "a\n\nb\n\nc"), assistant("2", "d")];
    const r = new TranscriptRenderer();
    expect(texts(r.render(input({ role: "transcript", width: 5, height: 3, blocks })).lines)).toEqual(["c", "", "d"]);
    expect(texts(r.render(input({ role: "transcript", width: 5, height: 3, blocks, scroll: 2 })).lines)).toEqual(["b", "", "c"]);
  });

  it("clamps the scroll at the top of the transcript", () => {
    const blocks = [assistant("1", "a"), assistant("2", "b")];
    const r = new TranscriptRenderer();
    expect(texts(r.render(input({ role: "transcript", width: 5, height: 2, blocks, scroll: 99 })).lines)).toEqual(["a", ""]);
    expect(r.lastMaxScroll).toBe(1);
  });

  it("collapses tool output to the last tool_lines lines (ui.tool_lines) with a ctrl+o hint", () => {
    const tool = block("t", { kind: "tool", role: "tool", text: "l1\nl2\nl3\nl4\nl5\nl6\nl7\n", metadata: { name: "bash", arguments: { command: "seq 7" }, status: "success" } });
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 24, height: 7, blocks: [tool], vars: { tool_lines: 5 } }));
    expect(texts(out.lines)).toEqual([" bash seq 7", "  … 2 more lines (ctrl+o)", "  l3", "  l4", "  l5", "  l6", "  l7"]);
    expect(out.lines[0]!.at(-1)!.style).toEqual({ bg: "toolSuccessBg" });
  });

  it("shows 12 output lines collapsed by default, and shows a 13th rather than a \"1 more line\" note", () => {
    const seq = (n: number) => Array.from({ length: n }, (_, i) => `l${i + 1}`).join("\n");
    const tool = (n: number) => block("t", { kind: "tool", role: "tool", text: seq(n), metadata: { name: "bash", status: "success" } });
    // The transcript sits at the bottom of its window: the rows above are empty.
    const rows = (n: number, vars = {}) => texts(new TranscriptRenderer().render(input({ role: "transcript", width: 30, height: 20, blocks: [tool(n)], vars })).lines).filter((l) => l !== "");
    expect(rows(13)).toEqual([" bash", ...seq(13).split("\n").map((l) => `  ${l}`)]);
    expect(rows(14)).toEqual([" bash", "  … 2 more lines (ctrl+o)", ...seq(14).split("\n").slice(2).map((l) => `  ${l}`)]);
    expect(rows(3, { tool_lines: 0 })).toEqual([" bash", "  … 3 more lines (ctrl+o)"]);
  });

  it("spends no folded row on a blank line, so bash's exit code comes under the output's last line", () => {
    const tool = block("t", { kind: "tool", role: "tool", text: "1\n2\n3\n4\n5\n\nexit code: 0", metadata: { name: "bash", arguments: { command: "seq 5" }, status: "success" } });
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 26, height: 4, blocks: [tool], vars: { tool_lines: 2 } }));
    expect(texts(out.lines)).toEqual([" bash seq 5", "  … 4 more lines (ctrl+o)", "  5", "  exit code: 0"]);
  });

  it("colours an edit's diff and, collapsed, shows it from the changed hunk on", () => {
    const text = [
      "edit: replaced 1 occurrence in src/a.ts", "", "--- a/src/a.ts", "+++ b/src/a.ts", "@@ -1,4 +1,4 @@",
      " const a = 1;", "-const b = 2;", "+const b = 3;", " const c = 4;", " const d = 5;",
    ].join("\n");
    const edit = block("t", { kind: "tool", role: "tool", text, metadata: { name: "edit", arguments: { path: "src/a.ts" }, status: "success" } });
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 32, height: 6, blocks: [edit], vars: { tool_lines: 4 } }));
    expect(texts(out.lines)).toEqual([
      " edit src/a.ts", "  @@ -1,4 +1,4 @@", "   const a = 1;", "  -const b = 2;", "  +const b = 3;", "  … 2 more lines (ctrl+o)",
    ]);
    expect(out.lines.slice(1, 5).map((l) => l[1]!.style?.fg)).toEqual(["accent", "text", "diffDelete", "diffAdd"]);
    const open = new TranscriptRenderer().render(input({ role: "transcript", width: 44, height: 11, blocks: [edit], vars: { expand_tools: true } }));
    expect(texts(open.lines).slice(3, 5)).toEqual(["  --- a/src/a.ts", "  +++ b/src/a.ts"]);
    expect(open.lines[7]![1]!.style?.fg).toBe("diffDelete");
  });

  it("keeps each collapsed output line to one row", () => {
    const tool = block("t", { kind: "tool", text: "short\n" + "x".repeat(50), metadata: { name: "cat", status: "success" } });
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 12, height: 3, blocks: [tool] }));
    expect(texts(out.lines)).toEqual([" cat", "  short", "  xxxxxxxxx…"]);
  });

  it("expands tool output when the window var expand_tools is true", () => {
    const tool = block("t", { kind: "tool", text: "1\n2\n3\n4\n5\n6", metadata: { name: "read", arguments_json: '{"path":"a.ts"}', status: "error" } });
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 12, height: 7, blocks: [tool], vars: { expand_tools: true } }));
    expect(texts(out.lines)).toEqual([" read a.ts", "  1", "  2", "  3", "  4", "  5", "  6"]);
    expect(out.lines[1]![1]!.style).toEqual({ fg: "error", bg: "toolErrorBg" });
  });

  it("gives a streaming tool block without a status the pending background", () => {
    const tool = block("t", { kind: "tool", streaming: true, metadata: { name: "grep" } });
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 8, height: 1, blocks: [tool] }));
    expect(out.lines[0]).toEqual([{ text: " grep", style: { bold: true, bg: "toolPendingBg" } }, { text: "   ", style: { bg: "toolPendingBg" } }]);
  });

  it("shows thinking dim italic, and a one-line marker when show_thinking is false", () => {
    const blocks = [block("k", { kind: "thinking", text: "pondering" }), assistant("a", "answer")];
    const shown = new TranscriptRenderer().render(input({ role: "transcript", width: 12, height: 3, blocks }));
    expect(texts(shown.lines)).toEqual(["pondering", "", "answer"]);
    expect(shown.lines[0]![0]!.style).toEqual({ fg: "thinkingText", italic: true });
    const hidden = new TranscriptRenderer().render(input({ role: "transcript", width: 30, height: 3, blocks, vars: { show_thinking: false } }));
    expect(texts(hidden.lines)).toEqual(["▸ thinking (ctrl+t shows it)", "", "answer"]);
    expect(hidden.lines[0]![0]!.style).toEqual({ fg: "dim", italic: true });
    const empty = [block("k", { kind: "thinking", text: " \n" }), assistant("a", "answer")];
    expect(texts(new TranscriptRenderer().render(input({ role: "transcript", width: 30, height: 1, blocks: empty, vars: { show_thinking: false } })).lines)).toEqual(["answer"]);
  });

  it("draws error blocks in the error colour", () => {
    const out = new TranscriptRenderer().render(input({ role: "transcript", width: 30, height: 1, blocks: [block("e", { kind: "error", role: "system", text: "unknown command: /x" })] }));
    expect(out.lines).toEqual([[{ text: "unknown command: /x", style: { fg: "error" } }]]);
  });

  it("re-renders only the block whose rev changed", () => {
    const r = new TranscriptRenderer();
    const blocks = [user("1", "q"), assistant("2", "partial")];
    r.render(input({ role: "transcript", width: 20, height: 5, blocks }));
    const before = r.blockRenders;
    blocks[1] = { ...blocks[1]!, text: "partial answer", rev: blocks[1]!.rev + 1 };
    r.render(input({ role: "transcript", width: 20, height: 5, blocks }));
    expect(r.blockRenders - before).toBe(1);
  });

  it("renders a streaming assistant block delta by delta exactly as a fresh render", () => {
    const r = new TranscriptRenderer();
    const full = "# Plan\n\nFirst step.\n\n```sh\nnpm test\n```\n\nDone.";
    let b = block("s", { role: "assistant", streaming: true, text: "" });
    for (let at = 4; at <= full.length; at += 4) {
      b = { ...b, text: full.slice(0, at), rev: b.rev + 1, streaming: at + 4 <= full.length };
      const i = input({ role: "transcript", width: 20, height: 12, blocks: [b] });
      expect(r.render(i).lines).toEqual(new TranscriptRenderer().render(i).lines);
    }
  });

  it("renders only the visible blocks of a 10,000-block transcript", () => {
    const blocks = Array.from({ length: 10_000 }, (_, i) => assistant(`b${i}`, `message ${i}`));
    const r = new TranscriptRenderer();
    const out = r.render(input({ role: "transcript", width: 30, height: 20, blocks }));
    expect(texts(out.lines).slice(-3)).toEqual(["message 9998", "", "message 9999"]);
    // 20 rows show 11 one-line blocks (the top row is the 11th) and their separators.
    expect(r.blockRenders).toBe(11);
    // Scrolling up 20 rows needs 10 more blocks; the 11 already seen come from the cache.
    r.render(input({ role: "transcript", width: 30, height: 20, blocks, scroll: 20 }));
    expect(r.blockRenders).toBe(21);
  });
});

describe("argsSummary", () => {
  it("prefers a command or path argument and falls back to compact JSON", () => {
    expect([argsSummary({ arguments: { command: "ls\n-la" } }), argsSummary({ arguments: { n: 1 } }), argsSummary({})]).toEqual([
      "ls -la", '{"n":1}', "",
    ]);
  });
});
