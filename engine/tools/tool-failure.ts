// The one shape user-facing tool failures take: an isError result, never a throw.
import type { ToolResult } from "../kernel/tool-registry.js";

/** An error result whose content is the message the model (and the user) will read. */
export function toolFailure(content: string, details?: unknown): ToolResult {
  return details === undefined ? { content, isError: true } : { content, details, isError: true };
}

/** The errno code of a Node filesystem error ("ENOENT"), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A short reason for a filesystem error: "permission denied", or the error's own message. */
export function fsReason(err: unknown): string {
  switch (errnoCode(err)) {
    case "ENOENT":
      return "not found";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a parent is not a directory";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
