// `librecode --bare` in a real terminal: the test-dashboard example configured with a small shell
// command draws its screen, ctrl+c twice quits, and the shell gets its terminal back.
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, ROOT, scratch } from "../cli/run-cli.js";
import { TmuxSession } from "./tmux-session.js";

let session: TmuxSession | undefined;

beforeAll(() => ensureBuilt(), 120000);
afterEach(() => session?.kill());

const CONFIG = [
  "extensions:",
  `  use: ["path:${join(ROOT, "examples/extensions/test-dashboard")}"]`,
  "  settings:",
  "    test-dashboard: { command: \"echo 'suite ... ok'; echo '1 passed'\" }",
].join("\n");

describe("librecode --bare in a real terminal (tmux)", () => {
  it("starts, draws the extension's screen, quits on ctrl+c twice and leaves the alternate screen", async () => {
    const dir = scratch({ ".librecode/config.yaml": CONFIG });
    const s = (session = new TmuxSession(70, 12, {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color", PS1: "$ ",
    }, dir.cwd));
    await s.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
    s.type(`${BIN} --bare`);
    s.keys("Enter");
    const alternate = () => s.tmux("display-message", "-p", "-t", "e2e", "#{alternate_on}").trim();
    const screen = await s.waitFor("the dashboard's passing run", (l) => l[11]!.startsWith(" ✔ PASS exit 0 · 1 passed"));
    expect(screen.slice(0, 3)).toEqual([
      "╭─ tests: echo 'suite ... ok'; echo '1 passed' ─────────────── pass ─╮",
      "│ suite ... ok                                                       │",
      "│ 1 passed                                                           │",
    ]);
    expect(alternate()).toBe("1");
    s.keys("C-c");
    await s.waitFor("the quit hint on the bottom row", (l) => l[11] === " ctrl+c again to quit");
    s.keys("C-c");
    const after = await s.waitFor("the shell prompt after quitting", (l) => !l.some((x) => x.includes("tests:")) && l.some((x) => x.startsWith("$")));
    expect(after.some((x) => x === `$ ${BIN} --bare`)).toBe(true);
    expect(alternate()).toBe("0");
    // Cooked mode and echo are back: a typed command is shown and runs.
    s.type("echo back-in-the-shell");
    s.keys("Enter");
    await s.waitFor("the echo output", (l) => l.some((x) => x === "back-in-the-shell"));
  });

  it("--bare with an unknown --session exits 2 with one line, before taking over the terminal", async () => {
    const dir = scratch();
    const s = (session = new TmuxSession(100, 10, {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color", PS1: "$ ",
    }, dir.cwd));
    await s.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
    s.type(`${BIN} --bare --session nope; echo rc=$?`);
    s.keys("Enter");
    const lines = await s.waitFor("the exit code", (l) => l.some((x) => x.startsWith("rc=")));
    const at = lines.findIndex((x) => x.startsWith("rc="));
    expect(lines.slice(at - 2, at + 1)).toEqual([
      `$ ${BIN} --bare --session nope; echo rc=$?`,
      `librecode: --session: "nope": expected a session id, name or unique id prefix, got no match`,
      "rc=2",
    ]);
  });
});
