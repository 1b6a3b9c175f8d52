import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runExtensionNew } from "../../bin/cmd-extension-new.js";
import { runCase } from "../../bin/cmd-snapshot.js";
import { lualsStubs } from "../../lua/luals-stubs.js";
import { STOCK_KEY_HELP } from "../../engine/chat/key-help.js";
import { withExtension } from "../lua/harness.js";

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function tempCwd(): string {
  const d = mkdtempSync(join(tmpdir(), "lc-new-"));
  dirs.push(d);
  return d;
}

function tree(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tree(dir, join(prefix, e.name)) : [join(prefix, e.name)]).sort();
}

describe("librecode extension new NAME", () => {
  it("writes the manifest, main.lua, a snapshot case with its frame, .luarc.json and the LuaLS types", async () => {
    const cwd = tempCwd();
    await runExtensionNew("greeter", cwd);
    const dir = join(cwd, "greeter");
    expect(tree(dir)).toEqual([".luarc.json", "init.lua", "main.lua", "test/greeter.snap.yaml", "test/greeter.txt", "types/librecode.lua"]);
    expect(readFileSync(join(dir, "init.lua"), "utf8")).toBe(
      `return {\n  name = "greeter",\n  version = "0.1.0",\n  api_version = "1",\n  description = "greeter: a librecode extension",\n  entry = "main.lua",\n}\n`);
    expect(JSON.parse(readFileSync(join(dir, ".luarc.json"), "utf8"))).toMatchObject({ "runtime.version": "Lua 5.3", "workspace.library": ["types"] });
    expect(readFileSync(join(dir, "types/librecode.lua"), "utf8")).toBe(lualsStubs());
  });

  it("scaffolds a case that `librecode snapshot` passes, showing the keymap's effect", async () => {
    const cwd = tempCwd();
    await runExtensionNew("greeter", cwd);
    const r = await runCase(join(cwd, "greeter/test/greeter.snap.yaml"), cwd, false);
    expect(r).toEqual({ file: "greeter/test/greeter.snap.yaml", status: "ok", errors: [] });
    expect(readFileSync(join(cwd, "greeter/test/greeter.txt"), "utf8").split("\n").slice(8, 12)).toEqual([
      "╭─ message ────────────────────────────────────────────────╮",
      "│ hello                                                    │",
      "╰──────────────────────────────────────────────────────────╯",
      "script (offline demo)                                   test",
    ]);
  });

  it("scaffolds an extension that loads and registers its command", async () => {
    const cwd = tempCwd();
    await runExtensionNew("greeter", cwd);
    const { host, errors } = withExtension("");
    host.loadPaths([join(cwd, "greeter")]);
    expect(errors()).toEqual([]);
    expect(await host.runCommand("greeter", "world")).toEqual({ ok: true, output: "" });
    expect(host.rt.buffers.get("transcript")!.blocks.at(-1)!.text).toBe("hello from greeter world");
  });

  it("binds a key the stock chat leaves free (ctrl+g is the $EDITOR key)", async () => {
    const cwd = tempCwd();
    await runExtensionNew("greeter", cwd);
    const lhs = /keymap\.set\(\{ focus = "composer" \}, "<C-(\w)>"/.exec(readFileSync(join(cwd, "greeter/main.lua"), "utf8"))![1]!.toLowerCase();
    const stock = STOCK_KEY_HELP.flatMap((k) => k.keys.split(/, | \/ /));
    expect(stock).toContain("ctrl+g");
    expect(stock).not.toContain(`ctrl+${lhs}`);
  });

  it("refuses an existing directory and a name that is not a plain word", async () => {
    const cwd = tempCwd();
    await runExtensionNew("greeter", cwd);
    await expect(runExtensionNew("greeter", cwd)).rejects.toThrow("extension new: greeter: already exists");
    await expect(runExtensionNew("../x", cwd)).rejects.toThrow(`extension new: NAME: expected letters, digits, - and _ (starting with a letter or digit), got "../x"`);
  });
});
