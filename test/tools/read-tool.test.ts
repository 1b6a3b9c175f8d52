import { describe, expect, it } from "vitest";
import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { boundedLines } from "../../engine/tools/bounded-lines.js";
import { readTool } from "../../engine/tools/read-tool.js";
import { tempTree, toolContext } from "./tool-fixture.js";

const read = readTool();
const lines = (n: number, f = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i + 1)).join("\n") + "\n";

describe("read", () => {
  it("numbers lines like cat -n", async () => {
    const dir = tempTree({ "a.txt": "alpha\nbeta\n" });
    expect(await read.run({ path: "a.txt" }, toolContext(dir))).toEqual({
      content: "     1\talpha\n     2\tbeta",
      details: { path: "a.txt", startLine: 1, endLine: 2, totalLines: 2, truncated: false },
    });
  });

  it("accepts an absolute path and shows it relative to cwd", async () => {
    const dir = tempTree({ "sub/b.txt": "x" });
    const result = await read.run({ path: join(dir, "sub/b.txt") }, toolContext(dir));
    expect(result.content).toBe("     1\tx");
    expect(result.details).toMatchObject({ path: "sub/b.txt" });
  });

  it("shows a range and says how to continue", async () => {
    const dir = tempTree({ "big.txt": lines(10) });
    const result = await read.run({ path: "big.txt", offset: 3, limit: 2 }, toolContext(dir));
    expect(result.content.split("\n")).toEqual([
      "     3\tline 3",
      "     4\tline 4",
      "",
      "[truncated: showing lines 3-4 of 10; use offset=5 to continue]",
    ]);
  });

  it("reads to the end from an offset without a note", async () => {
    const dir = tempTree({ "big.txt": lines(10) });
    expect((await read.run({ path: "big.txt", offset: 9 }, toolContext(dir))).content).toBe("     9\tline 9\n    10\tline 10");
  });

  it("stops at 2000 lines by default", async () => {
    const dir = tempTree({ "big.txt": lines(2500, () => "x") });
    const result = await read.run({ path: "big.txt" }, toolContext(dir));
    expect(result.content.split("\n").at(-1)).toBe("[truncated: showing lines 1-2000 of 2500; use offset=2001 to continue]");
    expect(result.details).toEqual({ path: "big.txt", startLine: 1, endLine: 2000, totalLines: 2500, truncated: true });
  });

  it("stops before 50 KB of output", async () => {
    const dir = tempTree({ "wide.txt": lines(200, (i) => `${i}:`.padEnd(1000, "y")) });
    const result = await read.run({ path: "wide.txt" }, toolContext(dir));
    expect(Buffer.byteLength(result.content)).toBeLessThanOrEqual(50 * 1024 + 200);
    expect(result.content.split("\n").at(-1)).toBe("[truncated: showing lines 1-50 of 200; use offset=51 to continue]");
  });

  it("cuts very long lines", async () => {
    const dir = tempTree({ "min.js": "z".repeat(2500) });
    expect((await read.run({ path: "min.js" }, toolContext(dir))).content).toBe(
      `     1\t${"z".repeat(2000)} … [line cut: 500 more characters]`,
    );
  });

  it("refuses a PNG, even under a text name, when the model does not accept images", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const dir = tempTree({ "shot.png": png, "notes.txt": png });
    expect(await read.run({ path: "shot.png" }, toolContext(dir))).toEqual({
      content: "read: shot.png is an image (png); the current model does not accept images, so it cannot be shown",
      isError: true,
    });
    expect((await read.run({ path: "notes.txt" }, toolContext(dir))).content).toBe(
      "read: notes.txt is an image (png); the current model does not accept images, so it cannot be shown",
    );
  });

  it("refuses a JPEG", async () => {
    const dir = tempTree({ "p.jpg": new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]) });
    expect((await read.run({ path: "p.jpg" }, toolContext(dir))).content).toBe(
      "read: p.jpg is an image (jpeg); the current model does not accept images, so it cannot be shown",
    );
  });

  it("refuses other binary files", async () => {
    const dir = tempTree({ "a.out": new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]) });
    expect(await read.run({ path: "a.out" }, toolContext(dir))).toEqual({
      content: "read: a.out is a binary file (7 bytes); it cannot be shown as text",
      isError: true,
    });
  });

  it("reports a missing file", async () => {
    expect(await read.run({ path: "nope.txt" }, toolContext(tempTree()))).toEqual({
      content: "read: nope.txt: file not found",
      isError: true,
    });
  });

  it("reports a directory", async () => {
    const dir = tempTree({ "src/a.ts": "" });
    expect(await read.run({ path: "src" }, toolContext(dir))).toEqual({
      content: "read: src is a directory; use ls to list it",
      isError: true,
    });
  });

  it("reports an offset past the end", async () => {
    const dir = tempTree({ "a.txt": lines(3) });
    expect(await read.run({ path: "a.txt", offset: 7 }, toolContext(dir))).toEqual({
      content: "read: a.txt: offset 7 is past the end of the file (3 lines)",
      isError: true,
    });
  });

  it("says when a file is empty", async () => {
    const dir = tempTree({ "e.txt": "" });
    expect((await read.run({ path: "e.txt" }, toolContext(dir))).content).toBe("(e.txt is empty)");
  });
});

describe("read on a big file", () => {
  it("with limit 2 stops at the window instead of counting the rest", async () => {
    const dir = tempTree({ "big.log": "a log line\n".repeat(1_000_000) });
    const result = await readTool().run({ path: "big.log", limit: 2 }, toolContext(dir));
    expect(result.content.split("\n")).toEqual([
      "     1\ta log line",
      "     2\ta log line",
      "",
      "[truncated: showing lines 1-2 of a 11000000-byte file (not counted further); use offset=3 to continue]",
    ]);
    expect(result.details).toEqual({ path: "big.log", startLine: 1, endLine: 2, totalLines: null, truncated: true });
  });

  it("a 600 MiB line (past the longest string V8 can hold) costs only its head: limit 2 shows its start and the next line", async () => {
    const dir = tempTree();
    const file = join(dir, "one-line.txt");
    const size = 600 * 1024 * 1024;
    // Text at the start (read checks the first 8 KB for binary), a hole, then the next line.
    const fd = openSync(file, "w");
    writeSync(fd, "é".repeat(5000));
    ftruncateSync(fd, size - 12);
    writeSync(fd, "\r\nsecond\nthird\n", size - 12);
    closeSync(fd);
    const result = await readTool().run({ path: "one-line.txt", limit: 2 }, toolContext(dir));
    const lineChars = 5000 + (size - 12 - 10_000);
    expect(result.content.split("\n")).toEqual([
      `     1\t${"é".repeat(2000)} … [line cut: ${lineChars - 2000} more characters]`,
      "     2\tsecond",
      "",
      `[truncated: showing lines 1-2 of a ${size + 3}-byte file (not counted further); use offset=3 to continue]`,
    ]);
  });
});

describe("boundedLines", () => {
  async function* chunks(...parts: string[]) {
    for (const p of parts) yield Buffer.from(p, "utf8");
  }
  const all = async (it: AsyncIterable<{ text: string; length: number }>) => {
    const out = [];
    for await (const l of it) out.push(l);
    return out;
  };

  it("splits across chunks, drops the \r of \r\n, keeps a last line without \n", async () => {
    expect(await all(boundedLines(chunks("ab", "c\r", "\nd\n\ne"), 10))).toEqual([
      { text: "abc", length: 3 }, { text: "d", length: 1 }, { text: "", length: 0 }, { text: "e", length: 1 },
    ]);
  });

  it("keeps a long line's head and counts the rest in UTF-16 units, a character cut in two included", async () => {
    expect(await all(boundedLines(chunks("ab😀".repeat(10), "x\r\n"), 3))).toEqual([{ text: "ab\ud83d", length: 41 }]);
  });
});
