import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installStockChat, type StockChat } from "../../engine/chat/stock-chat.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { AppPainter } from "../../ui/app-painter.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { tempTree } from "../support/temp-tree.js";

const PROJECT = {
  ".gitignore": "dist/\n*.log\n",
  "README.md": "# demo\n",
  "src/main.ts": "export {};\n",
  "src/ui/view.ts": "export {};\n",
  "notes/todo.md": "- x\n",
  "dist/main.js": "ignored\n",
  "debug.log": "ignored\n",
};

/** The stock chat in a temp project: keys typed, the screen painted frame after frame. */
function chatIn(files: Record<string, string> = PROJECT) {
  const clock = new FakeClock();
  const cwd = tempTree(files, "librecode-at-");
  const rt = new Runtime({ cwd, width: 40, height: 10, clock });
  const chat: StockChat = installStockChat(rt);
  const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }));
  const screen = new Screen(40, 10);
  return {
    rt, chat, clock, cwd,
    type: (keys: string) => { for (const k of parseKeys(keys)) rt.dispatchKey(k); },
    lines: () => { painter.paint(screen.back); return screen.back.toLines(); },
    composer: () => rt.buffers.getText("composer"),
  };
}

describe("@ file completion", () => {
  it("@ offers the project's top level, as git sees it (.gitignore'd files are not offered)", async () => {
    const c = chatIn();
    c.type("read @");
    await c.chat.files.settled();
    expect(c.lines()).toEqual([
      " ".repeat(40),
      " ".repeat(40),
      " @.gitignore                            ",
      " @README.md                             ",
      " @notes/                                ",
      " @src/                                  ",
      "╭─ message ────────────────────────────╮",
      "│ read @                               │",
      "╰──────────────────────────────────────╯",
      " ".repeat(40),
    ]);
  });

  it("typing after @ matches fuzzily anywhere in the tree; tab puts `@path ` in place of the word", async () => {
    const c = chatIn();
    c.type("see @");
    await c.chat.files.settled();
    c.type("view");
    expect(c.lines().slice(5, 9)).toEqual([
      " @src/ui/view.ts                        ",
      "╭─ message ────────────────────────────╮",
      "│ see @view                            │",
      "╰──────────────────────────────────────╯",
    ]);
    c.type("<tab>and this");
    expect(c.composer()).toBe("see @src/ui/view.ts and this");
    expect(c.chat.completion()).toBeUndefined();
  });

  it("a directory is accepted as `@dir/` and completion lists what is inside it", async () => {
    const c = chatIn();
    c.type("@");
    await c.chat.files.settled();
    c.type("<down><down><down><cr>");
    expect(c.composer()).toBe("@src/");
    expect(c.chat.completion()!.items.map((i) => i.label)).toEqual(["@src/main.ts", "@src/ui/"]);
  });

  it("completes the word at the cursor in the middle of a prompt; escape closes the menu until the text changes", async () => {
    const c = chatIn();
    c.type("compare @ with this<c-a><m-f><right><right>");
    await c.chat.files.settled();
    expect(c.chat.completion()!.items).toHaveLength(4);
    c.type("<esc>");
    expect(c.chat.completion()).toBeUndefined();
    c.type("REA");
    expect(c.chat.completion()!.items.map((i) => i.label)).toEqual(["@README.md"]);
    c.type("<cr>");
    expect(c.composer()).toBe("compare @README.md  with this");
  });

  it("an email-like word or a word already typed in full opens no menu", async () => {
    const c = chatIn();
    c.type("mail me@");
    await c.chat.files.settled();
    expect(c.chat.completion()).toBeUndefined();
    c.type(" @README.md");
    expect(c.chat.completion()).toBeUndefined();
  });

  it("walks again after 10 s: an unchanged tree keeps its list (and its index), a new file shows up", async () => {
    const c = chatIn();
    c.type("@");
    await c.chat.files.settled();
    const first = c.chat.files.list();
    c.clock.advance(10_000);
    expect(c.chat.files.list()).toBe(first);
    await c.chat.files.settled();
    expect(c.chat.files.list()).toBe(first);
    writeFileSync(join(c.cwd, "src/new.ts"), "");
    c.clock.advance(10_000);
    c.chat.files.list();
    await c.chat.files.settled();
    expect(c.chat.files.list()).toContain("src/new.ts");
    c.type("new");
    expect(c.chat.completion()!.items.map((i) => i.label)).toEqual(["@src/new.ts"]);
  });
});
