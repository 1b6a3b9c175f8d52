import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TmuxSession } from "../e2e/tmux-session.js";
import { BIN, ensureBuilt, scratch } from "./run-cli.js";

let session: TmuxSession | undefined;
beforeAll(() => ensureBuilt(), 120000);
afterEach(() => session?.kill());

describe("the interactive chat with an unopenable librecode.db", () => {
  it("prints one line naming the path and exits 1 before it takes the terminal", async () => {
    const dir = scratch();
    mkdirSync(join(dir.home, "librecode.db"));
    session = new TmuxSession(220, 20, {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color",
      PS1: "$ ", LIBRECODE_ASSISTANT_PROVIDER: "script",
    }, dir.cwd);
    await session.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
    session.type(`${BIN}; echo "exit=$?"`);
    session.keys("Enter");
    const lines = await session.waitFor("the exit code", (l) => l.some((x) => x.startsWith("exit=")));
    const at = lines.findIndex((x) => x.startsWith("$ "));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      `librecode: session: ${join(dir.home, "librecode.db")}: cannot open the database: it is a directory`,
      "exit=1",
    ]);
  });
});
