// The system prompt: a base text (or `assistant.system_prompt`), the working directory, and every
// AGENTS.md from the filesystem root down to the working directory, outermost first, so the
// instructions nearest the project read last and win on conflicts.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Skill } from "../skills/skill-file.js";
import { skillsSection } from "../skills/skill-prompt.js";

/** Longest AGENTS.md kept (characters); the rest is cut with a note. */
export const AGENTS_FILE_CAP = 32_000;

/** The system prompt's opening when `assistant.system_prompt` does not replace it. */
export const BASE_PROMPT = [
  "You are librecode, a coding assistant working in the user's terminal on their project.",
  "Use the tools to read, search and change files and to run commands; do not guess file contents.",
  "Keep answers short and concrete; show code changes with the edit or write tools, not in prose.",
].join("\n");

export type AgentsFile = { path: string; text: string };

/** Every AGENTS.md in `cwd` and its parents, outermost first (plus `$LIBRECODE_HOME/AGENTS.md` first when given). */
export function findAgentsFiles(cwd: string, home?: string): AgentsFile[] {
  const dirs: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  const paths = dirs.map((d) => join(d, "AGENTS.md"));
  if (home) paths.unshift(join(resolve(home), "AGENTS.md"));
  const out: AgentsFile[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) continue;
    seen.add(path);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    if (text.length > AGENTS_FILE_CAP) text = `${text.slice(0, AGENTS_FILE_CAP)}\n[AGENTS.md cut at ${AGENTS_FILE_CAP} characters]`;
    out.push({ path, text: text.trimEnd() });
  }
  return out;
}

/** The full system prompt for a run in `cwd`: base, directory, AGENTS.md files, then the skills on offer. */
export function buildSystemPrompt(opts: { cwd: string; home?: string; base?: string; skills?: readonly Skill[] }): string {
  const parts = [opts.base?.trim() || BASE_PROMPT, `Working directory: ${resolve(opts.cwd)}`];
  for (const f of findAgentsFiles(opts.cwd, opts.home)) parts.push(`# Instructions from ${f.path}\n\n${f.text}`);
  const skills = skillsSection(opts.skills ?? [], opts.cwd);
  if (skills !== "") parts.push(skills);
  return parts.join("\n\n");
}

/** The section a compaction summary adds to the system prompt of every later request. */
export function summarySection(summary: string): string {
  return `# Summary of the earlier conversation\n\n${summary}`;
}
