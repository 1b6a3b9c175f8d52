import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExtensionHost } from "../../lua/extension-host.js";
import { tempTree } from "../support/temp-tree.js";
import { project } from "./agent-fixture.js";
import { screenChat, type ScreenChat } from "./picker-fixture.js";

// Two models of a provider only this test configures, so the lists below do not follow the catalog.
const OTHER = ["  other:", "    api: anthropic-messages", "    base_url: http://127.0.0.1:9", "    models: [big-model, small-model]"].join("\n");
const MINUTE = 60_000;

/** The chat with its clock at `clock.t` (each session stamped when made). */
function chatAt(width = 70, height = 16): { c: ScreenChat; clock: { t: number; now(): number } } {
  const clock = { t: Date.UTC(2026, 0, 2, 3, 4), now: () => clock.t };
  return { c: screenChat(project("http://127.0.0.1:9", OTHER), width, height, clock), clock };
}

/** The screen with session ids replaced by names, and without the status line (it holds a temp path). */
function screen(c: ScreenChat, ids: Record<string, string> = {}): string[] {
  return c.screen().slice(0, -1).map((l) => Object.entries(ids).reduce((s, [id, name]) => s.split(id).join(name.padEnd(id.length)), l));
}

const EMPTY_COMPOSER = [
  "╭─ message ──────────────────────────────────────────────────────────╮",
  "│ Type a message (/ for commands)                                    │",
  "╰────────────────────────────────────────────────────────────────────╯",
];

describe("/model without arguments", () => {
  it("offers every configured model with its context, the current one selected", () => {
    const { c } = chatAt();
    c.type("/model<cr>");
    const lines = screen(c);
    const total = c.chat.picker.isOpen ? (c.rt.buffers.get("picker")!.metadata.picker as { total: number }).total : 0;
    expect(lines[2]).toBe("    ╭─ model (now local/m1) ──────────────────────────────────────╮   ");
    expect(lines[3]).toBe(`    │ > type to filter${`${total}/${total}`.padStart(43)} │   `);
    expect(lines.slice(11, 15)).toEqual([
      "    │   ollama                                  its default model │   ",
      "╭─ m│   script/demo                             200k context      │──╮",
      "│ Ty│ › local/m1                                33k context       │  │",
      "╰───╰─────────────────────────────────────────────────────────────╯──╯",
    ]);
  });

  it("filters as you type; enter switches to the chosen model and the picker goes", () => {
    const { c } = chatAt();
    c.type("/model<cr>other");
    expect(screen(c).slice(3, 6)).toEqual([
      expect.stringMatching(/^ {4}│ > other {40,}2\/\d+ │ {3}$/),
      "    │ › other/big-model    33k context                            │   ",
      "    │   other/small-model  33k context                            │   ",
    ]);
    c.type("<down><cr>");
    expect(c.loop.model.label).toBe("other/small-model");
    expect(c.rt.focus).toBe("composer");
    expect(screen(c).slice(10)).toEqual([" ".repeat(70), "Model: other/small-model".padEnd(70), ...EMPTY_COMPOSER]);
  });

  it("escape leaves the model as it was", () => {
    const { c } = chatAt();
    c.type("/model<cr>other<esc>");
    expect(c.loop.model.label).toBe("local/m1");
    expect(screen(c).slice(0, 12).every((l) => l.trim() === "")).toBe(true);
  });
});

/** Two earlier sessions in the project: "refactor" (named, one prompt) and an unnamed newer one. */
function twoSessions(c: ScreenChat, clock: { t: number }) {
  const cwd = c.loop.session.cwd;
  clock.t += MINUTE;
  const named = c.store.create({ cwd, name: "refactor" });
  c.store.appendMessage(named.id, { kind: "user", text: "rename the parser module\nand fix imports" });
  clock.t += MINUTE;
  const newer = c.store.create({ cwd });
  c.store.appendMessage(newer.id, { kind: "user", text: "why does the build fail on node 20 when the lockfile is fresh?" });
  c.store.appendMessage(newer.id, { kind: "assistant", text: "Because of X." });
  return { named, newer };
}

describe("/resume without arguments", () => {
  it("offers the other sessions of this directory, newest first, by name and first prompt", () => {
    const { c, clock } = chatAt();
    twoSessions(c, clock);
    c.type("/resume<cr>");
    expect(screen(c).slice(6, 11)).toEqual([
      "    ╭─ resume a session ──────────────────────────────────────────╮   ",
      "    │ > type to filter                                        2/2 │   ",
      "    │ › why does the build fail on node 20 when the lockfile is … │   ",
      "    │   refactor: rename the parser module and fix imports  1 ms… │   ",
      "    ╰─────────────────────────────────────────────────────────────╯   ",
    ]);
  });

  it("matches words of the first prompt; enter opens that session with its transcript", () => {
    const { c, clock } = chatAt(90);
    const { named } = twoSessions(c, clock);
    c.type("/resume<cr>parser");
    expect(screen(c).slice(7, 9)).toEqual([
      "     │ > parser                                                                  1/2 │    ",
      "     │ › refactor: rename the parser module and fix imports  1 msg · 2026-01-02 03:… │    ",
    ]);
    c.type("<cr>");
    expect(c.loop.session.id).toBe(named.id);
    expect(screen(c, { [named.id]: "NAMED" }).slice(8, 12)).toEqual([
      " rename the parser module".padEnd(90),
      " and fix imports".padEnd(90),
      " ".repeat(90),
      `Resumed session NAMED        "refactor".`.padEnd(90),
    ]);
  });

  it("says so when there is no other session", () => {
    const { c } = chatAt();
    c.type("/resume<cr>");
    expect(c.chat.picker.isOpen).toBe(false);
    expect(screen(c)[11]).toBe("No other sessions in this directory.".padEnd(70));
  });
});

describe("/tree without arguments", () => {
  it("shows the fork tree with this session selected; enter moves to another branch", () => {
    const { c, clock } = chatAt();
    const { named } = twoSessions(c, clock);
    c.type("/resume<cr>parser<cr>");
    clock.t += MINUTE;
    c.type("/clone<cr>");
    clock.t += MINUTE;
    const other = c.store.fork(named.id, { name: "other try" });
    c.type("/tree<cr>");
    expect(screen(c).slice(5, 11)).toEqual([
      "    ╭─ session tree ──────────────────────────────────────────────╮   ",
      "    │ > type to filter                                        3/3 │   ",
      "    │   refactor: rename the parser module and fix imports  1 ms… │   ",
      " ren│ › ├─ rename the parser module and fix imports  this sessio… │   ",
      " and│   └─ other try: rename the parser module and fix imports  … │   ",
      "    ╰─────────────────────────────────────────────────────────────╯   ",
    ]);
    c.type("<down><cr>");
    expect(c.loop.session.id).toBe(other.id);
    expect(screen(c, { [other.id]: "OTHER" })[11]).toBe(`Resumed session OTHER        "other try".`.padEnd(70));
  });

  it("enter on this session stays and says so", () => {
    const { c } = chatAt();
    c.type("/tree<cr><cr>");
    expect(screen(c, { [c.loop.session.id]: "THIS" })[11]).toBe("Already in session THIS        .".padEnd(70));
  });
});

describe("action.run(\"transcript.tree\") from an extension", () => {
  it("opens the /tree picker, as the original opened its tree panel", () => {
    const { c } = chatAt();
    const dir = tempTree({ "tree-key.lua": [
      'local lc = require("librecode")',
      'lc.keymap.set({ focus = "composer" }, "<C-g>", function() lc.log(tostring(lc.action.run("transcript.tree"))) end)',
    ].join("\n") });
    const logged: string[] = [];
    new ExtensionHost(c.rt, { cwd: dir, home: dir, onLog: (_ext, text) => logged.push(text) }).loadPaths([path.join(dir, "tree-key.lua")]);
    c.type("<C-g>");
    expect(logged).toEqual(["true"]);
    expect(c.rt.focus).toBe("picker");
    expect(screen(c, { [c.loop.session.id]: "THIS" }).slice(6, 10)).toEqual([
      "    ╭─ session tree ──────────────────────────────────────────────╮   ",
      "    │ > type to filter                                        1/1 │   ",
      "    │ › THIS          this session · 0 msgs · 2026-01-02 03:04 ·… │   ",
      "    ╰─────────────────────────────────────────────────────────────╯   ",
    ]);
    c.type("<cr>");
    expect(c.rt.focus).toBe("composer");
  });
});
