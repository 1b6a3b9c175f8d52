import { describe, expect, it } from "vitest";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { lsTool } from "../../engine/tools/ls-tool.js";
import { searchTree } from "./search-tree.js";
import { tempTree, toolContext } from "./tool-fixture.js";

const ls = lsTool();

describe("ls", () => {
  it("lists every entry sorted, directories with a trailing slash", async () => {
    const dir = searchTree();
    symlinkSync(join(dir, "src"), join(dir, "link-to-src"));
    expect((await ls.run({}, toolContext(dir))).content.split("\n")).toEqual([
      ".git/",
      ".gitignore",
      ".hidden/",
      "a.ts",
      "bin.dat",
      "build/",
      "debug.log",
      "link-to-src/",
      "src/",
    ]);
  });

  it("lists a given directory", async () => {
    expect((await ls.run({ path: "src" }, toolContext(searchTree()))).content).toBe(".gitignore\nb.ts\ngen/\nkeep.log");
  });

  it("caps the listing and counts the rest", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 503; i++) files[`f${String(i).padStart(3, "0")}`] = "";
    const result = await ls.run({}, toolContext(tempTree(files)));
    const lines = result.content.split("\n");
    expect(lines.slice(498)).toEqual(["f498", "f499", "", "[3 more entries not shown]"]);
    expect(result.details).toEqual({ count: 503, truncated: true });
  });

  it("says when a directory is empty", async () => {
    const dir = tempTree();
    mkdirSync(join(dir, "empty"));
    expect((await ls.run({ path: "empty" }, toolContext(dir))).content).toBe("(empty is empty)");
  });

  it("reports a missing directory and a file", async () => {
    const dir = tempTree({ "a.txt": "" });
    expect(await ls.run({ path: "nope" }, toolContext(dir))).toEqual({ content: "ls: nope: not found", isError: true });
    expect(await ls.run({ path: "a.txt" }, toolContext(dir))).toEqual({ content: "ls: a.txt is not a directory", isError: true });
  });
});
