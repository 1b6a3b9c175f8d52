import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, scratch } from "../cli/run-cli.js";
import { SessionStore } from "../../engine/session/session-store.js";
import { TmuxSession } from "./tmux-session.js";

const PLACEHOLDER = "Type a message (/ for commands)";

let session: TmuxSession | undefined;

beforeAll(() => ensureBuilt(), 120000);
afterEach(() => session?.kill());

/** Starts a shell in tmux at 100x30 and librecode in it, offline, with a private LIBRECODE_HOME. */
async function startChat(files: Record<string, string> = {}, env: Record<string, string> = {},
  args = "", prepare: (dir: ReturnType<typeof scratch>) => void = () => {}): Promise<TmuxSession> {
  const dir = scratch(files);
  prepare(dir);
  session = new TmuxSession(100, 30, {
    PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color",
    PS1: "$ ", LIBRECODE_ASSISTANT_PROVIDER: "script", ...env,
  }, dir.cwd);
  await session.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
  session.type(args === "" ? BIN : `${BIN} ${args}`);
  session.keys("Enter");
  await session.waitFor("the composer", (l) => l.some((x) => x.includes(PLACEHOLDER)));
  return session;
}

/** After quitting, the main screen is back and the shell runs a command typed into it. */
async function expectShellUsable(s: TmuxSession): Promise<void> {
  await s.waitFor("the shell prompt after quitting", (l) => !l.some((x) => x.includes(PLACEHOLDER)) && l.some((x) => x.startsWith("$")));
  const token = `done-${Math.floor(Math.random() * 1e9)}`;
  s.type(`echo ${token}`);
  s.keys("Enter");
  const lines = await s.waitFor("the echo output", (l) => l.some((x) => x.trim() === token));
  expect(lines.some((x) => x.includes(`$ ${BIN}`))).toBe(true);
}

describe("librecode in a real terminal (tmux)", () => {
  it("shows the typed prompt in the transcript after enter and clears the composer", async () => {
    const s = await startChat();
    s.type("hello from tmux");
    await s.waitFor("the typed text in the composer", (l) => l.some((x) => x.includes("│ hello from tmux")));
    s.keys("Enter");
    // While the demo answers, the empty composer shows what the keys do meanwhile.
    const lines = await s.waitFor("the message in the transcript", (l) =>
      l.some((x) => x.startsWith(" hello from tmux")) && l.some((x) => x.includes(PLACEHOLDER) || x.includes("│ enter steers the answer")));
    expect(lines[29]).toContain("script");
    // ctrl+c on the empty composer first stops the demo's answer, then quits.
    s.keys("C-c");
    await s.waitFor("the answer stopped", (l) => l.some((x) => x.includes(PLACEHOLDER)));
    s.keys("C-c", "C-c"); // one more to confirm the quit
    await expectShellUsable(s);
    // Something was said: the last line the chat printed names the session and how to continue it.
    const after = await s.waitFor("the exit line", (l) => l.some((x) => x.startsWith("librecode: session ")));
    expect(after.find((x) => x.startsWith("librecode: session "))).toMatch(/^librecode: session [0-9a-f]{12} saved; continue it with `librecode --resume`/);
  });

  it("the offline script provider answers a submitted prompt", async () => {
    const s = await startChat(
      { "script.yaml": "delay_ms: 0\nturns:\n  - text: \"Scripted answer: pong\"\n" },
      { LIBRECODE_ASSISTANT_MODEL: "script.yaml" },
    );
    s.type("ping");
    s.keys("Enter");
    const lines = await s.waitFor("the scripted answer", (l) => l.some((x) => x.startsWith("Scripted answer: pong")));
    expect(lines.some((x) => x.startsWith(" ping"))).toBe(true);
    s.keys("C-d", "C-d");
    await expectShellUsable(s);
  });

  it("folds a tool's output to the config's ui.tool_lines", async () => {
    const script = [
      "delay_ms: 0",
      "turns:",
      "  - text: Counting.",
      "    tool_calls: [{ name: read, arguments: { path: five.txt } }]",
      "  - text: Counted.",
    ].join("\n");
    const s = await startChat({ "script.yaml": `${script}\n`, "five.txt": "one\ntwo\nthree\nfour\nfive\n", ".librecode/config.yaml": "ui:\n  tool_lines: 2\n" },
      { LIBRECODE_ASSISTANT_MODEL: "script.yaml" });
    s.type("count");
    s.keys("Enter");
    const lines = await s.waitFor("the answer after the tool", (l) => l.some((x) => x.startsWith("Counted.")));
    const at = lines.findIndex((x) => x.startsWith(" count"));
    // Five lines read; the config says two show while folded (the default, 12, would show all five).
    expect(lines.slice(at, at + 10).map((x) => x.trimEnd())).toEqual([
      " count",
      "",
      "Counting.",
      "",
      " read five.txt",
      "  … 3 more lines (ctrl+o)",
      "       4    four",
      "       5    five",
      "",
      "Counted.",
    ]);
    s.keys("C-d", "C-d");
    await expectShellUsable(s);
  });

  it("follows a resize: the composer box and status line span the new width", async () => {
    const s = await startChat();
    s.resize(70, 20);
    const lines = await s.waitFor("a 70-column frame", (l) => l.length === 20 && l.some((x) => x.startsWith("╭") && x.endsWith("╮") && [...x].length === 70));
    const bottom = lines.findIndex((x) => x.startsWith("╰"));
    expect([...lines[bottom]!].length).toBe(70);
    expect(bottom).toBe(18);
    s.keys("C-d", "C-d");
    await expectShellUsable(s);
  });

  it("ctrl+c first clears a non-empty composer, then names the quit, and the next ctrl+c quits", async () => {
    const s = await startChat();
    s.type("draft");
    await s.waitFor("the draft", (l) => l.some((x) => x.includes("│ draft")));
    s.keys("C-c");
    await s.waitFor("the cleared composer", (l) => l.some((x) => x.includes(PLACEHOLDER)));
    s.keys("C-c");
    await s.waitFor("the quit hint", (l) => l.some((x) => x.includes("message · ctrl+c again to quit")));
    s.keys("C-c");
    await expectShellUsable(s);
  });

  it("ctrl+z suspends to the shell and fg brings the chat back with the draft", async () => {
    const s = await startChat();
    s.type("draft kept");
    await s.waitFor("the draft", (l) => l.some((x) => x.includes("│ draft kept")));
    s.keys("C-z");
    await s.waitFor("the shell prompt after suspending", (l) =>
      l.some((x) => x.includes("Stopped")) && l.filter((x) => x.trim() !== "").at(-1)!.trim() === "$");
    s.type("fg");
    s.keys("Enter");
    await s.waitFor("the chat repainted", (l) => l.some((x) => x.includes("│ draft kept")) && l[29]!.includes("script"));
    s.keys("C-c", "C-c", "C-c"); // clear the draft, then quit (twice)
    await expectShellUsable(s);
  });

  it("a provider that cannot be used exits 2 with one line, without ever entering the alternate screen", async () => {
    const dir = scratch();
    session = new TmuxSession(160, 30, {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color", PS1: "$ ",
    }, dir.cwd);
    await session.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
    // script(1) records every byte the chat writes to its terminal.
    session.type(`script -qec '${BIN} --provider nope' bytes.log; echo rc=$?`);
    session.keys("Enter");
    const lines = await session.waitFor("the exit code", (l) => l.some((x) => x.startsWith("rc=")));
    const at = lines.findIndex((x) => x.startsWith("rc="));
    expect(lines.slice(at - 1, at + 1)).toEqual([
      `librecode: --provider: expected one of openai, anthropic, openrouter, groq, deepseek, ollama, script, got "nope"`,
      "rc=2",
    ]);
    expect(readFileSync(join(dir.cwd, "bytes.log"), "utf8")).not.toContain("\x1b[?1049h");
  });

  it("--resume of 300 messages shows the newest ones at once, and page up reaches the first", async () => {
    const s = await startChat({}, {}, "--resume", (dir) => {
      const store = SessionStore.open(dir.home);
      const id = store.create({ cwd: dir.cwd }).id;
      for (let i = 1; i <= 300; i++) store.appendMessage(id, i % 2 === 1 ? { kind: "user", text: `question ${i}` } : { kind: "assistant", text: `answer ${i}` });
      store.close();
    });
    await s.waitFor("the newest answer", (l) => l.some((x) => x.trim() === "answer 300"));
    for (let i = 0; i < 30; i++) s.keys("PageUp");
    const top = await s.waitFor("the first question", (l) => l.some((x) => x.trim() === "question 1"));
    expect(top.filter((x) => x.trim() !== "").slice(0, 3).map((x) => x.trim())).toEqual(["question 1", "answer 2", "question 3"]);
  });

  it("packages load on demand from the code-cached start-up bundle: a project with a .gitignore starts and /export writes its file, twice", async () => {
    // The first start may store the bundle's code cache; the second surely runs from it (a dynamic
    // import there once failed: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
    let cwd = "";
    const s = await startChat({ ".gitignore": "node_modules\n" }, {}, "", (dir) => { cwd = dir.cwd; });
    for (const round of [1, 2]) {
      if (round === 2) {
        s.type(BIN);
        s.keys("Enter");
        await s.waitFor("the composer again", (l) => l.some((x) => x.includes(PLACEHOLDER)));
      }
      s.type(`/export out${round}.md`);
      s.keys("Enter");
      await s.waitFor(`export ${round}`, (l) => l.some((x) => x.includes(`Exported 0 messages to out${round}.md.`)));
      expect(readFileSync(join(cwd, `out${round}.md`), "utf8")).toContain("# ");
      s.keys("C-c");
      s.keys("C-c");
      await expectShellUsable(s);
    }
  });

  it("quitting saves the newest screenful, and the next --resume draws the same screen", async () => {
    let home = "";
    let id = "";
    const s = await startChat({}, {}, "--resume", (dir) => {
      home = dir.home;
      const store = SessionStore.open(dir.home);
      id = store.create({ cwd: dir.cwd }).id;
      for (let i = 1; i <= 20; i++) {
        store.appendMessage(id, { kind: "user", text: `question ${i}` });
        store.appendMessage(id, { kind: "assistant", text: `**answer ${i}**\n\n\`\`\`js\nconst n = ${i};\n\`\`\`` });
      }
      store.close();
    });
    const transcriptRows = (l: string[]) => l.slice(0, l.findIndex((x) => x.includes(PLACEHOLDER)) - 1);
    const first = transcriptRows(await s.waitFor("the newest answer", (l) => l.some((x) => x.includes("const n = 20;"))));
    s.keys("C-c");
    s.keys("C-c");
    await expectShellUsable(s);
    const saved = JSON.parse(readFileSync(join(home, "screens", `${id}.json`), "utf8")) as { width: number; blocks: unknown[] };
    expect(saved.width).toBe(100);
    expect(saved.blocks.length).toBeGreaterThan(4);
    s.type(`${BIN} --resume`);
    s.keys("Enter");
    const second = transcriptRows(await s.waitFor("the newest answer again", (l) => l.some((x) => x.includes("const n = 20;")) && l.some((x) => x.includes(PLACEHOLDER))));
    expect(second).toEqual(first);
    expect(first.filter((x) => x.trim() !== "").slice(-5).map((x) => x.trim())).toEqual(["question 20", "answer 20", "```js", "const n = 20;", "```"]);
  });

  it("an unknown --session exits 2 with one line, before taking over the terminal", async () => {
    const dir = scratch();
    session = new TmuxSession(100, 30, {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color", PS1: "$ ",
    }, dir.cwd);
    await session.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
    session.type(`${BIN} --session nope; echo rc=$?`);
    session.keys("Enter");
    const lines = await session.waitFor("the exit code", (l) => l.some((x) => x.startsWith("rc=")));
    const at = lines.findIndex((x) => x.startsWith("rc="));
    expect(lines.slice(at - 1, at + 1)).toEqual([
      `librecode: --session: "nope": expected a session id, name or unique id prefix, got no match`,
      "rc=2",
    ]);
  });
});
