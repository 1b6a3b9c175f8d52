import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { tempTree } from "./harness.js";

const EXAMPLES = path.resolve("examples/extensions");

function load(name: string, width = 100, height = 30) {
  const rt = new Runtime({ clock: new FakeClock(), width, height, cwd: process.cwd() });
  const host = new ExtensionHost(rt, { home: "/nonexistent" });
  host.loadPaths([path.join(EXAMPLES, name)]);
  const type = (keys: string) => {
    for (const k of parseKeys(keys)) rt.dispatchKey(k);
  };
  return { rt, host, type, errors: () => rt.errors.map(formatExtensionError) };
}

describe("examples/extensions/split-pane", () => {
  it("puts notes beside the transcript, switches focus with alt+n and appends with /note", async () => {
    const { rt, host, type, errors } = load("split-pane");
    expect(errors()).toEqual([]);
    const box = (n: string) => { const b = rt.windows.get(n)!.box; return [b.x, b.y, b.width, b.height]; };
    expect([box("transcript"), box("notes"), box("composer"), box("status")]).toEqual([[0, 0, 70, 24], [70, 0, 30, 24], [0, 24, 100, 5], [0, 29, 100, 1]]);
    type("<m-n>");
    expect(rt.focus).toBe("notes");
    type("todo<cr>x<bs>y");
    type("<m-n>");
    expect(rt.focus).toBe("composer");
    expect(await host.runCommand("note", "ship it")).toEqual({ ok: true, output: "noted" });
    expect(rt.buffers.getText("notes")).toBe("todo\ny\nship it");
  });
});

describe("examples/extensions/reskin", () => {
  it("takes over the status line and composer and paints them on render", () => {
    const { rt, errors } = load("reskin", 40, 10);
    rt.buffers.setText("composer", "hello");
    rt.emit("render", { width: 40, height: 10 });
    expect(errors()).toEqual([]);
    expect([rt.windows.get("status")!.renderer, rt.windows.get("composer")!.renderer]).toEqual(["extension", "extension"]);
    const status = rt.draw.ops("status");
    // Drawn by a render handler: marked to last one frame.
    expect(status[0]).toEqual({ kind: "clear_window", window: "status", frame: true, owner: "reskin" });
    expect(status.find((o) => o.kind === "spans")).toMatchObject({ spans: [{ text: " ◆ librecode · ready".padEnd(32), style: { fg: "accent", bg: "selectedBg", bold: true } }, { text: "5 chars " }] });
    const composer = rt.draw.ops("composer");
    expect(composer.map((o) => o.kind)).toEqual(["clear_window", "box", "text", "text", "cursor"]);
    expect(composer[3]).toMatchObject({ kind: "text", row: 1, col: 2, text: "hello" });
    expect(composer[4]).toEqual({ kind: "cursor", window: "composer", row: 1, col: 7, frame: true, owner: "reskin" });
  });
});

describe("examples/extensions/modal-editor", () => {
  it("edits the composer with insert and normal mode motions and operators", () => {
    const { rt, type, errors } = load("modal-editor");
    type("hello brave world");
    expect(rt.buffers.get("composer")).toMatchObject({ text: "hello brave world", cursor: 17, label: "INSERT" });
    type("<esc>");
    expect(rt.buffers.get("composer")).toMatchObject({ cursor: 16, label: "NORMAL" });
    type("0w");
    expect(rt.buffers.getCursor("composer")).toBe(6);
    type("dw");
    expect(rt.buffers.getText("composer")).toBe("hello world");
    type("$x");
    expect(rt.buffers.getText("composer")).toBe("hello worl");
    type("0cwbye<esc>");
    expect(rt.buffers.getText("composer")).toBe("bye worl");
    type("Ad<esc>");
    expect(rt.buffers.getText("composer")).toBe("bye world");
    type("yyp");
    expect(rt.buffers.getText("composer")).toBe("bye worldbye world");
    type("dd");
    expect(rt.buffers.get("composer")).toMatchObject({ text: "", cursor: 0 });
    expect(errors()).toEqual([]);
  });

  it("runs actions: enter submits, k and j walk the history", () => {
    const { rt, type } = load("modal-editor");
    const ran: string[] = [];
    for (const a of ["submit", "history.prev", "history.next"]) rt.actions.register(a, () => ran.push(a));
    type("hi<cr><esc>kj");
    expect(ran).toEqual(["submit", "history.prev", "history.next"]);
  });

  it("lets the host handle keys it does not know in insert mode", () => {
    const { rt } = load("modal-editor");
    let fallback = 0;
    rt.setKeyFallback(() => fallback++);
    expect(rt.dispatchKey(keyEvent("ctrl+l", { ctrl: true }))).toBe(false);
    expect(fallback).toBe(1);
  });
});

describe("examples/extensions/redact-tool", () => {
  it("registers a model-visible Lua tool and redacts secrets in tool results", async () => {
    const { rt, host } = load("redact-tool");
    const dir = tempTree({ ".env": "# comment\nAPI_KEY=sk-live-123abc\nNAME=demo\n" });
    const tool = rt.tools.get("read_env")!;
    expect(tool.schema).toEqual({ type: "object", properties: { path: { type: "string", description: "file to read" } }, required: ["path"] });
    const result = await tool.run({ path: path.join(dir, ".env") }, { cwd: dir, signal: new AbortController().signal });
    expect(result).toEqual({ content: "API_KEY=sk-live-123abc\nNAME=demo", details: { ok: true, keys: 2 } });
    const payload: Record<string, unknown> = { name: "read_env", content: result.content };
    rt.emit("tool_result", payload);
    expect(payload.content).toBe("API_KEY=[redacted]\nNAME=demo");
    expect(host.extensions()[0]!.logs).toEqual(["redacted 1 secret(s) from read_env"]);
  });
});
