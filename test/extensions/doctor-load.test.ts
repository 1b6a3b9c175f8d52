import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { doctorLines } from "../../bin/cmd-extension-manage.js";
import { addExtension } from "../../engine/extensions/manager.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { extFiles, world, type World } from "./git-fixture.js";

let w: World;
afterEach(() => w?.cleanup());

function installed(): { store: string; commit: string } {
  w = world();
  const commit = w.commit("me/tools", extFiles("vim/", "vim", "one"), "v1.0.0");
  addExtension(w.ctx, "github:me/tools//vim");
  return { store: join(w.ctx.home, "extensions", "store", "github", "me", "tools", "-", "vim", commit), commit };
}

function host(): ExtensionHost {
  const rt = new Runtime({ cwd: w.ctx.cwd });
  const h = new ExtensionHost(rt, { cwd: w.ctx.cwd, home: w.ctx.home });
  h.loadUse(["github:me/tools//vim"]);
  return h;
}

describe("start-up loads what the lock pins, from the store only", () => {
  it("loads the locked commit", async () => {
    installed();
    w.commit("me/tools", extFiles("vim/", "vim", "newer"), "v1.1.0");
    expect(await host().runCommand("vim")).toEqual({ ok: true, output: "one" });
  });

  it("a locked source missing from the store is one error naming extension install", () => {
    const { store, commit } = installed();
    rmSync(store, { recursive: true });
    expect(host().list()).toEqual([{ source: "github:me/tools//vim", status: "missing", extensions: [],
      reason: `not installed (${commit.slice(0, 12)} is not in the store): run \`librecode extension install\`` }]);
  });

  it("a source without a lock entry names extension install", () => {
    w = world();
    expect(host().list()[0]!.reason).toBe("not in extensions.lock: run `librecode extension install`");
  });

  it("changed files in the store are reported and not loaded", () => {
    const { store } = installed();
    writeFileSync(join(store, "main.lua"), "error('evil')");
    expect(host().list()[0]).toMatchObject({ status: "missing", reason: `files in ${store} changed since install (hash mismatch): run \`librecode extension install\` to restore them` });
  });
});

describe("extension doctor", () => {
  it("reports nothing for a healthy install", () => {
    installed();
    expect(doctorLines(w.ctx)).toEqual({ problems: [], checked: 1 });
  });

  it("reports each problem on one line", () => {
    const { store, commit } = installed();
    w.commit("me/api2", extFiles("", "future", "x", "2"), "v1.0.0");
    addExtension(w.ctx, "github:me/api2");
    w.commit("me/badman", { "init.lua": "return 42", "main.lua": "" }, "v1.0.0");
    addExtension(w.ctx, "github:me/badman");
    writeFileSync(join(store, "main.lua"), "error('evil')");
    const cfg = join(w.ctx.cwd, ".librecode", "config.yaml");
    writeFileSync(cfg, readFileSync(cfg, "utf8") + "    - github:me/unlocked\n");
    const lockFile = join(w.ctx.cwd, ".librecode", "extensions.lock");
    const lock = JSON.parse(readFileSync(lockFile, "utf8"));
    lock.extensions["github:me/gone"] = { requested: "", tag: "v3.0.0", commit: "f".repeat(40), hash: "sha256-0" };
    writeFileSync(lockFile, JSON.stringify(lock));
    const { problems } = doctorLines(w.ctx);
    expect(problems).toEqual([
      `github:me/unlocked: in ${cfg} but not in ${lockFile}: run \`librecode extension install\``,
      expect.stringMatching(new RegExp(`^github:me/tools//vim: tampered: files in ${store} changed since install \\(hash sha256-[0-9a-f]{64}, lock sha256-[0-9a-f]{64}\\)$`)),
      `github:me/gone: in ${lockFile} but not in extensions.use of ${cfg}`,
      "github:me/gone: missing: v3.0.0 is not in the store: run `librecode extension install`",
      'github:me/api2: manifest: init.lua: api_version: expected 1 (the API this librecode provides), got "2"',
      "github:me/badman: manifest: init.lua: expected a table {name, version, api_version, description, entry}, got number",
    ]);
    expect(commit).toHaveLength(40);
  });
});
