import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { findTool } from "../../engine/tools/find-tool.js";
import { searchTree } from "./search-tree.js";
import { tempTree, toolContext } from "./tool-fixture.js";

const find = findTool();

describe("find", () => {
  it("matches a name glob at any depth, honouring nested .gitignore files", async () => {
    expect((await find.run({ pattern: "*.ts" }, toolContext(searchTree()))).content).toBe("a.ts\nsrc/b.ts");
  });

  it("lets a nested .gitignore re-include what a parent ignores", async () => {
    expect((await find.run({ pattern: "*.log" }, toolContext(searchTree()))).content).toBe("src/keep.log");
  });

  it("matches a path glob below the search directory", async () => {
    expect((await find.run({ pattern: "src/*" }, toolContext(searchTree()))).content.split("\n")).toEqual([
      "src/.gitignore",
      "src/b.ts",
      "src/keep.log",
    ]);
  });

  it("marks directories with a trailing slash", async () => {
    expect((await find.run({ pattern: "s*" }, toolContext(searchTree()))).content).toBe("src/");
  });

  it("searches below a given path and prints paths relative to cwd", async () => {
    const dir = searchTree();
    expect((await find.run({ pattern: "*", path: "src" }, toolContext(dir))).content.split("\n")).toEqual([
      "src/.gitignore",
      "src/b.ts",
      "src/keep.log",
    ]);
    expect((await find.run({ pattern: "b.ts", path: join(dir, "src") }, toolContext(dir))).content).toBe("src/b.ts");
  });

  it("stops at the limit and says so", async () => {
    const result = await find.run({ pattern: "*", limit: 2 }, toolContext(searchTree()));
    expect(result.content.split("\n")).toEqual([
      ".gitignore",
      ".hidden/",
      "",
      "[limit reached: showing the first 2 results; narrow the pattern or raise limit]",
    ]);
    expect(result.details).toEqual({ count: 2, truncated: true });
  });

  it("says when nothing matches", async () => {
    expect(await find.run({ pattern: "*.rs" }, toolContext(searchTree()))).toEqual({
      content: 'find: nothing matches "*.rs" in .',
      details: { count: 0, truncated: false },
    });
  });

  it("reports a missing directory and a file given as the directory", async () => {
    const dir = tempTree({ "a.txt": "" });
    expect(await find.run({ pattern: "*", path: "nope" }, toolContext(dir))).toEqual({ content: "find: nope: not found", isError: true });
    expect(await find.run({ pattern: "*", path: "a.txt" }, toolContext(dir))).toEqual({
      content: "find: a.txt is not a directory",
      isError: true,
    });
  });
});
