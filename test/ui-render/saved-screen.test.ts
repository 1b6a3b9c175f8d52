// The transcript's newest screenful saved by one run and drawn by the next (`--resume`): blocks
// whose content matches a saved digest are drawn from the saved lines, never rendered; anything
// else renders as usual, so the screen is the same either way.
import { describe, expect, it } from "vitest";
import type { Block } from "../../engine/kernel/block.js";
import { blockFlags, SAVED_BLOCK_LINES, TranscriptRenderer } from "../../ui/renderers/transcript-renderer.js";
import { blockDigest, checkSavedScreen, type SavedScreen } from "../../ui/renderers/saved-screen.js";
import { block, input, texts } from "./render-fixtures.js";

const BUILD = "test-build";

function history(): Block[] {
  return [
    block("u1", { role: "user", text: "show me a loop" }),
    block("a1", { role: "assistant", text: "Here:\n\n```js\nfor (const x of xs) log(x);\n```" }),
    block("u2", { role: "user", text: "and a table?" }),
    block("a2", { role: "assistant", text: "| a | b |\n| - | - |\n| 1 | 2 |" }),
  ];
}

// The same messages as a resumed session builds them: new ids and revisions, same content.
const reloaded = (blocks: Block[]): Block[] => blocks.map((b) => block(`re-${b.id}`, { role: b.role, kind: b.kind, text: b.text, metadata: { ...b.metadata } }));

function saved(blocks: Block[], width = 30, height = 10): SavedScreen {
  const r = new TranscriptRenderer();
  const inp = input({ role: "transcript", blocks, width, height });
  r.render(inp);
  return r.newestScreen("transcript", blocks, width, blockFlags(inp.window.vars), height, BUILD)!;
}

describe("saved transcript screens", () => {
  it("draws a resumed session's screen from the saved lines, rendering no block", () => {
    const screen = saved(history(), 30, 14);
    const seeded = new TranscriptRenderer();
    seeded.setSeed(screen);
    const drawn = texts(seeded.render(input({ role: "transcript", blocks: reloaded(history()), width: 30, height: 14 })).lines);
    expect(drawn).toEqual([
      "",
      " show me a loop",
      "",
      "Here:",
      "",
      "```js",
      "  for (const x of xs) log(x);",
      "```",
      "",
      " and a table?",
      "",
      "a │ b",
      "──┼──",
      "1 │ 2",
    ]);
    expect(seeded.blockRenders).toBe(0);
  });

  it("renders a block whose content changed since the screen was saved, and only that one", () => {
    const screen = saved(history(), 30, 14);
    const blocks = reloaded(history());
    blocks[3] = block("re-a2", { role: "assistant", text: "| a | b |\n| - | - |\n| 1 | 3 |" });
    const seeded = new TranscriptRenderer();
    seeded.setSeed(screen);
    const drawn = texts(seeded.render(input({ role: "transcript", blocks, width: 30, height: 14 })).lines);
    expect(seeded.blockRenders).toBe(1);
    expect(drawn.slice(-3)).toEqual(["a │ b", "──┼──", "1 │ 3"]);
  });

  it("renders every block at another width or other flags than the screen was saved at", () => {
    const screen = saved(history());
    for (const init of [{ width: 31 }, { width: 30, vars: { expand_tools: true } }]) {
      const fresh = new TranscriptRenderer();
      fresh.render(input({ role: "transcript", blocks: reloaded(history()), height: 10, ...init }));
      const seeded = new TranscriptRenderer();
      seeded.setSeed(screen);
      seeded.render(input({ role: "transcript", blocks: reloaded(history()), height: 10, ...init }));
      expect(seeded.blockRenders).toBe(fresh.blockRenders);
    }
  });

  it("saves the blocks the last frame drew, newest up, oldest first, rendering none itself", () => {
    const blocks = Array.from({ length: 30 }, (_, i) => block(`m${i}`, { role: "user", text: `message ${i}` }));
    const r = new TranscriptRenderer();
    const inp = input({ role: "transcript", blocks, width: 30, height: 5 });
    r.render(inp);
    const drawn = r.blockRenders;
    const screen = r.newestScreen("transcript", blocks, 30, blockFlags(inp.window.vars), 5, BUILD)!;
    // Each block is one row and a separator: the frame of 5 rows drew the newest 3.
    expect(screen.blocks.map((b) => b.digest)).toEqual(blocks.slice(27).map(blockDigest));
    expect(screen).toMatchObject({ version: 1, build: BUILD, width: 30, flags: "1012" });
    expect(r.blockRenders).toBe(drawn);
  });

  it("leaves out the blocks `keep` refuses (the chat refuses text holding a key)", () => {
    const blocks = [block("a", { role: "user", text: "plain" }), block("b", { role: "user", text: "key sk-0123456789abcdef0123" })];
    const r = new TranscriptRenderer();
    const inp = input({ role: "transcript", blocks, width: 30, height: 10 });
    r.render(inp);
    const screen = r.newestScreen("transcript", blocks, 30, blockFlags(inp.window.vars), 10, BUILD, (b) => !b.text.includes("sk-"))!;
    expect(screen.blocks.map((b) => b.digest)).toEqual([blockDigest(blocks[0]!)]);
  });

  it("leaves streaming blocks out, and stops at a block longer than SAVED_BLOCK_LINES", () => {
    const huge = "```\n" + Array.from({ length: SAVED_BLOCK_LINES + 1 }, (_, i) => `line ${i}`).join("\n") + "\n```";
    const blocks = [
      block("old", { role: "user", text: "before the code" }),
      block("code", { role: "assistant", text: huge }),
      block("q", { role: "user", text: "thanks" }),
      block("live", { role: "assistant", text: "streaming…", streaming: true }),
    ];
    const screen = saved(blocks, 30, 5);
    expect(screen.blocks.map((b) => b.digest)).toEqual([blockDigest(blocks[2]!)]);
  });

  it("digests what a block draws: kind, role, text and metadata, not its id or revision", () => {
    const a = block("x", { role: "user", text: "hi" });
    expect(blockDigest(block("y", { role: "user", text: "hi" }))).toBe(blockDigest(a));
    expect(blockDigest(block("x", { role: "assistant", text: "hi" }))).not.toBe(blockDigest(a));
    expect(blockDigest(block("x", { role: "user", text: "hi!" }))).not.toBe(blockDigest(a));
    expect(blockDigest(block("x", { role: "user", text: "hi", metadata: { format: "plain" } }))).not.toBe(blockDigest(a));
    expect(blockDigest(block("x", { kind: "error", role: "user", text: "hi" }))).not.toBe(blockDigest(a));
  });

  it("accepts a parsed screen of this build and refuses another build's or a malformed one", () => {
    const screen = saved(history());
    const parsed: unknown = JSON.parse(JSON.stringify(screen));
    expect(checkSavedScreen(parsed, BUILD)).toEqual(screen);
    expect(checkSavedScreen(parsed, "other-build")).toBeNull();
    expect(checkSavedScreen(null, BUILD)).toBeNull();
    expect(checkSavedScreen({ ...screen, version: 2 }, BUILD)).toBeNull();
    expect(checkSavedScreen({ ...screen, blocks: [{ digest: "d", lines: [[{ text: 1 }]] }] }, BUILD)).toBeNull();
    expect(checkSavedScreen({ ...screen, blocks: [{ digest: "d", lines: [[{ text: "a", style: "bold" }]] }] }, BUILD)).toBeNull();
    expect(checkSavedScreen({ ...screen, blocks: [{ lines: [] }] }, BUILD)).toBeNull();
  });
});
