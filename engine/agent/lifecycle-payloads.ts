// What the chat loop reads back from lifecycle event payloads after the handlers ran: only the
// fields each event's contract lets a handler change, each checked, with the rest ignored.

/** Most characters context_build contributions may add to one request, all handlers together. */
export const CONTEXT_CONTRIBUTION_CAP = 16_384;

/** The string contributions a `context_build` payload holds, capped; `error` says what was dropped or ignored. */
export function readContributions(data: Record<string, unknown>, cap = CONTEXT_CONTRIBUTION_CAP): { texts: string[]; error?: string } {
  const raw = data.contributions;
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : [];
  const texts: string[] = [];
  let used = 0;
  let dropped = 0;
  let bad = 0;
  for (const item of list) {
    if (typeof item !== "string") {
      bad++;
      continue;
    }
    if (item.trim() === "") continue;
    if (used + item.length > cap) {
      dropped += item.length;
      continue;
    }
    used += item.length;
    texts.push(item);
  }
  const problems: string[] = [];
  if (dropped > 0) problems.push(`context_build: contributions: expected at most ${cap} characters in total, got ${used + dropped}; dropped ${dropped}`);
  if (bad > 0) problems.push(`context_build: contributions: expected strings, got ${bad} other value${bad === 1 ? "" : "s"}; ignored`);
  return problems.length ? { texts, error: problems.join("; ") } : { texts };
}

/** The tool arguments after `tool_call` handlers: a table wins; else `arguments_json` if it was changed. */
export function readToolArguments(data: Record<string, unknown>, originalJson: string): { args: Record<string, unknown>; json: string } | { error: string } {
  const json = data.arguments_json;
  if (typeof json === "string" && json !== originalJson) {
    const parsed = parseArguments(json);
    if ("error" in parsed) return { error: `tool_call: arguments_json: ${parsed.error}` };
    return { args: parsed.args, json };
  }
  // An empty Lua table converts back as an empty list: no arguments.
  const args = Array.isArray(data.arguments) && data.arguments.length === 0 ? {} : data.arguments;
  if (!isRecord(args)) return { error: `tool_call: arguments: expected a table, got ${describe(args)}` };
  return { args, json: JSON.stringify(args) };
}

/** Parses a model's JSON argument text (empty text means no arguments). */
export function parseArguments(json: string): { args: Record<string, unknown> } | { error: string } {
  if (json.trim() === "") return { args: {} };
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (e) {
    return { error: `expected JSON, got ${JSON.stringify(json.slice(0, 80))} (${(e as Error).message})` };
  }
  return isRecord(v) ? { args: v } : { error: `expected a JSON object, got ${describe(v)}` };
}

/** The tool result after `tool_result` handlers: `content` must stay a string. */
export function readToolResult(data: Record<string, unknown>, fallback: { content: string; isError: boolean }): { content: string; isError: boolean } {
  const content = typeof data.content === "string" ? data.content : fallback.content;
  const isError = typeof data.is_error === "boolean" ? data.is_error : fallback.isError;
  return { content, isError };
}

/** A string field a handler may rewrite, or the fallback when it set something else. */
export function readString(data: Record<string, unknown>, key: string, fallback: string): string {
  const v = data[key];
  return typeof v === "string" ? v : fallback;
}

/** True for a plain object (a Lua table converted back). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  return typeof v;
}
