import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { callLua, loadChunk } from "../../lua/lua-call.js";
import { cli, ensureBuilt, scratch } from "../cli/run-cli.js";
import { lcRuntime, tempTree } from "./harness.js";

/** A second runtime on the same home (a later run): loads `name.lua` from dir and evaluates code in it. */
function laterRun(dir: string, name: string, settings: Record<string, Record<string, unknown>> = {}) {
  const rt = new Runtime({ clock: new FakeClock(), cwd: dir });
  const host = new ExtensionHost(rt, { cwd: dir, home: dir, settings });
  host.loadPaths([path.join(dir, `${name}.lua`)]);
  const ext = host.extensions()[0]!;
  return (code: string) => {
    const r = rt.guard(ext.name, "eval", () => callLua(ext.L, () => loadChunk(ext.L, `local lc = require("librecode") ${code}`, "eval.lua"), []));
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
}

describe("librecode.store", () => {
  it("keeps strings, numbers, booleans and tables of them; keys() sorted; delete says whether it existed", () => {
    const { run } = lcRuntime();
    expect(run(`
      lc.store.set("s", "text") lc.store.set("n", 3) lc.store.set("f", 2.5) lc.store.set("b", false)
      lc.store.set("t", {tags = {"a", "b"}, count = 2, nested = {ok = true}})
      local t = lc.store.get("t")
      return lc.store.get("s"), lc.store.get("n"), math.type(lc.store.get("n")), lc.store.get("f"), lc.store.get("b"),
        t.tags[2], t.count, t.nested.ok, lc.store.get("missing"), table.concat(lc.store.keys(), ",")`)).toEqual([
      "text", 3, "integer", 2.5, false, "b", 2, true, undefined, "b,f,n,s,t",
    ]);
    expect(run(`return lc.store.delete("s"), lc.store.delete("s"), lc.store.get("s")`)).toEqual([true, false, undefined]);
    expect(run(`lc.store.set("n", nil) return table.concat(lc.store.keys(), ",")`)).toEqual(["b,f,t"]);
  });

  it("get returns a copy: changing it changes nothing stored", () => {
    const { run } = lcRuntime();
    expect(run(`lc.store.set("t", {n = 1}) local t = lc.store.get("t") t.n = 2 return lc.store.get("t").n`)).toEqual([1]);
  });

  it("reads back in a later run, per extension", () => {
    const { run, dir } = lcRuntime({ files: { "other.lua": "" } });
    run(`lc.store.set("count", 41) lc.store.set("gone", "x") lc.store.delete("gone")`);
    expect(laterRun(dir, "ext")(`return lc.store.get("count"), lc.store.keys()[1], #lc.store.keys()`)).toEqual([41, "count", 1]);
    expect(laterRun(dir, "other")(`return lc.store.get("count")`)).toEqual([undefined]);
    expect(fs.existsSync(path.join(dir, "librecode.db"))).toBe(true);
  });

  it("a failing handler's writes are rolled back with it, in memory and in the database", () => {
    const { rt, run, dir } = lcRuntime();
    run(`
      lc.store.set("kept", 1)
      lc.on("tick", {priority = 1}, function() lc.store.set("kept", 2) lc.store.set("new", "y") error("boom") end)
      lc.on("tick", function() lc.store.set("other", true) end)`);
    rt.emit("tick");
    expect(run(`return lc.store.get("kept"), lc.store.get("new"), lc.store.get("other")`)).toEqual([1, undefined, true]);
    expect(laterRun(dir, "ext")(`return lc.store.get("kept"), lc.store.get("new"), lc.store.get("other")`)).toEqual([1, undefined, true]);
  });

  it("refuses values that are not data, naming the part", () => {
    const { run } = lcRuntime();
    const err = (code: string) => run(`return select(2, pcall(function() ${code} end))`)[0];
    expect(err(`lc.store.set("k", print)`)).toBe("store.set: argument 2 'value': expected a string, number, boolean or table of them, got function");
    expect(err(`lc.store.set("k", {tags = {"a", print}})`)).toBe("store.set: value.tags[2]: expected a string, number, boolean or table of them, got function");
    expect(err(`lc.store.set("k", 1/0)`)).toBe("store.set: argument 2 'value': expected a finite number, got inf");
    expect(err(`lc.store.set(1, "v")`)).toBe("store.set: argument 1 'key': expected string, got number");
    expect(run(`return lc.store.get("k")`)).toEqual([undefined]);
  });
});

describe("librecode.extension", () => {
  it("name(), root() and config(): the extension's table under extensions.settings", () => {
    const dir = tempTree({ "notes.lua": "" });
    const evalIn = laterRun(dir, "notes", { notes: { dir: "n", tags: ["a"] }, other: { x: 1 } });
    expect(evalIn(`local c = lc.extension.config() return lc.extension.name(), lc.extension.root(), c.dir, c.tags[1], c.x`)).toEqual([
      "notes", dir, "n", "a", undefined,
    ]);
    expect(laterRun(tempTree({ "bare.lua": "" }), "bare")(`return next(lc.extension.config())`)).toEqual([undefined]);
  });
});

describe("store and settings across two real processes", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it("a value set by one `librecode extension run` is read by the next; config() reads extensions.settings", async () => {
    const where = scratch({
      ".librecode/config.yaml": "extensions:\n  settings:\n    counter: {step: 5}\n",
      ".librecode/extensions/counter.lua": `local lc = require("librecode")
        lc.register_command("bump", "", function()
          local n = (lc.store.get("n") or 0) + lc.extension.config().step
          lc.store.set("n", n)
          return "n=" .. n
        end)`,
    });
    expect(await cli(["extension", "run", "bump"], where)).toMatchObject({ code: 0, stdout: "n=5\n" });
    expect(await cli(["extension", "run", "bump"], where)).toMatchObject({ code: 0, stdout: "n=10\n" });
  });
});
