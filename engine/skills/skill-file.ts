// One SKILL.md (the Agent Skills format): YAML front matter between `---` lines, then the body.
// Every problem is one line naming the file and the field; a skill with any problem is not loaded.
import { parse } from "yaml";
import { describeValue } from "../../layout/describe-value.js";

/** A skill that passed validation. `path` is its SKILL.md; the body is read again on use. */
export type Skill = {
  name: string;
  description: string;
  path: string;
  dir: string;
  license?: string;
  compatibility?: string;
  metadata?: Record<string, string>;
  allowedTools?: string;
};

export const SKILL_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SKILL_KEYS = ["name", "description", "license", "compatibility", "metadata", "allowed-tools"];
export const SKILL_DESCRIPTION_MAX = 1024;
export const SKILL_COMPATIBILITY_MAX = 500;

/** Front matter and body of a SKILL.md; `front` is undefined when the file has no front matter. */
export function splitFrontMatter(text: string): { front?: string; body: string } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? { front: m[1]!, body: text.slice(m[0].length) } : { body: text };
}

/** The skill a SKILL.md describes, or the problems that keep it from loading (`shown` names the file). */
export function parseSkillFile(text: string, path: string, dir: string, folder: string, shown: string): { skill?: Skill; problems: string[] } {
  const { front } = splitFrontMatter(text);
  if (front === undefined) return { problems: [`${shown}: front matter: expected a YAML block between --- lines at the top, got none`] };
  let data: unknown;
  try {
    data = parse(front);
  } catch (err) {
    // yaml counts lines from the front matter's first line; the file has the opening --- above it.
    const first = (err instanceof Error ? err.message : String(err)).split("\n")[0]!
      .replace(/ at line (\d+)/, (_m, n: string) => ` at line ${Number(n) + 1}`).replace(/:$/, "");
    return { problems: [`${shown}: front matter: invalid YAML: ${first}`] };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { problems: [`${shown}: front matter: expected a mapping, got ${describeValue(data, "yaml")}`] };
  }
  const fm = data as Record<string, unknown>;
  const problems: string[] = [];
  const field = (key: string, what: string) => problems.push(`${shown}: ${key}: expected ${what}, got ${fm[key] === undefined ? "nothing" : describeValue(fm[key], "yaml")}`);
  const name = fm.name;
  if (typeof name !== "string") field("name", "a string");
  else if (name.length > 64 || !SKILL_NAME.test(name)) field("name", "1-64 lowercase letters, digits and single hyphens");
  else if (name !== folder) problems.push(`${shown}: name: expected the folder's name ${JSON.stringify(folder)}, got ${JSON.stringify(name)}`);
  const description = fm.description;
  if (typeof description !== "string" || description.trim() === "" || description.length > SKILL_DESCRIPTION_MAX) {
    if (typeof description === "string" && description.length > SKILL_DESCRIPTION_MAX) {
      problems.push(`${shown}: description: expected at most ${SKILL_DESCRIPTION_MAX} characters, got ${description.length}`);
    } else field("description", `a non-empty string`);
  }
  if (fm.license !== undefined && typeof fm.license !== "string") field("license", "a string");
  if (fm.compatibility !== undefined && (typeof fm.compatibility !== "string" || fm.compatibility.length > SKILL_COMPATIBILITY_MAX)) {
    field("compatibility", `a string of at most ${SKILL_COMPATIBILITY_MAX} characters`);
  }
  const metadata = fm.metadata;
  if (metadata !== undefined && (metadata === null || typeof metadata !== "object" || Array.isArray(metadata) || Object.values(metadata).some((v) => typeof v !== "string"))) {
    field("metadata", "a mapping of strings to strings");
  }
  if (fm["allowed-tools"] !== undefined && typeof fm["allowed-tools"] !== "string") field("allowed-tools", "a string of space-separated tool names");
  for (const key of Object.keys(fm)) {
    if (!SKILL_KEYS.includes(key)) problems.push(`${shown}: ${key}: unknown key (expected one of: ${SKILL_KEYS.join(", ")})`);
  }
  if (problems.length > 0) return { problems };
  const skill: Skill = { name: name as string, description: (description as string).trim(), path, dir };
  if (typeof fm.license === "string") skill.license = fm.license;
  if (typeof fm.compatibility === "string") skill.compatibility = fm.compatibility;
  if (metadata !== undefined) skill.metadata = metadata as Record<string, string>;
  if (typeof fm["allowed-tools"] === "string") skill.allowedTools = fm["allowed-tools"];
  return { skill, problems };
}
