// `write`: create or overwrite a whole file.
import { stat } from "node:fs/promises";
import type { ToolDefinition } from "../kernel/tool-registry.js";
import { atomicWrite } from "./atomic-write.js";
import { fsReason, toolFailure } from "./tool-failure.js";
import { displayPath, resolveToolPath } from "./tool-paths.js";

export type WriteDetails = { path: string; bytes: number; created: boolean };

/** The write tool definition. */
export function writeTool(): ToolDefinition {
  return {
    name: "write",
    owner: "host",
    description:
      "Write a file with exactly the given content, replacing it if it exists and creating missing parent " +
      "directories. Prefer edit for changing part of an existing file. Paths are relative to the working " +
      "directory unless absolute.",
    schema: {
      type: "object",
      properties: {
        path: { type: "string", description: "File to write (relative to the working directory, or absolute)" },
        content: { type: "string", description: "The complete new content of the file" },
      },
      required: ["path", "content"],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const abs = resolveToolPath(ctx.cwd, String(args.path));
      const shown = displayPath(abs, ctx.cwd);
      const content = String(args.content);
      const existing = await stat(abs).catch(() => undefined);
      if (existing?.isDirectory()) return toolFailure(`write: ${shown} is a directory`);
      try {
        await atomicWrite(abs, content);
      } catch (err) {
        return toolFailure(`write: ${shown}: ${fsReason(err)}`);
      }
      const bytes = Buffer.byteLength(content);
      const details: WriteDetails = { path: shown, bytes, created: existing === undefined };
      return { content: `write: ${existing ? "overwrote" : "created"} ${shown} (${bytes} bytes)`, details };
    },
  };
}
