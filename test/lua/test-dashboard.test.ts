// examples/extensions/test-dashboard in bare mode, driven with real shell commands standing in for
// a project's test command: one that passes, one that fails, one that runs until stopped.
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { bareFixture } from "../snapshots/screen-fixture.js";
import { tempTree } from "../support/temp-tree.js";

const EXAMPLE = path.resolve("examples/extensions/test-dashboard");
const KEYS = "r re-run · s stop · ↑↓ scroll ";

/** The dashboard at 60x8 in a scratch directory, `command` as its setting (none when undefined). */
function dashboard(command: unknown, files: Record<string, string> = {}) {
  const cwd = tempTree(files);
  const settings: Record<string, Record<string, unknown>> = command === undefined ? {} : { "test-dashboard": { command } };
  const f = bareFixture({ width: 60, height: 8, extensions: [EXAMPLE], settings, cwd });
  const settled = () => vi.waitFor(() => expect(f.rt.jobs.size).toBe(0), { timeout: 5000 });
  return { ...f, settled };
}

describe("test-dashboard: a run", () => {
  it("runs the command at start; a passing one shows its output, PASS, the exit code and the counts", async () => {
    const d = dashboard("sh t.sh", { "t.sh": "echo 'adds ... ok'; echo 'divides ... ok'; echo '2 passed'" });
    expect(d.frame()[7]).toBe(` ● RUNNING 0.0 s              ${KEYS}`);
    await d.settled();
    expect(d.frame()).toEqual([
      "╭─ tests: sh t.sh ────────────────────────────────── pass ─╮",
      "│ adds ... ok                                              │",
      "│ divides ... ok                                           │",
      "│ 2 passed                                                 │",
      "│                                                          │",
      "│                                                          │",
      "╰──────────────────────────────────────────────────────────╯",
      " ✔ PASS exit 0 · 2 passed · 0.0 s                           ",
    ]);
    expect(d.rt.errors).toEqual([]);
  });

  it("a failing command shows FAIL with its exit code, stderr in the output", async () => {
    const d = dashboard("echo 'divides: expected 2, got 3' >&2; exit 3");
    await d.settled();
    const screen = d.frame();
    expect([screen[1], screen[7]]).toEqual([
      "│ divides: expected 2, got 3                               │",
      ` ✘ FAIL exit 3 · 0.0 s        ${KEYS}`,
    ]);
  });

  it("without a setting it runs npm test", async () => {
    const d = dashboard(undefined, { "package.json": JSON.stringify({ name: "demo", scripts: { test: "echo from-npm-test" } }) });
    await d.settled();
    const screen = d.frame();
    expect(screen.slice(0, 6)).toEqual([
      "╭─ tests: npm test ───────────────────────────────── pass ─╮",
      "│                                                          │",
      "│ > test                                                   │",
      "│ > echo from-npm-test                                     │",
      "│                                                          │",
      "│ from-npm-test                                            │",
    ]);
  });
});

describe("test-dashboard: keys", () => {
  it("r runs the command again and shows only the new run's output", async () => {
    const d = dashboard("n=$(cat runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > runs; echo run $n");
    await d.settled();
    expect(d.frame()[1]).toBe("│ run 1                                                    │");
    expect(d.frame("r").slice(0, 2)).toEqual([
      "╭─ tests: n=$(cat runs 2>/dev/null || echo 0); n… running ─╮",
      "│ (no output yet)                                          │",
    ]);
    await d.settled();
    expect(d.frame().slice(1, 3)).toEqual([
      "│ run 2                                                    │",
      "│                                                          │",
    ]);
  });

  it("s stops a running command: its output so far stays, STOPPED with the signal", async () => {
    const d = dashboard("echo started; sleep 30");
    await vi.waitFor(() => expect(d.frame()[1]).toBe("│ started                                                  │"), { timeout: 5000 });
    expect(d.frame()[7]).toBe(` ● RUNNING 0.0 s              ${KEYS}`);
    d.frame("s");
    await d.settled();
    const screen = d.frame();
    expect(screen.slice(0, 2)).toEqual([
      "╭─ tests: echo started; sleep 30 ──────────────── stopped ─╮",
      "│ started                                                  │",
    ]);
    // The time is fake time, and waiting for the output above painted frames that advanced it.
    expect(screen[7]).toMatch(new RegExp(`^ ■ STOPPED SIGTERM · 0\\.\\d s    ${KEYS}$`));
  });
});

describe("test-dashboard: setting and mode", () => {
  it("a command that is neither a shell line nor a list of strings is named on screen, and nothing runs", () => {
    const d = dashboard(42);
    expect(d.rt.jobs.size).toBe(0);
    expect(d.frame().slice(0, 3).concat(d.frame()[7]!)).toEqual([
      "╭─ tests: not configured ─────────────────────────── idle ─╮",
      "│ extensions.settings.test-dashboard.command: expected a   │",
      "│ shell command or a list of strings, got number           │",
      " ◌ IDLE fix the setting and restart                         ",
    ]);
  });

  it("in the chat it changes nothing and says it needs bare mode", () => {
    const rt = new Runtime({ clock: new FakeClock(), width: 60, height: 8 });
    const stockWindows = rt.windows.list();
    new ExtensionHost(rt, { home: "/nonexistent", settings: { "test-dashboard": { command: "echo no" } } }).loadPaths([EXAMPLE]);
    rt.emit("startup", { width: 60, height: 8 });
    expect([rt.windows.list(), rt.jobs.size]).toEqual([stockWindows, 0]);
    expect(rt.log.entries().map((e) => e.text)).toEqual(["test-dashboard: runs in bare mode only (librecode --bare); doing nothing in the chat"]);
  });
});
