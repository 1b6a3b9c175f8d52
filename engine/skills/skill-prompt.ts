// What the model sees of skills: names and descriptions in the system prompt (cheap, always), and a
// skill's body only when it is used: the model reads SKILL.md itself, or `/skill:NAME` sends it.
import { readFileSync } from "node:fs";
import { displayPath } from "../kernel/display-path.js";
import type { Skill } from "./skill-file.js";
import { splitFrontMatter } from "./skill-file.js";

/** The system prompt section that advertises skills, or "" when there are none. */
export function skillsSection(skills: readonly Skill[], cwd: string): string {
  if (skills.length === 0) return "";
  return [
    "# Skills",
    "",
    "Skills are folders of instructions for particular tasks. When a task matches a skill's description, " +
      "read its SKILL.md with the read tool before you start and follow it; paths inside it are relative to its folder.",
    "",
    ...skills.map((s) => `- ${s.name}: ${s.description.replace(/\s+/g, " ")} (${displayPath(s.path, cwd)})`),
  ].join("\n");
}

/** The body of a skill's SKILL.md (front matter removed), read now so edits show without a restart. */
export function skillBody(skill: Skill): string {
  return splitFrontMatter(readFileSync(skill.path, "utf8")).body.trim();
}

/** The prompt `/skill:NAME request` sends: the skill's instructions, then what the user asked. */
export function skillPrompt(skill: Skill, request: string, cwd: string): string {
  const head = `<skill name="${skill.name}" path="${displayPath(skill.path, cwd)}">\n${skillBody(skill)}\n</skill>`;
  return request.trim() === "" ? head : `${head}\n\n${request.trim()}`;
}
