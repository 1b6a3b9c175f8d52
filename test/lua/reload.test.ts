import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commandFailureText } from "../../engine/kernel/command-registry.js";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost, formatExtensionError, type ReloadResult } from "../../lua/extension-host.js";
import { formatReload, registerReloadCommand } from "../../lua/extension-reload.js";
import { ExtensionWatcher } from "../../lua/extension-watch.js";
import { tempTree, withExtension } from "./harness.js";

// True once pid is gone (or only a zombie waiting for init to reap it).
function dead(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2] === "Z";
  } catch {
    return true;
  }
}

const V1 = `
local lc = require("librecode")
count = 41
lc.buf.create("notes", "kept text")
lc.win.create("notes", {buffer = "notes"})
lc.keymap.set("global", "ctrl+x", function() lc.buf.set_text("notes", "key") end)
lc.register_command("hello", "", function() return "v1 " .. count end)
lc.register_tool("t1", "a tool", function() return "x" end)
lc.timer.interval(1000, function() end)
lc.job.start("echo $$ > job.pid; exec sleep 30", {cwd = "."})
lc.ui.draw_text("status", 0, 0, "drawn by v1")
lc.on("startup", function() lc.log("v1 started") end)
`;

const V2 = `
local lc = require("librecode")
lc.register_command("hello", "", function() return "v2 " .. tostring(count) end)
lc.on("startup", function() lc.log("v2 started") end)
`;

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

describe("reloading an extension", () => {
  it("drops its handlers, keymaps, commands, tools, timers, jobs and drawings; buffers and windows stay", async () => {
    const { rt, host, dir } = withExtension(V1);
    const pidFile = path.join(dir, "job.pid");
    await until("the job's pid", () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8").trim() !== "");
    const jobPid = Number(fs.readFileSync(pidFile, "utf8"));
    rt.emit("startup", {});
    expect(rt.draw.ops("status").map((o) => o.kind === "text" && o.text)).toEqual(["drawn by v1"]);

    fs.writeFileSync(path.join(dir, "ext.lua"), V2);
    expect(host.reload("ext")).toEqual([{ name: "ext", change: "reloaded", ok: true, error: "" }]);

    expect(rt.keymaps.list().filter((k) => k.owner === "ext")).toEqual([]);
    expect(rt.tools.get("t1")).toBeUndefined();
    expect(rt.scheduler.live("ext")).toEqual([]);
    expect(rt.jobs.live("ext")).toEqual([]);
    expect(rt.draw.ops("status")).toEqual([]);
    await until("the old job's process to die", () => dead(jobPid));
    // A fresh state: v1's global is gone; the buffer and window it made stay.
    expect(await host.runCommand("hello")).toEqual({ ok: true, output: "v2 nil" });
    expect(rt.buffers.getText("notes")).toBe("kept text");
    expect(rt.windows.has("notes")).toBe(true);
    // Only the reloaded extension's `startup` runs again.
    expect(host.extensions()[0]!.logs).toEqual(["v2 started"]);
    expect(rt.log.entries().map((e) => e.text)).toEqual(["v1 started", "v2 started"]);
    rt.dispatchKey(keyEvent("x", { ctrl: true }));
    expect(rt.buffers.getText("notes")).toBe("kept text");
  });

  it("a failed reload leaves it off with its error; the next good file brings it back", async () => {
    const { rt, host, dir } = withExtension(V2);
    fs.writeFileSync(path.join(dir, "ext.lua"), `librecode.register_command("hello", "", function() return "half" end)\nlocal x = = 1\n`);
    expect(host.reload("ext")).toEqual([{ name: "ext", change: "reloaded", ok: false, error: "ext.lua:2: unexpected symbol near '='" }]);
    expect(rt.errors.map((e) => formatExtensionError(e).split("\n")[0])).toEqual(["extension ext: load failed: ext.lua:2: unexpected symbol near '='"]);
    expect(host.list()[0]!.extensions.map((e) => [e.status, e.reason, e.commands])).toEqual([["failed", "ext.lua:2: unexpected symbol near '='", []]]);
    expect(await host.runCommand("hello")).toEqual({ ok: false, error: "extension run: hello: no such command (known: )" });

    fs.writeFileSync(path.join(dir, "ext.lua"), V2);
    expect(host.reload("ext")).toEqual([{ name: "ext", change: "reloaded", ok: true, error: "" }]);
    expect(host.list()[0]!.status).toBe("loaded");
    expect(await host.runCommand("hello")).toEqual({ ok: true, output: "v2 nil" });
  });

  it("without a name: every extension reloads, a new file loads and a removed one unloads", () => {
    const dir = tempTree({ "exts/a.lua": `librecode.register_command("a", "", function() return "a1" end)`, "exts/b.lua": `librecode.register_command("b", "", function() end)` });
    const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
    const host = new ExtensionHost(rt, { cwd: dir, home: dir });
    host.loadPaths(["exts"]);
    fs.rmSync(path.join(dir, "exts/b.lua"));
    fs.writeFileSync(path.join(dir, "exts/c.lua"), `librecode.register_command("c", "", function() end)`);
    const results = host.reload();
    expect(results).toEqual([
      { name: "a", change: "reloaded", ok: true, error: "" },
      { name: "c", change: "added", ok: true, error: "" },
      { name: "b", change: "removed", ok: true, error: "" },
    ]);
    expect(formatReload(results).split("\n")).toEqual(["Reloaded a.", "Loaded c (a new file).", "Unloaded b (its file is gone)."]);
    expect(host.extensions().map((e) => e.name)).toEqual(["a", "c"]);
    expect(rt.commands.list().map((c) => c.name)).toEqual(["a", "c"]);
  });

  it("/reload NAME answers in one line; an unknown name names the loaded ones", async () => {
    const { host } = withExtension(V2);
    registerReloadCommand(host);
    expect(await host.runCommand("reload", "ext")).toEqual({ ok: true, output: "Reloaded ext." });
    expect(await host.runCommand("reload", "nope")).toEqual({ ok: false, error: "extension run: reload: nope: expected the name of a loaded extension (ext), got no match" });
  });

  it("/reload NAME for a file added since the start says /reload once, then the name", async () => {
    const { rt, host, dir } = withExtension(V2);
    registerReloadCommand(host);
    fs.writeFileSync(path.join(dir, "dr.lua"), `librecode.register_command("dr", "", function() end)`);
    const o = await rt.commands.run("/reload dr", (owner, where, fn) => rt.guard(owner, where, fn));
    expect(o === undefined || o.ok ? o : commandFailureText(o)).toBe("/reload: dr: expected the name of a loaded extension (ext), got no match");
  });
});

/** Extensions under `exts/` of a temp dir, loaded and watched; `after(fn)` runs fn and waits for the reload it causes. */
function watched(files: Record<string, string>) {
  const dir = tempTree(files);
  const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
  const host = new ExtensionHost(rt, { cwd: dir, home: dir });
  host.loadPaths(["exts"]);
  const seen: ReloadResult[][] = [];
  const watcher = new ExtensionWatcher(host, { debounceMs: 30, onReload: (r) => seen.push(r) });
  const after = async (fn: () => void): Promise<ReloadResult[]> => {
    const before = seen.length;
    fn();
    await until("the reload", () => seen.length > before);
    return seen.at(-1)!;
  };
  return { dir, host, watcher, seen, after };
}

describe("extensions.watch: real file changes", () => {
  it("a save reloads the extension; a broken save keeps it off with its error until the next good one", async () => {
    const { dir, host, watcher, seen, after } = watched({ "exts/notes.lua": `librecode.register_command("v", "", function() return "one" end)` });
    try {
      expect(watcher.dirs()).toEqual([path.join(dir, "exts")]);
      const save = (text: string) => after(() => fs.writeFileSync(path.join(dir, "exts/notes.lua"), text));
      expect(await save(`librecode.register_command("v", "", function() return "two" end)`)).toEqual([{ name: "notes", change: "reloaded", ok: true, error: "" }]);
      expect(await host.runCommand("v")).toEqual({ ok: true, output: "two" });
      expect(await save(`librecode.register_command(`)).toEqual([{ name: "notes", change: "reloaded", ok: false, error: "notes.lua:1: unexpected symbol near <eof>" }]);
      expect(host.list()[0]!.status).toBe("failed");
      expect(await save(`librecode.register_command("v", "", function() return "three" end)`)).toEqual([{ name: "notes", change: "reloaded", ok: true, error: "" }]);
      expect(await host.runCommand("v")).toEqual({ ok: true, output: "three" });
      // Editors' swap files are not extensions.
      fs.writeFileSync(path.join(dir, "exts/.notes.lua.swp"), "x");
      fs.writeFileSync(path.join(dir, "exts/new.lua"), `librecode.register_command("n", "", function() return "new" end)`);
      await until("the new file", () => seen.some((r) => r.some((x) => x.change === "added")));
      expect(seen.at(-1)).toEqual([{ name: "new", change: "added", ok: true, error: "" }]);
    } finally {
      watcher.close();
    }
  });
});

describe("extensions.watch: saves that replace the file", () => {
  // `sed -i` and vim write a temp file and rename it over the old one: a new inode each save.
  it("a rename-over save reloads every time, and deleting the file unloads it", async () => {
    const { dir, host, watcher, after: change } = watched({ "exts/notes.lua": `librecode.register_command("v", "", function() return "one" end)` });
    const file = path.join(dir, "exts/notes.lua");
    const replace = (text: string) => () => {
      fs.writeFileSync(path.join(dir, "exts/.notes.lua.tmp"), text);
      fs.renameSync(path.join(dir, "exts/.notes.lua.tmp"), file);
    };
    try {
      expect(await change(replace(`librecode.register_command("v", "", function() return "two" end)`))).toEqual([{ name: "notes", change: "reloaded", ok: true, error: "" }]);
      expect(await host.runCommand("v")).toEqual({ ok: true, output: "two" });
      expect(await change(replace(`librecode.register_command("v", "", function() return "three" end)`))).toEqual([{ name: "notes", change: "reloaded", ok: true, error: "" }]);
      expect(await host.runCommand("v")).toEqual({ ok: true, output: "three" });
      expect(await change(() => fs.rmSync(file))).toEqual([{ name: "notes", change: "removed", ok: true, error: "" }]);
      expect(host.extensions()).toEqual([]);
    } finally {
      watcher.close();
    }
  });

  it("a subdirectory made after the watch started is watched too, rename-over saves included", async () => {
    const { dir, host, watcher, after } = watched({ "exts/a.lua": `librecode.register_command("a", "", function() end)` });
    const file = path.join(dir, "exts/more/b.lua");
    const replace = (text: string) => after(() => {
      fs.writeFileSync(file + ".tmp", text);
      fs.renameSync(file + ".tmp", file);
    });
    try {
      fs.mkdirSync(path.join(dir, "exts/more"));
      await until("the new directory's watch", () => watcher.dirs().includes(path.join(dir, "exts/more")));
      expect(await replace(`librecode.register_command("b", "", function() return "one" end)`)).toEqual([{ name: "b", change: "added", ok: true, error: "" }]);
      expect(await replace(`librecode.register_command("b", "", function() return "two" end)`)).toEqual([{ name: "b", change: "reloaded", ok: true, error: "" }]);
      expect(await replace(`librecode.register_command("b", "", function() return "three" end)`)).toEqual([{ name: "b", change: "reloaded", ok: true, error: "" }]);
      expect(await host.runCommand("b")).toEqual({ ok: true, output: "three" });
    } finally {
      watcher.close();
    }
  });
});
