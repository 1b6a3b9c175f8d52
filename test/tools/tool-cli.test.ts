import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ToolRegistry } from "../../engine/kernel/tool-registry.js";
import { registerBuiltinTools } from "../../engine/tools/builtin-tools.js";
import { runToolCommand, toolListText } from "../../engine/tools/tool-cli.js";
import { tempTree } from "./tool-fixture.js";

function registry(): ToolRegistry {
  const r = new ToolRegistry();
  registerBuiltinTools(r);
  r.register({ name: "hello", owner: "greeter", description: "Say hello. Politely.", schema: { type: "object", properties: {} }, run: async () => ({ content: "hello" }) });
  return r;
}

describe("librecode tool list", () => {
  it("prints each tool with its owner and first sentence", () => {
    expect(toolListText(registry()).split("\n")).toEqual([
      "read   host     Read a text file.",
      "write  host     Write a file with exactly the given content, replacing it if it exists and creating missing parent directories.",
      "edit   host     Replace text in a file.",
      "bash   host     Run a command with `bash -c` in the working directory and return its combined stdout and stderr and its exit code.",
      "grep   host     Search file contents with a regular expression (JavaScript syntax).",
      "find   host     Find files and directories whose path matches a glob.",
      "ls     host     List a directory's entries (hidden ones included), sorted by name, directories ending with '/'.",
      "fetch  host     Fetch one http(s) URL the user gave or that you found, and return it as markdown (HTML pages; scripts and styles dropped), plain text, or raw HTML.",
      "hello  greeter  Say hello.",
      "",
    ]);
  });
});

describe("librecode tool run", () => {
  it("prints the result and exits 0", async () => {
    const dir = tempTree({ "a.txt": "hi\n" });
    expect(await runToolCommand(registry(), "read", '{"path":"a.txt"}', { cwd: dir })).toEqual({
      stdout: "     1\thi\n",
      stderr: "",
      exitCode: 0,
    });
  });

  it("writes through a real tool", async () => {
    const dir = tempTree();
    const outcome = await runToolCommand(registry(), "write", '{"path":"x/y.txt","content":"ok"}', { cwd: dir });
    expect(outcome).toEqual({ stdout: "write: created x/y.txt (2 bytes)\n", stderr: "", exitCode: 0 });
    expect(readFileSync(join(dir, "x/y.txt"), "utf8")).toBe("ok");
  });

  it("exits 1 with the tool's error on stderr", async () => {
    expect(await runToolCommand(registry(), "bash", '{"command":"echo no; exit 4"}', { cwd: tempTree() })).toEqual({
      stdout: "",
      stderr: "no\n\nexit code: 4\n",
      exitCode: 1,
    });
  });

  it("exits 2 for an unknown tool", async () => {
    expect(await runToolCommand(registry(), "cat", "{}", { cwd: tempTree() })).toEqual({
      stdout: "",
      stderr: "librecode tool run: unknown tool 'cat' (known: read, write, edit, bash, grep, find, ls, fetch, hello)\n",
      exitCode: 2,
    });
  });

  it("exits 2 for arguments that are not a JSON object", async () => {
    const r = registry();
    const cwd = tempTree();
    expect((await runToolCommand(r, "ls", "[1]", { cwd })).stderr).toBe("librecode tool run: arguments: expected a JSON object, got a list\n");
    expect((await runToolCommand(r, "ls", "{path:", { cwd })).stderr).toMatch(/^librecode tool run: arguments: expected a JSON object, got invalid JSON \(.+\)\n$/);
  });

  it("exits 2 for arguments that break the schema", async () => {
    expect(await runToolCommand(registry(), "read", '{"path":3}', { cwd: tempTree() })).toEqual({
      stdout: "",
      stderr: "librecode tool run: tool read: argument 'path': expected string, got number\n",
      exitCode: 2,
    });
  });

  it("runs a tool without arguments when the JSON is left out", async () => {
    expect(await runToolCommand(registry(), "hello", undefined, { cwd: tempTree() })).toEqual({ stdout: "hello\n", stderr: "", exitCode: 0 });
  });
});
