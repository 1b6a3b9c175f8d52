// The original guide's two `extensions` config examples (test/fixtures/upstream/config-*.yaml,
// copied verbatim) as a project's .librecode/config.yaml: the loader takes them as they are, and
// they do what the guide says: only the declared sources load, `path:` from disk, `official:` and
// `github:` once the extension manager installed and pinned them.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadAppExtensions } from "../../bin/app-extensions.js";
import { loadConfig } from "../../engine/config/index.js";
import { parseExtensionSource } from "../../engine/config/extension-source.js";
import { installExtensions, updateExtensions } from "../../engine/extensions/manager.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { extFiles, world, type World } from "./git-fixture.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/upstream");

let w: World;
afterEach(() => w?.cleanup());

/** A project whose .librecode/config.yaml is the fixture, with files written under it. */
function projectWith(fixture: string, files: Record<string, string> = {}) {
  w = world();
  const { cwd, home } = w.ctx;
  mkdirSync(join(cwd, ".librecode"), { recursive: true });
  writeFileSync(join(cwd, ".librecode", "config.yaml"), readFileSync(join(FIXTURES, fixture), "utf8"));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(cwd, p, ".."), { recursive: true });
    writeFileSync(join(cwd, p), text);
  }
  const start = () => {
    const loaded = loadConfig({ cwd, home, env: {} });
    const rt = new Runtime();
    const host = loadAppExtensions(rt, loaded, { cwd, home, enabled: true, paths: [] });
    return { rt, host, names: host.extensions().map((e) => e.name).sort(), errors: rt.errors.map((e) => e.message) };
  };
  return { cwd, home, start };
}

describe("the original guide's default config", () => {
  it("is accepted as our default, and loads each extension in .librecode/extensions and nothing else", () => {
    const p = projectWith("config-default.yaml", {
      ".librecode/extensions/solo.lua": `librecode.register_command("solo", "", function() return "solo" end)`,
      // A bundled extensions/ directory is not loaded: only declared sources are.
      "extensions/bundled.lua": `librecode.register_command("bundled", "", function() return "no" end)`,
    });
    cpSync(join(FIXTURES, "my-workflow"), join(p.cwd, ".librecode/extensions/my-workflow"), { recursive: true });
    const { config } = loadConfig({ cwd: p.cwd, home: p.home, env: {} });
    expect(config.extensions).toMatchObject({ enabled: true, use: ["path:.librecode/extensions"] });
    const { rt, names, errors } = p.start();
    expect([names, errors]).toEqual([["my-workflow", "solo"], []]);
    // my-workflow's entry file required its sibling module, as the guide shows.
    expect(rt.buffers.getText("notes")).toBe("hello from helpers");
  });
});

describe("the original guide's source forms", () => {
  it("are accepted: shorthand strings and {source, version} tables, github subdirectories, absolute paths", () => {
    const p = projectWith("config-sources.yaml");
    const { config } = loadConfig({ cwd: p.cwd, home: p.home, env: {} });
    expect(config.extensions.use.map((u) => parseExtensionSource(u))).toEqual([
      { scheme: "official", value: "vim-mode" },
      { scheme: "github", value: "example/librecode-extension", owner: "example", repo: "librecode-extension" },
      { scheme: "github", value: "example/monorepo//extensions/fancy", owner: "example", repo: "monorepo", subdir: "extensions/fancy" },
      { scheme: "path", value: ".librecode/extensions/my-extension" },
      { scheme: "path", value: "/absolute/or/relative/extension" },
      { scheme: "official", value: "vim-mode", version: "v0.1.0" },
      { scheme: "github", value: "example/librecode-extension", owner: "example", repo: "librecode-extension", version: "v1.2.3" },
    ]);
  });

  it("load path: sources from disk; official: and github: ones load once installed, pinned to the versions asked for", () => {
    const p = projectWith("config-sources.yaml", {
      ".librecode/extensions/my-extension/init.lua": `return {name = "my-extension", entry = "main.lua"}`,
      ".librecode/extensions/my-extension/main.lua": `librecode.register_command("mine", "", function() return "mine" end)`,
    });
    const before = p.start();
    expect([before.names, before.errors]).toEqual([["my-extension"], [
      "official:vim-mode: not in extensions.lock: run `librecode extension install`",
      "github:example/librecode-extension: not in extensions.lock: run `librecode extension install`",
      "github:example/monorepo//extensions/fancy: not in extensions.lock: run `librecode extension install`",
    ]]);
    // The sources, served from local repositories; the official index names vim-mode's.
    w.commit("example/vim-mode", extFiles("", "vim-mode", "v0.1"), "v0.1.0");
    w.commit("example/vim-mode", extFiles("", "vim-mode", "v0.2"), "v0.2.0");
    writeFileSync(join(w.root, "official.json"), JSON.stringify({ "vim-mode": "github:example/vim-mode" }));
    w.commit("example/librecode-extension", extFiles("", "librecode-extension", "v1.2.3"), "v1.2.3");
    w.commit("example/librecode-extension", extFiles("", "librecode-extension", "v2"), "v2.0.0");
    w.commit("example/monorepo", extFiles("extensions/fancy/", "fancy", "fancy"), "v1.0.0");
    installExtensions(w.ctx);
    const lock = JSON.parse(readFileSync(join(p.cwd, ".librecode/extensions.lock"), "utf8")).extensions;
    expect(Object.fromEntries(Object.entries(lock).map(([k, e]) => [k, (e as { tag: string }).tag]))).toEqual({
      "official:vim-mode": "v0.1.0", "github:example/librecode-extension": "v1.2.3", "github:example/monorepo//extensions/fancy": "v1.0.0",
    });
    // The versioned entry is the pin, for update too: only the unpinned monorepo may move.
    expect(updateExtensions(w.ctx, [])).toEqual([
      "github:example/librecode-extension: v1.2.3 is the newest for v1.2.3",
      "github:example/monorepo//extensions/fancy: v1.0.0 is the newest",
      "official:vim-mode: v0.1.0 is the newest for v0.1.0",
    ]);
    const after = p.start();
    expect([after.names, after.errors]).toEqual([["fancy", "librecode-extension", "my-extension", "vim-mode"], []]);
    expect(["vim-mode", "librecode-extension"].map((c) => after.rt.commands.run(`/${c}`, (o, where, fn) => after.rt.guard(o, where, fn)))).toEqual([
      { name: "vim-mode", ok: true, output: "v0.1" }, { name: "librecode-extension", ok: true, output: "v1.2.3" },
    ]);
  });
});
