import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addExtension, installExtensions, removeExtension, splitSpec, tidyStore, updateExtensions } from "../../engine/extensions/manager.js";
import { copyRepo, extFiles, git, treeOf, world, type World } from "./git-fixture.js";

let w: World;
afterEach(() => w?.cleanup());

// me/tools is built once (git is slow to spawn); each test works on its own copy.
let template: World;
let commits: Record<string, string>;
beforeAll(() => {
  template = world();
  const c1 = template.commit("me/tools", extFiles("vim/", "vim", "one"), "v1.0.0");
  const c2 = template.commit("me/tools", extFiles("vim/", "vim", "two"));
  git(template.repoDir("me/tools"), "tag", "v1.2.0");
  const c3 = template.commit("me/tools", extFiles("vim/", "vim", "three"), "v2.0.0");
  git(template.repoDir("me/tools"), "checkout", "-q", "-b", "next");
  const c4 = template.commit("me/tools", extFiles("vim/", "vim", "four"));
  git(template.repoDir("me/tools"), "checkout", "-q", "main");
  commits = { c1, c2, c3, c4 };
});
afterAll(() => template.cleanup());

const lock = (cwd: string) => JSON.parse(readFileSync(join(cwd, ".librecode", "extensions.lock"), "utf8"));
const config = (cwd: string) => readFileSync(join(cwd, ".librecode", "config.yaml"), "utf8");

/** me/tools with v1.0.0, v1.2.0 (lightweight), v2.0.0 of an extension in `vim/`, and a branch `next`. */
function toolsRepo(): Record<string, string> {
  w = world();
  copyRepo(template.repoDir("me/tools"), w.repoDir("me/tools"));
  return commits;
}

describe("extension add: every version form", () => {
  it("an exact tag", () => {
    const { c1 } = toolsRepo();
    expect(addExtension(w.ctx, "github:me/tools//vim@v1.0.0")).toEqual([`added github:me/tools//vim@v1.0.0: v1.0.0 (${c1!.slice(0, 12)})`]);
    expect(lock(w.ctx.cwd).extensions["github:me/tools//vim"]).toMatchObject({ requested: "v1.0.0", tag: "v1.0.0", commit: c1 });
    expect(config(w.ctx.cwd)).toBe("extensions:\n  use:\n    - path:.librecode/extensions\n    - source: github:me/tools//vim\n      version: v1.0.0\n");
  });

  it("a semver range over the tags (a lightweight tag counts)", () => {
    const { c2 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim@^1.0");
    expect(lock(w.ctx.cwd).extensions["github:me/tools//vim"]).toMatchObject({ requested: "^1.0", tag: "v1.2.0", commit: c2 });
  });

  it("a branch", () => {
    const { c4 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim@next");
    expect(lock(w.ctx.cwd).extensions["github:me/tools//vim"]).toMatchObject({ requested: "next", tag: "", commit: c4 });
  });

  it("a commit, abbreviated", () => {
    const { c2 } = toolsRepo();
    addExtension(w.ctx, `github:me/tools//vim@${c2!.slice(0, 10)}`);
    expect(lock(w.ctx.cwd).extensions["github:me/tools//vim"]).toMatchObject({ tag: "", commit: c2 });
  });

  it("no version: the newest semver tag, written as a plain source", () => {
    const { c3 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim");
    expect(lock(w.ctx.cwd).extensions["github:me/tools//vim"]).toMatchObject({ requested: "", tag: "v2.0.0", commit: c3 });
    expect(config(w.ctx.cwd)).toBe("extensions:\n  use:\n    - path:.librecode/extensions\n    - github:me/tools//vim\n");
  });

  it("puts only the subdirectory's files in the store, under the commit", () => {
    const { c3 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim");
    expect(Object.keys(treeOf(join(w.ctx.home, "extensions", "store", "github", "me", "tools", "-", "vim", c3!)))).toEqual(["init.lua", "main.lua"]);
  });

  it("git:URL//SUBDIR and --global (lock and config under LIBRECODE_HOME)", () => {
    const { c3 } = toolsRepo();
    const ctx = { ...w.ctx, global: true };
    addExtension(ctx, `git:file://${w.repoDir("me/tools")}//vim@2`);
    expect(JSON.parse(readFileSync(join(w.ctx.home, "extensions.lock"), "utf8")).extensions[`git:file://${w.repoDir("me/tools")}//vim`]).toMatchObject({ tag: "v2.0.0", commit: c3 });
    expect(readFileSync(join(w.ctx.home, "config.yaml"), "utf8")).toContain(`- source: git:file://${w.repoDir("me/tools")}//vim\n      version: "2"\n`);
    expect(existsSync(join(w.ctx.cwd, ".librecode"))).toBe(false);
  });

  it("official:NAME through the index (a relative git: entry is against the index's directory)", () => {
    const { c3 } = toolsRepo();
    writeFileSync(join(w.root, "official.json"), JSON.stringify({ vim: "git:gh/me/tools//vim", other: "github:me/tools" }));
    addExtension(w.ctx, "official:vim");
    expect(lock(w.ctx.cwd).extensions["official:vim"]).toMatchObject({ tag: "v2.0.0", commit: c3 });
    expect(existsSync(join(w.ctx.home, "extensions", "store", "official", "vim", c3!, "init.lua"))).toBe(true);
    expect(() => addExtension(w.ctx, "official:nope")).toThrow("official:nope: not in the official index (other, vim)");
  });

  it("path: goes into the config only: it is never locked", () => {
    w = world();
    expect(addExtension(w.ctx, "path:mine")).toEqual([`added path:mine to ${join(w.ctx.cwd, ".librecode", "config.yaml")}`]);
    expect(config(w.ctx.cwd)).toBe("extensions:\n  use:\n    - path:.librecode/extensions\n    - path:mine\n");
    expect(existsSync(join(w.ctx.cwd, ".librecode", "extensions.lock"))).toBe(false);
  });

  it("keeps the rest of the config file, comments included", () => {
    w = world();
    mkdirSync(join(w.ctx.cwd, ".librecode"));
    writeFileSync(join(w.ctx.cwd, ".librecode", "config.yaml"), "# my settings\ntheme: light # bright\nextensions:\n  use: [path:a]\n");
    addExtension(w.ctx, "path:b");
    expect(config(w.ctx.cwd)).toBe("# my settings\ntheme: light # bright\nextensions:\n  use:\n    - path:a\n    - path:b\n");
  });

  it("splits SOURCE@VERSION at the last @ that is not a URL's user@host", () => {
    expect(splitSpec("git:git@host:me/x.git")).toEqual({ source: "git:git@host:me/x.git", version: "" });
    expect(splitSpec("github:me/x@feature/a")).toEqual({ source: "github:me/x", version: "feature/a" });
  });
});

describe("extension add: atomic", () => {
  it("a tag that does not exist changes nothing and names what exists", () => {
    toolsRepo();
    const before = treeOf(w.root);
    expect(() => addExtension(w.ctx, "github:me/tools//vim@v9")).toThrow(
      `github:me/tools//vim@v9: no tag, branch or commit matches "v9" (tags: v1.0.0, v1.2.0, v2.0.0; branches: main, next)`);
    expect(treeOf(w.root)).toEqual(before);
  });

  it("a repository that does not exist changes nothing", () => {
    toolsRepo();
    const before = treeOf(w.root);
    expect(() => addExtension(w.ctx, "github:me/gone")).toThrow(/^github:me\/gone: cannot clone file:\/\/.*\/gh\/me\/gone: /);
    expect(treeOf(w.root)).toEqual(before);
  });

  it("a subdirectory missing at that commit changes nothing", () => {
    toolsRepo();
    const before = treeOf(w.root);
    expect(() => addExtension(w.ctx, "github:me/tools//emacs@v1.0.0")).toThrow(/^github:me\/tools\/\/emacs@v1.0.0: emacs: no such directory at [0-9a-f]{12}$/);
    expect(treeOf(w.root)).toEqual(before);
  });
});

describe("extension remove, tidy", () => {
  it("remove by name takes config and lock entries; the store entry stays until tidy", () => {
    const { c3 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim");
    expect(removeExtension(w.ctx, "vim")).toEqual(["removed github:me/tools//vim (its files stay in the store until `librecode extension tidy`)"]);
    expect(config(w.ctx.cwd)).toBe("extensions:\n  use:\n    - path:.librecode/extensions\n");
    expect(lock(w.ctx.cwd).extensions).toEqual({});
    const entry = join(w.ctx.home, "extensions", "store", "github", "me", "tools", "-", "vim", c3!);
    expect(existsSync(entry)).toBe(true);
    expect(tidyStore(w.ctx)).toEqual([`removed github/me/tools/-/vim/${c3}`]);
    expect(existsSync(entry)).toBe(false);
    expect(tidyStore(w.ctx)).toEqual(["nothing to remove"]);
  });

  it("tidy keeps what another project's lock pins", () => {
    const { c1, c3 } = toolsRepo();
    const other = w.project("other");
    addExtension(other, "github:me/tools//vim@v1.0.0");
    addExtension(w.ctx, "github:me/tools//vim");
    removeExtension(w.ctx, "github:me/tools//vim");
    expect(tidyStore(w.ctx)).toEqual([`removed github/me/tools/-/vim/${c3}`]);
    expect(existsSync(join(w.ctx.home, "extensions", "store", "github", "me", "tools", "-", "vim", c1!))).toBe(true);
  });

  it("remove of something not configured is a usage error naming what is", () => {
    w = world();
    expect(() => removeExtension(w.ctx, "vim")).toThrow(`extension remove: vim: not in extensions.use of ${join(w.ctx.cwd, ".librecode", "config.yaml")} (empty)`);
  });
});

describe("extension update", () => {
  it("moves a range to the newest tag it allows and a branch to its new head", () => {
    const { c2, c4 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim@^1.0");
    addExtension(w.ctx, "github:me/tools@next");
    const c5 = w.commit("me/tools", extFiles("vim/", "vim", "one-three"), "v1.3.0");
    git(w.repoDir("me/tools"), "checkout", "-q", "next");
    const c6 = w.commit("me/tools", { "x.lua": "" });
    git(w.repoDir("me/tools"), "checkout", "-q", "main");
    expect(updateExtensions(w.ctx, [])).toEqual([
      `github:me/tools: ${c4!.slice(0, 12)} -> ${c6.slice(0, 12)}`,
      `github:me/tools//vim: v1.2.0 -> v1.3.0 (${c5.slice(0, 12)})`,
    ]);
    expect(lock(w.ctx.cwd).extensions["github:me/tools//vim"]).toMatchObject({ requested: "^1.0", tag: "v1.3.0", commit: c5 });
    expect(c2).not.toBe(c5);
    expect(updateExtensions(w.ctx, ["vim"])).toEqual(["github:me/tools//vim: v1.3.0 is the newest for ^1.0"]);
  });

  it("a repository that vanishes mid-update leaves lock and store as they were", () => {
    toolsRepo();
    w.commit("me/other", extFiles("", "other", "x"), "v1.0.0");
    addExtension(w.ctx, "github:me/tools//vim@^1.0");
    addExtension(w.ctx, "github:me/other");
    w.commit("me/tools", extFiles("vim/", "vim", "one-three"), "v1.3.0");
    renameSync(w.repoDir("me/other"), join(w.root, "moved"));
    const before = treeOf(w.root);
    expect(() => updateExtensions(w.ctx, [])).toThrow(/^github:me\/other: cannot clone /);
    expect(treeOf(w.root)).toEqual(before);
  });

  it("an unknown name is a usage error", () => {
    toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim");
    expect(() => updateExtensions(w.ctx, ["emacs"])).toThrow(`extension update: emacs: not in ${join(w.ctx.cwd, ".librecode", "extensions.lock")} (github:me/tools//vim)`);
  });
});

describe("extension install", () => {
  it("a fresh LIBRECODE_HOME installs exactly what a committed lock pins", () => {
    const { c2 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim@^1.0");
    w.commit("me/tools", extFiles("vim/", "vim", "newer"), "v1.9.0");
    const fresh = { ...w.ctx, home: join(w.root, "fresh-home") };
    expect(installExtensions(fresh)).toEqual([`github:me/tools//vim: installed v1.2.0 (${c2!.slice(0, 12)})`]);
    expect(treeOf(join(fresh.home, "extensions", "store"))).toEqual(treeOf(join(w.ctx.home, "extensions", "store")));
    expect(installExtensions(fresh)).toEqual(["github:me/tools//vim: v1.2.0 already installed"]);
  });

  it("restores tampered files in the store", () => {
    const { c3 } = toolsRepo();
    addExtension(w.ctx, "github:me/tools//vim");
    const main = join(w.ctx.home, "extensions", "store", "github", "me", "tools", "-", "vim", c3!, "main.lua");
    const good = readFileSync(main, "utf8");
    writeFileSync(main, "error('evil')");
    expect(installExtensions(w.ctx)).toEqual([`github:me/tools//vim: installed v2.0.0 (${c3!.slice(0, 12)})`]);
    expect(readFileSync(main, "utf8")).toBe(good);
  });

  it("locks a config entry that has no lock entry yet", () => {
    const { c2 } = toolsRepo();
    addExtension(w.ctx, "path:ext");
    const file = join(w.ctx.cwd, ".librecode", "config.yaml");
    writeFileSync(file, readFileSync(file, "utf8") + "    - {source: 'github:me/tools//vim', version: '~1.2'}\n");
    expect(installExtensions(w.ctx)).toEqual([`github:me/tools//vim: installed v1.2.0 (${c2!.slice(0, 12)})`]);
    expect(lock(w.ctx.cwd).extensions["github:me/tools//vim"]).toMatchObject({ requested: "~1.2", commit: c2 });
  });
});
