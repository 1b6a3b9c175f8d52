import { describe, expect, it } from "vitest";
import { grepTool } from "../../engine/tools/grep-tool.js";
import { ripgrepAvailable } from "../../engine/tools/ripgrep.js";
import { searchTree } from "./search-tree.js";
import { tempTree, toolContext } from "./tool-fixture.js";

// The JS walker always runs; when rg is installed the same specification runs against it too.
const backends = ripgrepAvailable() ? ["walker", "ripgrep"] : ["walker"];

describe.each(backends)("grep (%s)", (backend) => {
  const grep = grepTool({ useRipgrep: backend === "ripgrep" });

  it("finds matching lines, honouring nested .gitignore files and skipping .git and binaries", async () => {
    const result = await grep.run({ pattern: "needle" }, toolContext(searchTree()));
    expect(result.content.split("\n")).toEqual([
      ".hidden/h.txt:1: needle hidden",
      "a.ts:1: const needle = 1;",
      "src/b.ts:2: needle two",
      "src/keep.log:1: needle kept",
    ]);
    expect(result.details).toEqual({ matches: 4, truncated: false, backend });
  });

  it("applies the .gitignore files above a subdirectory it searches", async () => {
    const dir = searchTree();
    const result = await grep.run({ pattern: "needle", path: "src" }, toolContext(dir));
    expect(result.content.split("\n")).toEqual(["src/b.ts:2: needle two", "src/keep.log:1: needle kept"]);
  });

  it("honours .gitignore outside a git repository too", async () => {
    const dir = tempTree({ ".gitignore": "x.txt\n", "x.txt": "needle\n", "y.txt": "needle\n" });
    expect((await grep.run({ pattern: "needle" }, toolContext(dir))).content).toBe("y.txt:1: needle");
  });

  it("ignores case when asked", async () => {
    const result = await grep.run({ pattern: "NEEDLE", path: "src", ignore_case: true }, toolContext(searchTree()));
    expect(result.content.split("\n")).toEqual([
      "src/b.ts:1: // Needle upper",
      "src/b.ts:2: needle two",
      "src/keep.log:1: needle kept",
    ]);
  });

  it("filters files by a name glob at any depth", async () => {
    const result = await grep.run({ pattern: "needle", glob: "*.ts" }, toolContext(searchTree()));
    expect(result.content.split("\n")).toEqual(["a.ts:1: const needle = 1;", "src/b.ts:2: needle two"]);
  });

  it("filters files by a path glob", async () => {
    const result = await grep.run({ pattern: "needle", glob: "src/*.log" }, toolContext(searchTree()));
    expect(result.content).toBe("src/keep.log:1: needle kept");
  });

  it("runs patterns only JavaScript understands (lookahead) on the walker", async () => {
    const result = await grep.run({ pattern: "needle(?= two)" }, toolContext(searchTree()));
    expect(result).toEqual({ content: "src/b.ts:2: needle two", details: { matches: 1, truncated: false, backend: "walker" } });
  });

  it("searches a single file", async () => {
    const result = await grep.run({ pattern: "needle", path: "src/b.ts" }, toolContext(searchTree()));
    expect(result.content).toBe("src/b.ts:2: needle two");
  });

  it("stops at the limit and says so", async () => {
    const result = await grep.run({ pattern: "needle", limit: 2 }, toolContext(searchTree()));
    expect(result.content.split("\n")).toEqual([
      ".hidden/h.txt:1: needle hidden",
      "a.ts:1: const needle = 1;",
      "",
      "[limit reached: showing the first 2 matches; narrow the search or raise limit]",
    ]);
    expect(result.details).toEqual({ matches: 2, truncated: true, backend });
  });

  it("says when nothing matches, without calling it an error", async () => {
    expect(await grep.run({ pattern: "zebra" }, toolContext(searchTree()))).toEqual({
      content: 'grep: no matches for "zebra" in .',
      details: { matches: 0, truncated: false, backend },
    });
  });

  it("cuts long matching lines", async () => {
    const dir = tempTree({ "min.js": `needle${"x".repeat(600)}\n` });
    expect((await grep.run({ pattern: "needle" }, toolContext(dir))).content).toBe(`min.js:1: needle${"x".repeat(494)} …`);
  });
});

describe("grep errors", () => {
  const grep = grepTool({ useRipgrep: false });

  it("reports an invalid regular expression", async () => {
    let message = "";
    try {
      new RegExp("(");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(await grep.run({ pattern: "(" }, toolContext(tempTree()))).toEqual({ content: `grep: pattern "(": ${message}`, isError: true });
  });

  it("reports an abort", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await grep.run({ pattern: "needle" }, toolContext(searchTree(), { signal: controller.signal }))).toEqual({
      content: "grep: aborted",
      isError: true,
    });
  });

  it("reports a missing path", async () => {
    expect(await grep.run({ pattern: "x", path: "nope" }, toolContext(tempTree()))).toEqual({
      content: "grep: nope: not found",
      isError: true,
    });
  });
});

describe("grep with a catastrophically backtracking pattern (no ripgrep)", () => {
  const line = `${"a".repeat(39)}!`;

  it("stops at its deadline with a message naming the pattern", async () => {
    const grep = grepTool({ useRipgrep: false, timeoutMs: 300 });
    expect(await grep.run({ pattern: "^(a|a)+$" }, toolContext(tempTree({ "a.txt": `${line}\n` })))).toEqual({
      content: 'grep: pattern "^(a|a)+$" ran longer than 0.3 s and was stopped; it may backtrack catastrophically, simplify it',
      isError: true,
    });
  });

  it("is stopped by an abort (escape) from the still-running event loop", async () => {
    const grep = grepTool({ useRipgrep: false });
    const controller = new AbortController();
    // This timer can only fire because the regex runs off the main thread.
    setTimeout(() => controller.abort(), 100);
    expect(await grep.run({ pattern: "^(a|a)+$" }, toolContext(tempTree({ "a.txt": `${line}\n` }), { signal: controller.signal }))).toEqual({
      content: "grep: aborted",
      isError: true,
    });
  });
});
