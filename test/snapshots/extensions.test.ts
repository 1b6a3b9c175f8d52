// The example extensions of examples/extensions/, each as a whole screen after startup and a few
// keys, compared with screens/*.txt (UPDATE_SNAPSHOTS=1 rewrites them).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { openChatLoop } from "../../engine/agent/open-chat-loop.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { AppPainter } from "../../ui/app-painter.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { tempTree } from "../support/temp-tree.js";
import { expectSnapshot } from "./snapshot-file.js";
import { bareFixture, CHAT_FIXTURE, screenLines } from "./screen-fixture.js";

const EXAMPLES = join(import.meta.dirname, "../../examples/extensions");

describe("example extension: split-pane", () => {
  it("types into the notes pane after alt+n moves focus there", () => {
    expectSnapshot("ext-split-pane-70x18", screenLines({
      width: 70, height: 18, transcript: CHAT_FIXTURE, extensions: [join(EXAMPLES, "split-pane")],
      keys: "<m-n>buy milk<cr>call bob<m-n>/no",
    }));
  });
  it("appends to the notes with /note", () => {
    expectSnapshot("ext-split-pane-note-50x12", screenLines({
      width: 50, height: 12, extensions: [join(EXAMPLES, "split-pane")], keys: "/note ship it<cr>",
    }));
  });
});

describe("example extension: reskin", () => {
  it("draws its own status line and composer", () => {
    expectSnapshot("ext-reskin-60x14", screenLines({
      width: 60, height: 14, transcript: CHAT_FIXTURE, extensions: [join(EXAMPLES, "reskin")], keys: "hello",
    }));
  });
});

describe("example extension: modal-editor", () => {
  it("edits the composer in normal mode: escape, 0, dw", () => {
    expectSnapshot("ext-modal-editor-50x10", screenLines({
      width: 50, height: 10, extensions: [join(EXAMPLES, "modal-editor")], keys: "one two three<esc>0dw",
    }));
  });
});

describe("example extension: redact-tool", () => {
  it("a model call to the Lua tool shows the env file with the secret redacted", async () => {
    // A fixed path: the tool call's header shows it on the snapshot.
    const dir = join(tmpdir(), "librecode-redact-example");
    mkdirSync(dir, { recursive: true });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "app.env"), "# not a key\nAPI_TOKEN=sk-live-1234567890abcdef\nREGION=eu-west-1\n");
    writeFileSync(join(dir, "script.yaml"), [
      "turns:",
      "  - text: Reading the env file.",
      "    tool_calls:",
      `      - name: read_env`,
      `        arguments: { path: "${join(dir, "app.env")}" }`,
      "  - text: \"It sets {{tool_result_lines}} keys.\"",
    ].join("\n"));
    const rt = new Runtime({ width: 60, height: 16, cwd: dir });
    const chat = installStockChat(rt);
    const opened = openChatLoop({
      runtime: rt, cwd: dir, env: {}, home: join(dir, "home"), provider: "script", model: join(dir, "script.yaml"),
      scriptSleep: async () => {}, defer: (fn) => fn(),
    });
    new ExtensionHost(rt, { cwd: dir, home: join(dir, "home") }).loadPaths([join(EXAMPLES, "redact-tool")]);
    opened.loop.start(false);
    const result = await opened.loop.run("what is in app.env?");
    opened.close();
    expect(result.stopReason).toBe("stop");
    chat.setStatus({ cwd: "/srv/project", provider: "script", model: "demo", thinking_level: "off", session: "s1" });
    const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }));
    const screen = new Screen(rt.width, rt.height);
    painter.paint(screen.back);
    const lines = screen.back.toLines();
    expect(lines.join("\n")).not.toContain("sk-live");
    expectSnapshot("ext-redact-tool-60x16", lines);
  });
});

describe("example extension: spell-check", () => {
  it("underlines misspelled words in the composer as you type and counts them at the end of the line", () => {
    let rt: Runtime | undefined;
    expectSnapshot("ext-spell-check-50x10", screenLines({
      width: 50, height: 10, extensions: [join(EXAMPLES, "spell-check")], keys: "I recieve teh mail",
      setup: (r) => { rt = r; },
    }));
    const b = rt!.buffers.get("composer")!;
    const marks = rt!.buffers.marks.list(b, -1, { line: 0, col: 0 }, { line: -1, col: -1 });
    expect(marks.map((m) => [m.col, m.end?.col, m.decor.hl?.underline, m.decor.metadata?.fix])).toEqual([
      [2, 9, true, "receive"], [10, 13, true, "the"], [18, undefined, undefined, undefined],
    ]);
  });
});

describe("example extension: todo-lens", () => {
  it("adds a line under a transcript code block that counts its TODOs", () => {
    const transcript = [
      `{"role":"user","text":"Sketch it"}`,
      `{"role":"assistant","text":"Here:\\n\\n\`\`\`lua\\nlocal x = 1 -- TODO: name\\nreturn x -- FIXME\\n\`\`\`\\n\\nDone."}`,
    ].join("\n");
    expectSnapshot("ext-todo-lens-50x16", screenLines({
      width: 50, height: 16, transcript, extensions: [join(EXAMPLES, "todo-lens")],
    }));
  });
});

describe("example extension: test-dashboard (bare mode)", () => {
  it("shows a failed run's output and its summary, with no chat on screen", async () => {
    // A real job: a small shell script standing in for a test runner that fails.
    const cwd = tempTree({ "run-tests.sh": [
      "echo 'math > adds ... ok'", "echo 'math > divides ... FAILED'", "echo '  expected 2, got 3' >&2",
      "echo 'Tests  1 failed | 1 passed (2)'", "exit 1",
    ].join("\n") });
    const f = bareFixture({ width: 80, height: 10, extensions: [join(EXAMPLES, "test-dashboard")], settings: { "test-dashboard": { command: "sh run-tests.sh" } }, cwd });
    await vi.waitFor(() => expect(f.rt.jobs.size).toBe(0), { timeout: 5000 });
    expectSnapshot("ext-test-dashboard-80x10", f.frame());
  });
});
