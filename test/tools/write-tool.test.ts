import { describe, expect, it } from "vitest";
import { chmodSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeTool } from "../../engine/tools/write-tool.js";
import { tempTree, toolContext } from "./tool-fixture.js";

const write = writeTool();

describe("write", () => {
  it("creates a file and its parent directories", async () => {
    const dir = tempTree();
    expect(await write.run({ path: "a/b/c.txt", content: "héllo\n" }, toolContext(dir))).toEqual({
      content: "write: created a/b/c.txt (7 bytes)",
      details: { path: "a/b/c.txt", bytes: 7, created: true },
    });
    expect(readFileSync(join(dir, "a/b/c.txt"), "utf8")).toBe("héllo\n");
  });

  it("overwrites an existing file, keeping its mode and leaving no temporary file", async () => {
    const dir = tempTree({ "run.sh": "old" });
    chmodSync(join(dir, "run.sh"), 0o755);
    expect((await write.run({ path: "run.sh", content: "new" }, toolContext(dir))).content).toBe("write: overwrote run.sh (3 bytes)");
    expect(readFileSync(join(dir, "run.sh"), "utf8")).toBe("new");
    expect(statSync(join(dir, "run.sh")).mode & 0o777).toBe(0o755);
    expect(readdirSync(dir)).toEqual(["run.sh"]);
  });

  it("refuses to replace a directory", async () => {
    const dir = tempTree({ "src/x": "" });
    expect(await write.run({ path: "src", content: "" }, toolContext(dir))).toEqual({
      content: "write: src is a directory",
      isError: true,
    });
  });

  it("reports a parent that is a file", async () => {
    const dir = tempTree({ "f": "" });
    expect(await write.run({ path: "f/x.txt", content: "" }, toolContext(dir))).toEqual({
      content: "write: f/x.txt: a parent is not a directory",
      isError: true,
    });
  });
});
