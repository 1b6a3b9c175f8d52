import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { editTool } from "../../engine/tools/edit-tool.js";
import { tempTree, toolContext } from "./tool-fixture.js";

const edit = editTool();

describe("edit", () => {
  it("replaces one exact match and returns a unified diff", async () => {
    const dir = tempTree({ "a.ts": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n" });
    const result = await edit.run({ path: "a.ts", old_string: "five", new_string: "FIVE" }, toolContext(dir));
    expect(result.content.split("\n")).toEqual([
      "edit: replaced 1 occurrence in a.ts",
      "",
      "--- a/a.ts",
      "+++ b/a.ts",
      "@@ -2,7 +2,7 @@",
      " two",
      " three",
      " four",
      "-five",
      "+FIVE",
      " six",
      " seven",
      " eight",
      "",
    ]);
    expect(result.isError).toBeUndefined();
    expect(result.details).toMatchObject({ path: "a.ts", replacements: 1 });
    expect(readFileSync(join(dir, "a.ts"), "utf8")).toBe("one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\n");
  });

  it("fails naming the file when nothing matches", async () => {
    const dir = tempTree({ "a.ts": "let x = 1;\n" });
    expect(await edit.run({ path: "a.ts", old_string: "let y", new_string: "let z" }, toolContext(dir))).toEqual({
      content: "edit: a.ts: old_string not found (it must match exactly, including whitespace and indentation)",
      isError: true,
    });
  });

  it("fails with the count when several places match", async () => {
    const dir = tempTree({ "a.ts": "x = 1\nx = 1\nx = 1\n" });
    expect(await edit.run({ path: "a.ts", old_string: "x = 1", new_string: "x = 2" }, toolContext(dir))).toEqual({
      content: "edit: a.ts: old_string matches 3 times; include more surrounding text to make it unique, or set replace_all to true",
      isError: true,
    });
    expect(readFileSync(join(dir, "a.ts"), "utf8")).toBe("x = 1\nx = 1\nx = 1\n");
  });

  it("replaces every match with replace_all", async () => {
    const dir = tempTree({ "a.ts": "x = 1\ny\nx = 1\n" });
    const result = await edit.run({ path: "a.ts", old_string: "x = 1", new_string: "x = 2", replace_all: true }, toolContext(dir));
    expect(result.content.split("\n")[0]).toBe("edit: replaced 2 occurrences in a.ts");
    expect(readFileSync(join(dir, "a.ts"), "utf8")).toBe("x = 2\ny\nx = 2\n");
  });

  it("inserts replacement text literally, $ signs included", async () => {
    const dir = tempTree({ "a.sh": "echo NAME\n" });
    await edit.run({ path: "a.sh", old_string: "NAME", new_string: "$& $1 $$" }, toolContext(dir));
    expect(readFileSync(join(dir, "a.sh"), "utf8")).toBe("echo $& $1 $$\n");
  });

  it("matches across Windows line endings and keeps them", async () => {
    const dir = tempTree({ "w.txt": "a\r\nb\r\nc\r\n" });
    await edit.run({ path: "w.txt", old_string: "a\nb", new_string: "A\nB" }, toolContext(dir));
    expect(readFileSync(join(dir, "w.txt"), "utf8")).toBe("A\r\nB\r\nc\r\n");
  });

  it("reports a missing file", async () => {
    expect(await edit.run({ path: "nope.ts", old_string: "a", new_string: "b" }, toolContext(tempTree()))).toEqual({
      content: "edit: nope.ts: file not found",
      isError: true,
    });
  });

  it("refuses an empty old_string", async () => {
    const dir = tempTree({ "a.ts": "x" });
    expect((await edit.run({ path: "a.ts", old_string: "", new_string: "y" }, toolContext(dir))).content).toBe(
      "edit: a.ts: old_string is empty; use write to create or replace a whole file",
    );
  });

  it("refuses a change that changes nothing", async () => {
    const dir = tempTree({ "a.ts": "x" });
    expect((await edit.run({ path: "a.ts", old_string: "x", new_string: "x" }, toolContext(dir))).content).toBe(
      "edit: a.ts: old_string and new_string are identical; nothing to change",
    );
  });
});
