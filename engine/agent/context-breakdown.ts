// `/context`: where the context goes, by contributor. Each share is ~chars/4 of what that part
// sends (the same estimate the meter uses before a provider count), so the shares show proportions
// even when the total is the provider's own count.
import type { ToolRegistry } from "../kernel/tool-registry.js";
import type { Skill } from "../skills/skill-file.js";
import { skillsSection } from "../skills/skill-prompt.js";
import { estimateTokens, type ContextEntry } from "./conversation.js";
import { BASE_PROMPT, findAgentsFiles } from "./system-prompt.js";

export type ContextShare = { part: string; tokens: number };

export type BreakdownInput = {
  cwd: string;
  home?: string;
  base?: string;
  skills: readonly Skill[];
  tools: ToolRegistry;
  entries: readonly ContextEntry[];
  summary: string | undefined;
};

/** Estimated tokens per contributor, in the order the request sends them. */
export function contextBreakdown(input: BreakdownInput): ContextShare[] {
  const agents = findAgentsFiles(input.cwd, input.home).reduce((n, f) => n + f.path.length + f.text.length + 30, 0);
  const tools = input.tools.list().reduce((n, t) => n + t.name.length + t.description.length + JSON.stringify(t.schema).length, 0);
  let user = 0;
  let assistant = 0;
  let results = 0;
  for (const { message: m } of input.entries) {
    if (m.role === "user" || m.role === "system") user += m.text.length;
    else if (m.role === "tool") results += m.content.length;
    else assistant += m.text.length + (m.thinking?.length ?? 0) + (m.toolCalls ?? []).reduce((n, c) => n + c.name.length + c.arguments.length, 0);
  }
  const shares: [string, number][] = [
    ["system prompt", (input.base?.trim() || BASE_PROMPT).length + input.cwd.length + 20],
    ["AGENTS.md", agents],
    ["skills", skillsSection(input.skills, input.cwd).length],
    ["tools", tools],
    ["summary", input.summary?.length ?? 0],
    ["user messages", user],
    ["assistant messages", assistant],
    ["tool results", results],
  ];
  return shares.map(([part, chars]) => ({ part, tokens: chars === 0 ? 0 : estimateTokens(chars) }));
}

/** The shares as aligned lines: `  part  ~tokens  percent%` of their sum. */
export function breakdownLines(shares: readonly ContextShare[]): string[] {
  const total = shares.reduce((n, s) => n + s.tokens, 0) || 1;
  const nameWidth = Math.max(...shares.map((s) => s.part.length));
  const numbers = shares.map((s) => s.tokens.toLocaleString("en-US"));
  const numWidth = Math.max(...numbers.map((n) => n.length));
  return shares.map((s, i) => `  ${s.part.padEnd(nameWidth)}  ${`~${numbers[i]!}`.padStart(numWidth + 1)}  ${String(Math.round((s.tokens / total) * 100)).padStart(3)}%`);
}
