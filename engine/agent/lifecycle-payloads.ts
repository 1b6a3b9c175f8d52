// What the chat loop reads back from lifecycle event payloads after the handlers ran: only the
// fields each event's contract lets a handler change, each checked, with the rest ignored.
import { describeValue } from "../../layout/describe-value.js";
import { isRecord } from "../kernel/is-record.js";
import { estimateTokens } from "./conversation.js";

/** Most characters context_build contributions may add to one request, all handlers together. */
export const CONTEXT_CONTRIBUTION_CAP = 16_384;

/** One context_build contribution as the original took it: `{name, source, role, content}`. */
export type Contribution = { name: string; source: string; role: string; content: string };

/**
 * The contributions a `context_build` payload holds (strings, or the original's tables), capped
 * together at `cap` characters; `error` says what was dropped or ignored.
 */
export function readContributions(data: Record<string, unknown>, cap = CONTEXT_CONTRIBUTION_CAP): { texts: string[]; tables: Contribution[]; error?: string } {
  const raw = data.contributions;
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : [];
  const texts: string[] = [];
  const tables: Contribution[] = [];
  let used = 0;
  let dropped = 0;
  let bad = 0;
  for (const item of list) {
    const table = isRecord(item) ? contributionTable(item) : undefined;
    if (typeof item !== "string" && table === undefined) {
      bad++;
      continue;
    }
    const text = table ? table.content : (item as string);
    if (text.trim() === "") continue;
    if (used + text.length > cap) {
      dropped += text.length;
      continue;
    }
    used += text.length;
    if (table) tables.push(table);
    else texts.push(text);
  }
  const problems: string[] = [];
  if (dropped > 0) problems.push(`context_build: contributions: expected at most ${cap} characters in total, got ${used + dropped}; dropped ${dropped}`);
  if (bad > 0) problems.push(`context_build: contributions: expected strings or {content=} tables, got ${bad} other value${bad === 1 ? "" : "s"}; ignored`);
  return problems.length ? { texts, tables, error: problems.join("; ") } : { texts, tables };
}

// The original's defaults: source "extension", role "system"; content is required (trimmed).
function contributionTable(t: Record<string, unknown>): Contribution | undefined {
  if (typeof t.content !== "string") return undefined;
  const str = (v: unknown, d: string) => (typeof v === "string" && v !== "" ? v : d);
  return { name: str(t.name, ""), source: str(t.source, "extension"), role: str(t.role, "system"), content: t.content.trim() };
}

/** The system-prompt section table contributions make, in the original's `<extension_context>` form. */
export function contributionSection(tables: Contribution[]): string {
  if (tables.length === 0) return "";
  const blocks = tables.map((c) => {
    const name = c.name !== "" ? ` name=${JSON.stringify(c.name)}` : "";
    return `<block${name} source=${JSON.stringify(c.source)} role=${JSON.stringify(c.role)} tokens=${estimateTokens(c.content.length)}>\n${c.content}\n</block>`;
  });
  return `<extension_context>\n${blocks.join("\n")}\n</extension_context>`;
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
  if (!isRecord(args)) return { error: `tool_call: arguments: expected a table, got ${describeValue(args)}` };
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
  return isRecord(v) ? { args: v } : { error: `expected a JSON object, got ${describeValue(v, "json")}` };
}

/**
 * The tool result after `tool_result` handlers: `content` (ours) or `result` (the original's name),
 * whichever a handler changed, must stay a string; an `error` set non-empty makes it an error.
 */
export function readToolResult(data: Record<string, unknown>, fallback: { content: string; isError: boolean }): { content: string; isError: boolean } {
  let content = typeof data.content === "string" ? data.content : fallback.content;
  if (typeof data.result === "string" && data.result !== fallback.content) content = data.result;
  let isError = typeof data.is_error === "boolean" ? data.is_error : fallback.isError;
  const error = data.error;
  if (typeof error === "string" && error !== (fallback.isError ? fallback.content : "")) {
    isError = error.trim() !== "";
    if (isError && content === fallback.content) content = error;
  }
  return { content, isError };
}

/** A string field a handler may rewrite, or the fallback when it set something else. */
export function readString(data: Record<string, unknown>, key: string, fallback: string): string {
  const v = data[key];
  return typeof v === "string" ? v : fallback;
}


