import { writeFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, scratch } from "../cli/run-cli.js";
import { TmuxSession } from "./tmux-session.js";

let session: TmuxSession | undefined;

beforeAll(() => ensureBuilt(), 120000);
afterEach(() => session?.kill());

const badge = (text: string) => `librecode.on("render", function() librecode.ui.draw_text("status", 0, 0, "${text}") end)\n`;

describe("extensions.watch in a real terminal (tmux)", () => {
  it("a saved change shows on screen without a restart; a broken save shows its error, the fix brings it back", async () => {
    const dir = scratch({ ".librecode/config.yaml": "extensions:\n  watch: true\n", ".librecode/extensions/badge.lua": badge("badge one") });
    session = new TmuxSession(100, 30, {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir.root, LIBRECODE_HOME: dir.home, TERM: "xterm-256color",
      PS1: "$ ", LIBRECODE_ASSISTANT_PROVIDER: "script",
    }, dir.cwd);
    const s = session;
    await s.waitFor("the shell prompt", (l) => l.some((x) => x.startsWith("$")));
    s.type(BIN);
    s.keys("Enter");
    await s.waitFor("the first badge", (l) => l[29]!.startsWith("badge one"));
    s.type("a draft");
    await s.waitFor("the draft", (l) => l.some((x) => x.includes("│ a draft")));

    writeFileSync(dir.path(".librecode/extensions/badge.lua"), badge("badge two"));
    let lines = await s.waitFor("the reloaded badge", (l) => l[29]!.startsWith("badge two"));
    expect(lines.filter((x) => x.startsWith("Reloaded badge."))).toHaveLength(1);
    // The composer's buffer stays.
    expect(lines.some((x) => x.includes("│ a draft"))).toBe(true);

    writeFileSync(dir.path(".librecode/extensions/badge.lua"), "librecode.on(\n");
    lines = await s.waitFor("the load error", (l) => l.some((x) => x.includes("extension badge: load failed: badge.lua:2: unexpected symbol near <eof>")));
    expect(lines[29]!.startsWith("badge")).toBe(false);

    writeFileSync(dir.path(".librecode/extensions/badge.lua"), badge("badge three"));
    lines = await s.waitFor("the fixed badge", (l) => l[29]!.startsWith("badge three"));
    expect(lines.filter((x) => x.startsWith("Reloaded badge."))).toHaveLength(2);
    s.keys("C-c", "C-c", "C-c");
    await s.waitFor("the shell prompt after quitting", (l) => l.filter((x) => x.trim() !== "").at(-1)!.trim() === "$");
  });
});
