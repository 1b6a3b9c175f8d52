// What `librecode skill list | show NAME | validate [PATH...]` print; bin/ only wires argv and exits.
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { displayPath } from "../kernel/display-path.js";
import type { CliOutcome } from "../tools/tool-cli.js";
import { discoverSkills, skillRoots, type SkillCatalog, type SkillRoot } from "./discover-skills.js";
import { parseSkillFile } from "./skill-file.js";
import { skillBody } from "./skill-prompt.js";

export type SkillCliContext = { cwd: string; home: string; userHome?: string };

function catalogOf(ctx: SkillCliContext): Promise<SkillCatalog> {
  return discoverSkills(skillRoots(ctx), ctx.cwd);
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  const end = flat.search(/\.(\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

/** One line per loaded skill (name, scope, first sentence), then shadowed ones; problems on stderr. */
export async function skillList(ctx: SkillCliContext): Promise<CliOutcome> {
  const c = await catalogOf(ctx);
  const width = Math.max(4, ...c.skills.map((s) => s.name.length));
  const lines = c.skills.map((s) => `${s.name.padEnd(width)}  ${s.scope.padEnd(7)}  ${firstSentence(s.description)}`);
  for (const { skill, by } of c.shadowed) {
    lines.push(`${skill.name.padEnd(width)}  ${skill.scope.padEnd(7)}  (shadowed: ${displayPath(skill.path, ctx.cwd)} loses to ${displayPath(by.path, ctx.cwd)})`);
  }
  if (lines.length === 0 && c.problems.length === 0) lines.push("No skills found (.librecode/skills, .agents/skills, $LIBRECODE_HOME/skills, ~/.agents/skills).");
  const stderr = c.problems.map((p) => `librecode skill: not loaded: ${p}\n`).join("");
  return { stdout: lines.map((l) => `${l}\n`).join(""), stderr, exitCode: 0 };
}

/** A skill's name, description, path and body (what `/skill:NAME` sends); exit 2 for an unknown name. */
export async function skillShow(ctx: SkillCliContext, name: string): Promise<CliOutcome> {
  const c = await catalogOf(ctx);
  const skill = c.skills.find((s) => s.name === name);
  if (!skill) {
    const known = c.skills.map((s) => s.name).join(", ") || "none";
    return { stdout: "", stderr: `librecode skill show: unknown skill ${JSON.stringify(name)} (known: ${known})\n`, exitCode: 2 };
  }
  const head = [`name: ${skill.name}`, `description: ${skill.description.replace(/\s+/g, " ")}`, `path: ${displayPath(skill.path, ctx.cwd)}`];
  return { stdout: `${head.join("\n")}\n\n${skillBody(skill)}\n`, stderr: "", exitCode: 0 };
}

/** Checks every skill in the roots, or the given paths (a SKILL.md, a skill folder, or a folder of
 *  skills): one line per problem on stderr and exit 1 if any, else a count on stdout. */
export async function skillValidate(ctx: SkillCliContext, paths: string[]): Promise<CliOutcome> {
  let problems: string[];
  let count: number;
  if (paths.length === 0) {
    const c = await catalogOf(ctx);
    problems = c.problems;
    count = c.skills.length + c.shadowed.length;
  } else {
    problems = [];
    count = 0;
    for (const p of paths) {
      const abs = resolve(ctx.cwd, p);
      const info = await stat(abs).catch(() => undefined);
      if (!info) {
        problems.push(`${p}: not found`);
        continue;
      }
      const file = info.isDirectory() ? join(abs, "SKILL.md") : abs;
      if (info.isDirectory() && !(await stat(file).catch(() => undefined))) {
        const c = await discoverSkills([{ dir: abs, scope: "project" } satisfies SkillRoot], ctx.cwd);
        problems.push(...c.problems);
        count += c.skills.length + c.shadowed.length;
        continue;
      }
      const text = await readFile(file, "utf8");
      const r = parseSkillFile(text, file, dirname(file), basename(dirname(file)), displayPath(file, ctx.cwd));
      problems.push(...r.problems);
      if (r.skill) count++;
    }
  }
  if (problems.length > 0) return { stdout: "", stderr: problems.map((p) => `librecode skill validate: ${p}\n`).join(""), exitCode: 1 };
  return { stdout: `${count} skill${count === 1 ? "" : "s"} valid\n`, stderr: "", exitCode: 0 };
}
