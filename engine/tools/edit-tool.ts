// `edit`: replace an exact piece of a file, refusing anything ambiguous, and show the change as a diff.
import { readFile } from "node:fs/promises";
import type { ToolDefinition, ToolResult } from "../kernel/tool-registry.js";
import { atomicWrite } from "./atomic-write.js";
import { fileKind } from "./file-kind.js";
import { errnoCode, fsReason, toolFailure } from "./tool-failure.js";
import { displayPath, resolveToolPath } from "./tool-paths.js";

export type EditDetails = { path: string; replacements: number; diff: string };

/** Counts non-overlapping occurrences of needle in haystack (needle non-empty). */
export function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** A unified diff of a file's change, with a/ and b/ headers and 3 lines of context. */
export async function unifiedDiff(path: string, before: string, after: string): Promise<string> {
  // Imported on the first edit: start-up does not pay for `diff` (~20 modules).
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import("diff");
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** The edit tool definition. */
export function editTool(): ToolDefinition {
  return {
    name: "edit",
    owner: "host",
    description:
      "Replace text in a file. old_string must match the file exactly (whitespace and indentation included) " +
      "and, unless replace_all is true, exactly once: include enough surrounding lines to make it unique. " +
      "Returns a unified diff of the change. Read the file first. Paths are relative to the working directory " +
      "unless absolute.",
    schema: {
      type: "object",
      properties: {
        path: { type: "string", description: "File to edit (relative to the working directory, or absolute)" },
        old_string: { type: "string", description: "Exact text to replace" },
        new_string: { type: "string", description: "Text to put in its place" },
        replace_all: { type: "boolean", description: "Replace every occurrence instead of requiring exactly one (default false)" },
      },
      required: ["path", "old_string", "new_string"],
      additionalProperties: false,
    },
    run: (args, ctx) =>
      editFile(ctx.cwd, String(args.path), String(args.old_string), String(args.new_string), args.replace_all === true),
  };
}

async function editFile(cwd: string, path: string, oldText: string, newText: string, replaceAll: boolean): Promise<ToolResult> {
  const abs = resolveToolPath(cwd, path);
  const shown = displayPath(abs, cwd);
  if (oldText === "") return toolFailure(`edit: ${shown}: old_string is empty; use write to create or replace a whole file`);
  if (oldText === newText) return toolFailure(`edit: ${shown}: old_string and new_string are identical; nothing to change`);
  let before: string;
  try {
    if ((await fileKind(abs)).kind !== "text") return toolFailure(`edit: ${shown} is not a text file`);
    before = await readFile(abs, "utf8");
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return toolFailure(`edit: ${shown}: file not found`);
    return toolFailure(`edit: ${shown}: ${fsReason(err)}`);
  }

  let count = countOccurrences(before, oldText);
  // Models write "\n"; a file with Windows line endings should still match and keep its endings.
  if (count === 0 && before.includes("\r\n") && oldText.includes("\n") && !oldText.includes("\r")) {
    const crlfOld = oldText.replace(/\n/g, "\r\n");
    if (countOccurrences(before, crlfOld) > 0) {
      oldText = crlfOld;
      newText = newText.replace(/\r?\n/g, "\r\n");
      count = countOccurrences(before, oldText);
    }
  }
  if (count === 0) {
    return toolFailure(`edit: ${shown}: old_string not found (it must match exactly, including whitespace and indentation)`);
  }
  if (count > 1 && !replaceAll) {
    return toolFailure(
      `edit: ${shown}: old_string matches ${count} times; include more surrounding text to make it unique, or set replace_all to true`,
    );
  }

  const after = replaceAll ? before.split(oldText).join(newText) : spliceFirst(before, oldText, newText);
  try {
    await atomicWrite(abs, after);
  } catch (err) {
    return toolFailure(`edit: ${shown}: ${fsReason(err)}`);
  }
  const diff = await unifiedDiff(shown, before, after);
  const details: EditDetails = { path: shown, replacements: count, diff };
  const what = count === 1 ? "1 occurrence" : `${count} occurrences`;
  return { content: `edit: replaced ${what} in ${shown}\n\n${diff}`, details };
}

// Not String.replace: a "$&" in the new text must land in the file literally.
function spliceFirst(text: string, oldText: string, newText: string): string {
  const at = text.indexOf(oldText);
  return text.slice(0, at) + newText + text.slice(at + oldText.length);
}
