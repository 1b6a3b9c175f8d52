// Transcript fixtures (`librecode render --transcript FILE`): JSON lines turned into the blocks
// the chat loop would have appended, so a chat screen can be snapshot without a model.
import type { Block } from "../kernel/block.js";

/** A fixture line that is not a usable entry; `message` reads `transcript: FILE:LINE: reason`. */
export class TranscriptFixtureError extends Error {
  // bin/ maps errors named UsageError to exit code 2 (engine/ cannot import bin's class).
  override name = "UsageError";
}

const MESSAGE_ROLES = new Set(["user", "assistant", "system"]);

/**
 * One block per non-empty line: `{role: user|assistant|system, text}` is a message,
 * `{role: "thinking", text}` a thinking block, `{role: "tool", name, arguments, text, status}` a
 * tool call with its output (status pending|success|error), and `{kind, role, text, metadata}` is
 * taken as written.
 */
export function parseTranscriptFixture(source: string, file: string): Partial<Block>[] {
  const blocks: Partial<Block>[] = [];
  source.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `transcript: ${file}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new TranscriptFixtureError(`${where}: expected a JSON object, got invalid JSON (${(e as Error).message})`);
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      throw new TranscriptFixtureError(`${where}: expected a JSON object, got ${Array.isArray(v) ? "an array" : typeof v}`);
    }
    blocks.push(entryBlock(v as Record<string, unknown>, where));
  });
  return blocks;
}

function entryBlock(e: Record<string, unknown>, where: string): Partial<Block> {
  const text = typeof e.text === "string" ? e.text : typeof e.result === "string" ? e.result : "";
  const metadata = typeof e.metadata === "object" && e.metadata !== null ? (e.metadata as Record<string, unknown>) : {};
  if (typeof e.kind === "string") {
    return { kind: e.kind, role: typeof e.role === "string" ? e.role : "assistant", text, metadata };
  }
  const role = e.role;
  if (typeof role === "string" && MESSAGE_ROLES.has(role)) return { kind: "message", role, text, metadata };
  if (role === "thinking") return { kind: "thinking", role: "assistant", text, metadata };
  if (role === "tool") {
    const args = typeof e.arguments === "string" ? parseArguments(e.arguments) : (e.arguments ?? {});
    const status = typeof e.status === "string" ? e.status : "success";
    return { kind: "tool", role: "tool", text, metadata: { ...metadata, name: String(e.name ?? "tool"), arguments: args, status } };
  }
  throw new TranscriptFixtureError(`${where}: role: expected user, assistant, system, thinking or tool, got ${JSON.stringify(role ?? null)}`);
}

// Tool arguments are an object in blocks (as lifecycle payloads carry them); a JSON string is parsed.
function parseArguments(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
