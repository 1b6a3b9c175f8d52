import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, scratch } from "../cli/run-cli.js";
import { TmuxSession } from "./tmux-session.js";

let session: TmuxSession | undefined;

beforeAll(() => ensureBuilt(), 120000);
afterEach(() => session?.kill());

describe("a chat killed by SIGKILL (tmux)", () => {
  it("leaves the terminal broken, and the next start restores the main screen, the cursor and the modes", async () => {
    const dir = scratch({ ".librecode/config.yaml": "ui:\n  mouse: true\n" });
    session = new TmuxSession(100, 30, {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color",
      PS1: "$ ", LIBRECODE_ASSISTANT_PROVIDER: "script",
    }, dir.cwd);
    const s = session;
    const modes = () => s.tmux("display", "-p", "-t", "e2e", "alternate=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}").trim();
    await s.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
    s.type("echo before-the-chat");
    s.keys("Enter");
    await s.waitFor("the echo", (l) => l.includes("before-the-chat"));
    s.type(BIN);
    s.keys("Enter");
    await s.waitFor("the composer", (l) => l.some((x) => x.includes("Type a message")));
    const markers = readdirSync(join(dir.home, "run"));
    expect(markers).toHaveLength(1);
    const { pid } = JSON.parse(readFileSync(join(dir.home, "run", markers[0]!), "utf8")) as { pid: number };
    process.kill(pid, "SIGKILL");
    // bash reports the kill and prints its prompt over the chat's last frame, on the alternate screen.
    await s.waitFor("the shell prompt over the dead chat", (l) => l.some((x) => x.includes("Killed")) && l.some((x) => x.startsWith("$ ")));
    expect(modes()).toMatch(/^alternate=1 cursor=[01] mouse=1$/);

    // A start that fails before taking the terminal still repairs it first. The chat asked the
    // terminal for its keyboard protocol at start; an answer it had no time to read is still in the
    // tty and reaches bash as typed text ("1;2c"): ctrl+u clears it from the command line first.
    s.keys("C-u");
    s.type(`${BIN} --provider nope; echo rc=$?`);
    s.keys("Enter");
    const lines = await s.waitFor("the exit code", (l) => l.some((x) => x.startsWith("rc=")));
    expect(modes()).toBe("alternate=0 cursor=1 mouse=0");
    expect(lines.some((x) => x.includes("before-the-chat"))).toBe(true);
    expect(lines).toContain(`librecode: the chat with pid ${pid} was killed without restoring this terminal; restored it`);
    expect(readdirSync(join(dir.home, "run"))).toEqual([]);
  });
});
