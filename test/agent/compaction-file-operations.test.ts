// The files a compaction records, as the original collected them: file tools' arguments, the paths
// a bash command names (modified when it writes), what an earlier compaction carried; and the
// validation commands, the stored details and the appendix under the summary.
import { describe, expect, it } from "vitest";
import type { ContextEntry } from "../../engine/agent/conversation.js";
import { bashOperations, fileOperations, MAX_FILE_OPERATIONS } from "../../engine/agent/compaction-file-operations.js";
import { carriedState, compactionDetails, stripState, validationRecords, withState } from "../../engine/agent/compaction-details.js";

/** A tool call and its result, stored at seqs `seq` and `seq + 1`. */
function call(seq: number, name: string, args: object, isError = false): ContextEntry[] {
  const id = `c${seq}`;
  return [
    { seq, message: { role: "assistant", text: "", toolCalls: [{ id, name, arguments: JSON.stringify(args) }] } },
    { seq: seq + 1, message: { role: "tool", toolCallId: id, toolName: name, content: "ok", isError } },
  ];
}

const paths = (command: string) => bashOperations("7", command).map((o) => `${o.action} ${o.path}`);

describe("bash commands' file operations", () => {
  it("a read-only command reads the path-like words after the command name", () => {
    expect(paths("cat src/a.ts README.md -n && wc -l notes")).toEqual(["read src/a.ts", "read README.md"]);
  });

  it("a command that writes anywhere modifies every path it names: redirections first", () => {
    expect(paths("grep -r TODO src/ > out/todo.txt")).toEqual(["modified out/todo.txt", "modified src/"]);
    expect(paths("cp a.txt b.txt")).toEqual(["modified a.txt", "modified b.txt"]);
    expect(paths("ls docs | tee list.txt")).toEqual(["modified list.txt"]);
    expect(paths("sed -i 's/a/b/' x.go")).toEqual(["modified x.go"]);
    expect(paths("sed -n 's/a/b/p' x.go")).toEqual(["read x.go"]);
    expect(paths("echo hi &>> log/run.log")).toEqual(["modified log/run.log"]);
  });

  it("quoted words count without their quotes; words with expansions, options and sed scripts do not", () => {
    expect(paths(`cat "my file.txt" 'b.md' $HOME/x.txt "$DIR/y.txt" --out=z.txt s/a/b/`)).toEqual(["read my file.txt", "read b.md"]);
  });

  it("command substitutions are read as commands; assignments, for lists and heredoc bodies are not arguments", () => {
    expect(paths("echo $(cat in.txt) > out.txt")).toEqual(["modified out.txt", "modified in.txt"]);
    expect(paths("A=b.txt cat c.txt; for f in d.txt e.txt; do wc $f; done")).toEqual(["read c.txt"]);
    expect(paths("cat <<EOF > notes.md\nsee other.txt\nEOF\nls")).toEqual(["modified notes.md"]);
  });

  it("an unclosed quote names nothing; a long command is cut to 160 characters", () => {
    expect(paths("cat 'a.txt")).toEqual([]);
    const long = `cat a.txt ${"x".repeat(200)}`;
    expect(bashOperations("7", long)[0]!.command).toBe(`${long.slice(0, 157)}...`);
  });
});

describe("fileOperations", () => {
  it("carried operations first, then each tool result's, without repeats, at most 64", () => {
    const prior = [{ entry_id: "1", action: "read" as const, path: "old.txt", tool: "read", command: "" }];
    const entries = [...call(10, "read", { path: "a.txt" }), ...call(12, "read", { path: "a.txt" }), ...call(14, "write", { path: "b.txt" }),
      ...call(16, "bash", { command: "rm c.txt" }), ...call(18, "fetch", { url: "https://x.dev/doc" })];
    expect(fileOperations(entries, prior).map((o) => [o.entry_id, o.action, o.path, o.tool, o.command])).toEqual([
      ["1", "read", "old.txt", "read", ""], ["11", "read", "a.txt", "read", ""], ["15", "modified", "b.txt", "write", ""],
      ["17", "modified", "c.txt", "bash", "rm c.txt"], ["19", "read", "https://x.dev/doc", "fetch", ""],
    ]);
    const many = Array.from({ length: 70 }, (_, i) => call(i * 2 + 1, "read", { path: `f${i}.txt` })).flat();
    expect(fileOperations(many)).toHaveLength(MAX_FILE_OPERATIONS);
  });
});

describe("compaction details and the summary's appendix", () => {
  it("validation commands keep their latest outcome, one record per command", () => {
    const entries = [...call(1, "bash", { command: "go test ./..." }, true), ...call(3, "bash", { command: "ls" }),
      ...call(5, "bash", { command: "task lint" }), ...call(7, "bash", { command: "go test ./..." })];
    expect(validationRecords(entries)).toEqual([
      { entry_id: "6", command: "task lint", outcome: "passed" }, { entry_id: "8", command: "go test ./...", outcome: "passed" },
    ]);
  });

  it("details hold the counts and tokens, a handler's details over them, then the non-empty lists", () => {
    const files = [{ entry_id: "2", action: "read" as const, path: "a.txt", tool: "read", command: "" }];
    expect(compactionDetails({ summarized: 4, kept: 2, tokensBefore: 900 }, { kept_entries: 9, note: "mine" }, { files, validations: [] })).toEqual({
      summarized_entries: 4, kept_entries: 9, tokens_before: 900, note: "mine", file_operations: files,
    });
    expect(carriedState({ details: { file_operations: files } })).toEqual({ files, validations: [] });
    expect(carriedState(undefined)).toEqual({ files: [], validations: [] });
  });

  it("the appendix lists files and checks under fixed headings and replaces a stale one", () => {
    const state = {
      files: [{ entry_id: "2", action: "modified" as const, path: "a.txt", tool: "bash", command: "touch a.txt" }],
      validations: [{ entry_id: "4", command: "go test ./...", outcome: "failed" as const }],
    };
    const text = withState("Goal: fix it.", state);
    expect(text).toBe("Goal: fix it.\n\n### Librecode file operations\n- modified: a.txt (via bash)\n\n### Librecode validation records\n- failed: go test ./... (entry 4)");
    expect(withState(text, { files: [], validations: [] })).toBe("Goal: fix it.");
    expect(stripState(text)).toBe("Goal: fix it.");
  });

  it("a section keeps the newest lines that fit 1024 tokens and counts the rest", () => {
    const files = Array.from({ length: 64 }, (_, i) => ({ entry_id: String(i), action: "read" as const, path: `${"d/".repeat(40)}f${i}.txt`, tool: "read", command: "" }));
    const lines = withState("S", { files, validations: [] }).split("\n");
    expect(lines.at(-1)).toMatch(/^- \.\.\. \d+ older records omitted$/);
    expect(lines.at(-2)).toContain("f63.txt");
  });
});
