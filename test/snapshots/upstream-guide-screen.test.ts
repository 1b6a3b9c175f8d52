// The original librecode's extension guide, every terminal example run verbatim (the files in
// test/fixtures/upstream/): what the screen shows, and what the API gives back.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lcRuntime } from "../lua/harness.js";
import { screenLines } from "./screen-fixture.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/upstream");
const ext = (...names: string[]) => names.map((n) => join(FIXTURES, n));
const EMPTY = " ".repeat(40);

describe("the original's guide, terminal examples on screen", () => {
  it("keymap.set: ctrl+j in the composer shows its buf.set_text(status, ...) in the status line", () => {
    expect(screenLines({ width: 40, height: 8, extensions: ext("keymaps.lua"), keys: "hi<c-j>" })).toEqual([
      EMPTY, EMPTY, EMPTY, EMPTY,
      "╭─ message ────────────────────────────╮",
      "│ hi                                   │",
      "╰──────────────────────────────────────╯",
      "ctrl+j pressed                          ",
    ]);
  });

  it("ui: a render handler that owns the composer paints it (each frame anew)", () => {
    expect(screenLines({ width: 40, height: 8, extensions: ext("render-composer.lua"), keys: "hi" })).toEqual([
      EMPTY, EMPTY, EMPTY, EMPTY,
      "╭──────────────────────────────────────╮",
      "│ custom composer                      │",
      "╰──────────────────────────────────────╯",
      "script (offline demo)       /srv/project",
    ]);
  });

  it("on(key, {priority = 100}) returning true swallows every key", () => {
    expect(screenLines({ width: 40, height: 8, extensions: ext("on-key-priority.lua"), keys: "hi" }).slice(4, 7)).toEqual([
      "╭─ message ────────────────────────────╮",
      "│ Type a message (/ for commands)      │",
      "╰──────────────────────────────────────╯",
    ]);
  });

  it("the example extension: <c-j> submits the composer", () => {
    expect(screenLines({ width: 40, height: 8, extensions: ext("example-extension.lua"), keys: "hi<c-j>" })).toEqual([
      EMPTY, EMPTY, EMPTY,
      " hi                                     ",
      "╭─ message ────────────────────────────╮",
      "│ Type a message (/ for commands)      │",
      "╰──────────────────────────────────────╯",
      "script (offline demo)       /srv/project",
    ]);
  });

  it("buf.append: text appended to the status shows, the block joins the transcript", () => {
    const lines = screenLines({ width: 40, height: 8, extensions: ext("buf-append.lua") });
    expect(lines.slice(2, 4)).toEqual(["tool finished                           ", EMPTY]);
    // Appended to the stock text, as the original appended to its status text.
    expect(lines[7]).toBe("script (offline demo) · /srv/projectwor…");
  });
});

describe("the original's guide, API examples", () => {
  it("buf.create, win.find/get_buf, create_namespace, commands, the directory extension", async () => {
    const { host, rt, run } = lcRuntime();
    host.loadPaths(ext("buf-create.lua", "win-find.lua", "create-namespace.lua", "register-command.lua", "create-user-command.lua", "my-workflow"));
    expect(rt.errors).toEqual([]);
    expect(run(`local b = lc.buf.get("notes") return b.text, b.cursor`)).toEqual(["hello from helpers", 18]);
    expect(await host.runCommand("hello", "world")).toEqual({ ok: true, output: "hello world" });
    expect(await host.runCommand("Hello")).toEqual({ ok: true, output: "hello" });
    expect(host.extensions().map((e) => e.name)).toContain("my-workflow");
  });

  it("layout.get() has the shape the guide shows", () => {
    const { run } = lcRuntime({ width: 120, height: 40 });
    const shape = run(`return dofile(${JSON.stringify(join(FIXTURES, "layout-get-shape.lua"))})`)[0] as { windows: { composer: object } };
    const got = run(`return lc.layout.get()`)[0] as { width: number; height: number; windows: { composer: Record<string, unknown> } };
    expect([got.width, got.height]).toEqual([120, 40]);
    expect(Object.keys(got.windows.composer)).toEqual(expect.arrayContaining(Object.keys(shape.windows.composer)));
    expect(got.windows.composer).toMatchObject({ role: "composer", buffer: "composer", x: 0, width: 120 });
  });

  it("the event table has every field of the guide's payload shape; draw_spans takes its spans", () => {
    const { run, rt } = lcRuntime();
    const keys = (t: unknown) => Object.keys(t as object).sort();
    run(`shape = dofile(${JSON.stringify(join(FIXTURES, "event-shape.lua"))})
         spans = dofile(${JSON.stringify(join(FIXTURES, "draw-spans-shape.lua"))})
         lc.on("key", function(ev)
           seen = {}
           for _, k in ipairs({"context", "focus", "composer"}) do seen[k] = {} for f in pairs(ev[k]) do seen[k][f] = true end end
           seen.top = {} for f in pairs(ev) do seen.top[f] = true end
           seen.transcript = ev.buffers.transcript.metadata
           lc.ui.draw_spans("composer", 0, 0, spans)
         end)`);
    rt.dispatchKey({ key: "ctrl+j", text: "", ctrl: true, alt: false, shift: false });
    const [shape, seen] = run(`return shape, seen`) as [Record<string, object>, Record<string, object>];
    for (const part of ["context", "focus", "composer"]) expect(keys(seen[part])).toEqual(expect.arrayContaining(keys(shape[part])));
    expect(keys(seen.top)).toEqual(expect.arrayContaining(keys(shape).filter((k) => k !== "data")));
    expect(keys(seen.transcript)).toEqual(["count", "snapshot_count", "snapshot_limit", "snapshot_start"]);
    expect(rt.draw.ops("composer").at(-1)).toMatchObject({ kind: "spans", spans: [{ text: "hot" }, { text: " cold" }] });
  });
});
