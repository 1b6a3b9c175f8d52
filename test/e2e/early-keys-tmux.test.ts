// Keys typed while librecode starts, in a real terminal (tmux): they reach the composer as if typed
// later (Enter submits), and whatever way start-up ends, the shell gets its tty mode back.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, ensureBuilt, scratch } from "../cli/run-cli.js";
import { TmuxSession } from "./tmux-session.js";

const PLACEHOLDER = "Type a message (/ for commands)";
/** Prints the tty's ICRNL and ECHO flags, one per line (`-icrnl` / `-echo` when off). */
const STTY = "stty -a | grep -o -- '-\\?icrnl\\|-\\?echo ' | tr -d ' '";

let session: TmuxSession | undefined;

beforeAll(() => ensureBuilt(), 120000);
afterEach(() => session?.kill());

/** A shell in tmux at 100x30, offline, with a private LIBRECODE_HOME and the given project files. */
async function shell(files: Record<string, string> = {}): Promise<TmuxSession> {
  const dir = scratch(files);
  session = new TmuxSession(100, 30, {
    PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color",
    PS1: "$ ", LIBRECODE_ASSISTANT_PROVIDER: "script",
  }, dir.cwd);
  await session.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
  return session;
}

/** Quits the chat (ctrl+c twice on the empty composer) and waits for the shell prompt. */
async function quitToShell(s: TmuxSession): Promise<void> {
  s.keys("C-c", "C-c");
  await s.waitFor("the shell prompt after quitting", (l) =>
    !l.some((x) => x.includes(PLACEHOLDER)) && l.filter((x) => x.trim() !== "").at(-1) === "$");
}

/** Runs stty in the shell and returns the two flags it printed, after the line marking its start. */
async function ttyFlags(s: TmuxSession): Promise<string[]> {
  s.type(`echo flags; ${STTY}`);
  s.keys("Enter");
  const lines = await s.waitFor("the tty flags", (l) => {
    const at = l.indexOf("flags");
    return at >= 0 && l.slice(at + 1).filter((x) => /^-?(icrnl|echo)$/.test(x)).length === 2;
  });
  const at = lines.indexOf("flags");
  return lines.slice(at + 1, at + 3);
}

describe("keys typed during start-up (tmux)", () => {
  it("hello + enter sent right after starting, before the first frame, is submitted", async () => {
    const s = await shell();
    s.type(BIN);
    s.keys("Enter");
    s.keys("hello", "Enter"); // at once: the chat is still loading, the tty not yet raw
    const lines = await s.waitFor("hello submitted", (l) =>
      l.some((x) => x.startsWith(" hello")) && l.some((x) => x.includes(PLACEHOLDER) || x.includes("│ enter steers the answer")));
    // Submitted, not a newline in the composer: no composer line holds the text.
    expect(lines.filter((x) => x.startsWith("│") && x.includes("hello"))).toEqual([]);
    s.keys("C-c");
    await s.waitFor("the answer stopped", (l) => l.some((x) => x.includes(PLACEHOLDER)));
    await quitToShell(s);
    expect(await ttyFlags(s)).toEqual(["icrnl", "echo"]);
  });

  it("the command, hello and enter in one send-keys: hello is submitted", async () => {
    const s = await shell();
    s.keys(BIN, "Enter", "hello", "Enter");
    await s.waitFor("hello submitted", (l) => l.some((x) => x.startsWith(" hello")));
    s.keys("C-c");
    await s.waitFor("the answer stopped", (l) => l.some((x) => x.includes(PLACEHOLDER)));
    await quitToShell(s);
    expect(await ttyFlags(s)).toEqual(["icrnl", "echo"]);
  });

  it("an unknown --session exits 2 with one line and leaves the tty cooked (icrnl, echo)", async () => {
    const s = await shell();
    s.type(`${BIN} --session nope; echo rc=$?`);
    s.keys("Enter");
    s.keys("typed", "Enter"); // held in raw mode while it starts, then the mode is given back
    const lines = await s.waitFor("the exit code", (l) => l.some((x) => x.startsWith("rc=")));
    const at = lines.findIndex((x) => x.startsWith("rc="));
    expect(lines.slice(at - 1, at + 1)).toEqual([
      `librecode: --session: "nope": expected a session id, name or unique id prefix, got no match`,
      "rc=2",
    ]);
    expect(await ttyFlags(s)).toEqual(["icrnl", "echo"]);
  });

  it("a broken config file exits 2 with one line and leaves the tty cooked (icrnl, echo)", async () => {
    const s = await shell({ ".librecode/config.yaml": "bogus: [\n" });
    s.type(`${BIN}; echo rc=$?`);
    s.keys("Enter");
    const lines = await s.waitFor("the exit code", (l) => l.some((x) => x.startsWith("rc=")));
    const at = lines.findIndex((x) => x.startsWith("rc="));
    // The one line wraps at 100 columns: its start, then the exit code.
    expect(lines.filter((x) => x.startsWith("librecode: ")).map((x) => x.slice(0, 51))).toEqual([
      "librecode: config: .librecode/config.yaml:2: invali",
    ]);
    expect(lines[at]).toBe("rc=2");
    expect(await ttyFlags(s)).toEqual(["icrnl", "echo"]);
  });

  it("a start-up killed by SIGTERM while holding input leaves the tty cooked (icrnl, echo)", async () => {
    const s = await shell();
    const hold = pathToFileURL(join(ROOT, "dist", "ui", "terminal-early-input.js")).href;
    // The hold's guard restores the mode on the signal, as it does for the chat entry.
    s.type(`node -e 'import("${hold}").then((m) => { m.holdEarlyInput(); process.kill(process.pid, "SIGTERM"); })'; echo rc=$?`);
    s.keys("Enter");
    const lines = await s.waitFor("the exit code", (l) => l.some((x) => x.startsWith("rc=")));
    const at = lines.findIndex((x) => x.startsWith("rc="));
    expect(lines.slice(at - 1, at + 1)).toEqual(["librecode: terminated by SIGTERM", "rc=143"]);
    expect(await ttyFlags(s)).toEqual(["icrnl", "echo"]);
  });
});
