import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { extFiles, world, type World } from "../extensions/git-fixture.js";
import { cli, ensureBuilt, ROOT } from "./run-cli.js";

beforeAll(() => ensureBuilt(), 120000);
let w: World;
afterEach(() => w?.cleanup());

function where(): { root: string; cwd: string; home: string } {
  return { root: w.root, cwd: w.ctx.cwd, home: w.ctx.home };
}
const env = () => ({ LIBRECODE_GITHUB_URL: `file://${join(w.root, "gh")}` });

describe("librecode extension add/doctor/install (process)", () => {
  it("adds, loads at start-up, and exits 1 or 2 with one line on failure", async () => {
    w = world();
    w.commit("me/tools", extFiles("", "tools", "hello from v1"), "v1.0.0");
    const added = await cli(["extension", "add", "github:me/tools@^1"], where(), undefined, env());
    expect([added.code, added.stderr]).toEqual([0, ""]);
    expect(added.stdout).toMatch(/^added github:me\/tools@\^1: v1\.0\.0 \([0-9a-f]{12}\)\n$/);
    // Start-up reads the lock and the store: no LIBRECODE_GITHUB_URL, no network.
    expect((await cli(["extension", "run", "tools"], where())).stdout).toBe("hello from v1\n");
    const missing = await cli(["extension", "add", "github:me/tools@v7"], where(), undefined, env());
    expect([missing.code, missing.stderr]).toEqual([1, `librecode: extension add: github:me/tools@v7: no tag, branch or commit matches "v7" (tags: v1.0.0; branches: main)\n`]);
    const bad = await cli(["extension", "add", "svn:x"], where());
    expect([bad.code, bad.stderr]).toEqual([2, `librecode: extension add: expected a source path:, official:, github: or git:, got "svn:x"\n`]);
  });

  it("a fresh LIBRECODE_HOME: start-up names extension install, install restores, doctor is clean", async () => {
    w = world();
    w.commit("me/tools", extFiles("", "tools", "pinned"), "v1.0.0");
    await cli(["extension", "add", "github:me/tools"], where(), undefined, env());
    const fresh = { ...where(), home: join(w.root, "fresh") };
    const before = await cli(["extension", "run", "tools"], fresh);
    expect(before.stderr.split("\n")[0]).toMatch(/^librecode: extension: github:me\/tools: not installed \([0-9a-f]{12} is not in the store\): run `librecode extension install`$/);
    const doctor = await cli(["extension", "doctor"], fresh);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^github:me\/tools: missing: v1\.0\.0 is not in the store: run `librecode extension install`\n$/);
    expect((await cli(["extension", "install"], fresh, undefined, env())).stdout).toMatch(/^github:me\/tools: installed v1\.0\.0 \([0-9a-f]{12}\)\n$/);
    expect(await cli(["extension", "doctor"], fresh)).toEqual({ code: 0, stdout: "no problems (1 extension checked)\n", stderr: "" });
    expect((await cli(["extension", "run", "tools"], fresh)).stdout).toBe("pinned\n");
  });

  it("official:modal-editor installs from this repository through the shipped index", async () => {
    w = world();
    const index = JSON.parse(readFileSync(join(ROOT, "official-extensions.json"), "utf8")) as Record<string, string>;
    expect(Object.keys(index).sort()).toEqual(readdirSync(join(ROOT, "examples", "extensions")).sort());
    const r = await cli(["extension", "add", "official:modal-editor"], where());
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const list = await cli(["extension", "list"], where());
    expect(list.stdout).toContain("official:modal-editor  loaded\n  modal-editor  loaded  ");
  });
});
