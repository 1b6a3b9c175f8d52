import fs from "node:fs";
import path from "node:path";
import { hashTree } from "../../engine/extensions/store.js";
import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { loadLayoutFile } from "../../engine/kernel/layout-file.js";
import { discoverExtensions } from "../../lua/extension-discovery.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { parseSource } from "../../lua/extension-manifest.js";
import { registerLuaLayoutLoader } from "../../lua/lua-layout-file.js";
import { tempTree } from "./harness.js";

const mark = (tag: string) => `require("librecode").buf.append("log", "${tag} ")`;

function hostIn(dir: string) {
  const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
  const host = new ExtensionHost(rt, { cwd: dir, home: path.join(dir, "home") });
  return { rt, host, errors: () => rt.errors.map(formatExtensionError) };
}

describe("discovery", () => {
  it("takes every *.lua recursively, skips lua/ dirs, and a subdir with init.lua is one extension", () => {
    const dir = tempTree({
      "exts/b.lua": "", "exts/a.lua": "", "exts/sub/c.lua": "", "exts/lua/helper.lua": "",
      "exts/pkg/init.lua": "return {}", "exts/pkg/main.lua": "", "exts/pkg/inner.lua": "", "exts/notes.txt": "",
    });
    const [d] = discoverExtensions([parseSource("path:exts", "use[1]")], dir, dir);
    expect(d!.candidates.map((c) => [c.kind, path.relative(dir, c.file), c.name])).toEqual([
      ["file", "exts/a.lua", "a"], ["file", "exts/b.lua", "b"], ["manifest", "exts/pkg/init.lua", "pkg"], ["file", "exts/sub/c.lua", "c"],
    ]);
  });

  it("a path: directory with init.lua is one extension; a path: file is one extension", () => {
    const dir = tempTree({ "one/init.lua": "return {}", "one/main.lua": "", "one/x.lua": "", "single.lua": "" });
    const ds = discoverExtensions([parseSource("path:one", "use[1]"), parseSource("path:single.lua", "use[2]")], dir, dir);
    expect(ds.map((d) => d.candidates.map((c) => [c.kind, path.relative(dir, c.file)]))).toEqual([[["manifest", "one/init.lua"]], [["file", "single.lua"]]]);
  });

  it("loads a file reached through a symlink once", () => {
    const dir = tempTree({ "exts/a.lua": "" });
    fs.symlinkSync(path.join(dir, "exts/a.lua"), path.join(dir, "exts/z-link.lua"));
    fs.symlinkSync(path.join(dir, "exts"), path.join(dir, "again"));
    const ds = discoverExtensions([parseSource("path:exts", "use[1]"), parseSource("path:again", "use[2]")], dir, dir);
    expect(ds.map((d) => d.candidates.map((c) => path.relative(dir, c.file)))).toEqual([["exts/a.lua"], []]);
  });

  it("resolves official: and github: sources to the commit the lock pins in the store under LIBRECODE_HOME", () => {
    const c1 = "1".repeat(40);
    const c2 = "2".repeat(40);
    const dir = tempTree({ [`home/extensions/store/official/vim/${c1}/init.lua`]: "return {}", [`home/extensions/store/github/me/tools/-/pkg/${c2}/t.lua`]: "" });
    const home = path.join(dir, "home");
    const entry = (commit: string, d: string) => ({ requested: "", tag: "", commit, hash: hashTree(d) });
    fs.writeFileSync(path.join(home, "extensions.lock"), JSON.stringify({ lockfile_version: 1, extensions: {
      "official:vim": entry(c1, path.join(home, `extensions/store/official/vim/${c1}`)),
      "github:me/tools//pkg": entry(c2, path.join(home, `extensions/store/github/me/tools/-/pkg/${c2}`)),
    } }));
    const ds = discoverExtensions([parseSource("official:vim", "use[1]"), parseSource("github:me/tools//pkg", "use[2]"), parseSource("github:me/none", "use[3]")], dir, home);
    expect(ds.map((d) => [d.status, d.candidates.map((c) => [c.name, path.relative(dir, c.file)])])).toEqual([
      ["found", [["vim", `home/extensions/store/official/vim/${c1}/init.lua`]]], ["found", [["t", `home/extensions/store/github/me/tools/-/pkg/${c2}/t.lua`]]], ["missing", []],
    ]);
  });

  it("rejects bad sources as config errors", () => {
    expect(() => parseSource("ftp:x", "use[1]")).toThrow(`extensions: use[1]: expected a source path:, official:, github: or git:, got "ftp:x"`);
    expect(() => parseSource("path:", "use[2]")).toThrow(`extensions: use[2]: expected a value after "path:", got "path:"`);
    expect(() => parseSource("path:../x", "use[3]")).toThrow(`extensions: use[3]: expected no "." or ".." path segments, got "path:../x"`);
    expect(() => parseSource("official:a/b", "use[4]")).toThrow(`extensions: use[4]: expected an official extension name without "/", got "official:a/b"`);
    expect(parseSource({ source: "github:o/r//sub", version: "v1" }, "use[5]")).toEqual({ raw: "github:o/r//sub", scheme: "github", value: "o/r//sub", version: "v1" });
  });
});

describe("loading", () => {
  it("loads in use order, then by path, one state per extension", () => {
    const dir = tempTree({
      "first/b.lua": `${mark("b")} shared = "b"`, "first/a.lua": `${mark("a")} shared = "a"`,
      "second/c.lua": `${mark("c")} require("librecode").buf.append("log", tostring(shared))`,
    });
    const { rt, host } = hostIn(dir);
    host.loadUse(["path:second", "path:first"]);
    expect(rt.buffers.getText("log")).toBe("c nila b ");
  });

  it("reads the manifest, runs its entry, and calls a returned function with the module (setup style)", () => {
    const dir = tempTree({
      "ext/pkg/init.lua": `return {name = "pkg-x", version = "1.0", api_version = "1", description = "d", entry = "src/start.lua"}`,
      "ext/pkg/src/start.lua": `local util = require("util") return function(lc) lc.buf.set_text("log", util.greet() .. (lc == librecode and " same" or " other")) end`,
      "ext/pkg/util.lua": `return {greet = function() return "hi" end}`,
    });
    const { rt, host, errors } = hostIn(dir);
    host.loadUse(["path:ext"]);
    expect(errors()).toEqual([]);
    expect(rt.buffers.getText("log")).toBe("hi same");
    expect(host.extensions().map((e) => [e.name, e.manifest])).toEqual([["pkg-x", { name: "pkg-x", version: "1.0", apiVersion: "1", description: "d", entry: "src/start.lua" }]]);
  });

  it("a broken manifest next to a good extension fails only itself", () => {
    const dir = tempTree({
      "ext/bad/init.lua": `return {name = "bad", entry = "../escape.lua"}`,
      "ext/good.lua": `${mark("good")} require("librecode").register_command("hello", "", function() return "hi" end)`,
      "ext/syntax.lua": `${mark("syntax")} this is not lua`,
      "ext/throws.lua": `require("librecode").register_command("gone", "", function() end) error("load boom")`,
    });
    const { rt, host, errors } = hostIn(dir);
    host.loadUse(["path:ext"]);
    expect(rt.buffers.getText("log")).toBe("good ");
    expect(host.list().map((s) => [s.source, s.status, s.reason])).toEqual([
      ["path:ext", "failed", `bad: manifest: init.lua: entry: expected a relative path without .., got "../escape.lua"`],
    ]);
    expect(host.list()[0]!.extensions.map((e) => [e.name, e.status, e.reason, e.commands])).toEqual([
      ["bad", "failed", `manifest: init.lua: entry: expected a relative path without .., got "../escape.lua"`, []],
      ["good", "loaded", "", ["hello"]],
      ["syntax", "failed", "syntax.lua:1: syntax error near 'is'", []],
      ["throws", "failed", "throws.lua:1: load boom", []],
    ]);
    expect(errors().map((e) => e.split("\n")[0])).toEqual([
      `extension bad: load failed: manifest: init.lua: entry: expected a relative path without .., got "../escape.lua"`,
      "extension syntax: load failed: syntax.lua:1: syntax error near 'is'",
      "extension throws: load failed: throws.lua:1: load boom",
    ]);
  });

  it("lists missing and misconfigured sources and what each extension registered", () => {
    const dir = tempTree({
      "ext/a.lua": `local lc = require("librecode")
lc.keymap.set({focus = "composer"}, "<c-k>", function() end, {desc = "kill"})
lc.on("tick", {priority = 2}, function() end)
lc.register_tool("t1", "", function() return "" end)
lc.timer.interval(1000, function() end)`,
    });
    const { host } = hostIn(dir);
    host.loadUse(["path:ext", "path:nowhere", "bogus:x"]);
    const [ok, missing, bad] = host.list();
    expect(ok!.extensions[0]).toMatchObject({
      name: "a", status: "loaded", commands: [], tools: ["t1"], keymaps: [{ target: "focus=composer", lhs: "ctrl+k", desc: "kill" }],
      handlers: [{ event: "tick", priority: 2 }], timers: 1,
    });
    expect(typeof ok!.extensions[0]!.luaMs).toBe("number");
    expect([missing!.status, missing!.reason]).toEqual(["missing", `not found: ${path.join(dir, "nowhere")}`]);
    expect([bad!.status, bad!.reason]).toEqual(["failed", `extensions: use[2]: expected a source path:, official:, github: or git:, got "bogus:x"`]);
  });

  it("gives two extensions of the same name distinct owners", () => {
    const dir = tempTree({ "x/tool.lua": mark("1"), "y/tool.lua": mark("2") });
    const { host } = hostIn(dir);
    host.loadUse(["path:x", "path:y"]);
    expect(host.extensions().map((e) => e.name)).toEqual(["tool", "tool-2"]);
  });

  it("has a working io and os in extensions (trusted local code)", () => {
    const dir = tempTree({});
    const out = path.join(dir, "out.txt");
    fs.mkdirSync(path.join(dir, "ext"));
    fs.writeFileSync(path.join(dir, "ext/io.lua"),
      `local f = io.open(${JSON.stringify(out)}, "w") f:write("written") f:close() require("librecode").buf.set_text("log", os.getenv("HOME") and "env" or "noenv")`);
    const { rt, host } = hostIn(dir);
    host.loadUse(["path:ext"]);
    expect(fs.readFileSync(out, "utf8")).toBe("written");
    expect(rt.buffers.getText("log")).toBe("env");
  });
});

describe("Lua layout files", () => {
  it("reads a .lua layout file that returns the table", () => {
    registerLuaLayoutLoader();
    const dir = tempTree({ "l.lua": `local h = 1 return {direction = "column", children = {{window = "transcript", grow = 1}, {window = "status", height = h}}}` });
    expect(loadLayoutFile(path.join(dir, "l.lua"))).toEqual({ direction: "column", children: [{ window: "transcript", grow: 1 }, { window: "status", height: 1 }] });
  });
});
