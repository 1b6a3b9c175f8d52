// What `librecode tool list` and `librecode tool run NAME 'JSON'` print; bin/ only wires argv and exits.
import type { ToolRegistry } from "../kernel/tool-registry.js";
import { describeValue } from "../../layout/describe-value.js";

export type CliOutcome = { stdout: string; stderr: string; exitCode: 0 | 1 | 2 };

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

/** One line per tool: name, owner and the first sentence of its description, in registration order. */
export function toolListText(registry: ToolRegistry): string {
  const tools = registry.list();
  const nameWidth = Math.max(4, ...tools.map((t) => t.name.length));
  const ownerWidth = Math.max(5, ...tools.map((t) => t.owner.length));
  return tools
    .map((t) => `${t.name.padEnd(nameWidth)}  ${t.owner.padEnd(ownerWidth)}  ${firstSentence(t.description)}`)
    .join("\n") + (tools.length > 0 ? "\n" : "");
}

/** Extension hooks around a tool run, as the chat applies them: `tool_call` may rewrite the
 *  arguments or refuse the call, `tool_result` may rewrite what comes back. */
export type ToolHooks = {
  before(name: string, args: Record<string, unknown>): { args: Record<string, unknown> } | { refusal: string };
  after(name: string, args: Record<string, unknown>, result: { content: string; isError: boolean }): { content: string; isError: boolean };
};

/** Runs one tool from the command line: exit 0 with the content on stdout, 1 when the tool reports an
 *  error (content on stderr), 2 for an unknown tool or bad arguments (one line on stderr). */
export async function runToolCommand(registry: ToolRegistry, name: string, json: string | undefined,
  ctx: { cwd: string; signal?: AbortSignal; onUpdate?(partial: string): void; hooks?: ToolHooks }): Promise<CliOutcome> {
  const usage = (reason: string): CliOutcome => ({ stdout: "", stderr: `librecode tool run: ${reason}\n`, exitCode: 2 });
  if (!registry.get(name)) {
    return usage(`unknown tool '${name}' (known: ${registry.list().map((t) => t.name).join(", ")})`);
  }
  let args: unknown;
  try {
    args = JSON.parse(json ?? "{}");
  } catch (err) {
    return usage(`arguments: expected a JSON object, got invalid JSON (${(err as Error).message})`);
  }
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return usage(`arguments: expected a JSON object, got ${describeValue(args, "json")}`);
  }
  const problem = registry.validate(name, args);
  if (problem !== undefined) return usage(problem);
  const before = ctx.hooks ? ctx.hooks.before(name, args as Record<string, unknown>) : { args: args as Record<string, unknown> };
  let result: { content: string; isError?: boolean };
  if ("refusal" in before) result = { content: before.refusal, isError: true };
  else {
    result = await registry.run(name, before.args, { cwd: ctx.cwd, signal: ctx.signal ?? new AbortController().signal, onUpdate: ctx.onUpdate });
    if (ctx.hooks) result = ctx.hooks.after(name, before.args, { content: result.content, isError: result.isError === true });
  }
  const text = result.content.endsWith("\n") ? result.content : `${result.content}\n`;
  return result.isError ? { stdout: "", stderr: text, exitCode: 1 } : { stdout: text, stderr: "", exitCode: 0 };
}
