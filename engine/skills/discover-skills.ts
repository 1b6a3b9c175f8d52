// Skills come from four roots, highest priority first: the project's `.librecode/skills` and
// `.agents/skills`, then the user's `$LIBRECODE_HOME/skills` and `~/.agents/skills`. A folder holding a
// SKILL.md is one skill (folders inside it are its resources, not more skills); .gitignore rules
// apply as they do for grep and find. A name already taken by a higher root is shadowed, and a
// folder reached twice through symlinks loads once.
import { readFile, realpath } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { displayPath } from "../kernel/display-path.js";
import { walkTree } from "../tools/file-walker.js";
import { parseSkillFile, type Skill } from "./skill-file.js";

export type SkillRoot = { dir: string; scope: "project" | "user" };
export type FoundSkill = Skill & { scope: SkillRoot["scope"] };
export type SkillCatalog = {
  /** Loaded skills in priority order (root order, then path). */
  skills: FoundSkill[];
  /** Valid skills whose name a higher-priority skill already took. */
  shadowed: { skill: FoundSkill; by: FoundSkill }[];
  /** One line per problem, for the skills that did not load. */
  problems: string[];
};

/** The four roots in priority order. `home` is `$LIBRECODE_HOME`; `userHome` defaults to the OS home. */
export function skillRoots(opts: { cwd: string; home: string; userHome?: string }): SkillRoot[] {
  const user = opts.userHome ?? homedir();
  return [
    { dir: resolve(opts.cwd, ".librecode/skills"), scope: "project" },
    { dir: resolve(opts.cwd, ".agents/skills"), scope: "project" },
    { dir: resolve(opts.home, "skills"), scope: "user" },
    { dir: resolve(user, ".agents/skills"), scope: "user" },
  ];
}

/** Every SKILL.md below root that is not inside another skill's folder. */
async function skillFiles(root: string): Promise<string[]> {
  const dirs: string[] = [];
  for await (const entry of walkTree(root, { cwd: root })) {
    if (!entry.isDir && basename(entry.abs) === "SKILL.md") dirs.push(dirname(entry.abs));
  }
  const set = new Set(dirs);
  const outer = dirs.filter((d) => {
    for (let p = dirname(d); p !== root && p.length > root.length; p = dirname(p)) if (set.has(p)) return false;
    return true;
  });
  return outer.map((d) => join(d, "SKILL.md"));
}

/** Finds, validates and de-duplicates the skills in roots; `cwd` shortens the paths in problems. */
export async function discoverSkills(roots: SkillRoot[], cwd: string): Promise<SkillCatalog> {
  const catalog: SkillCatalog = { skills: [], shadowed: [], problems: [] };
  const byName = new Map<string, FoundSkill>();
  const seen = new Set<string>();
  for (const root of roots) {
    for (const path of await skillFiles(root.dir)) {
      const real = await realpath(path).catch(() => path);
      if (seen.has(real)) continue;
      seen.add(real);
      const text = await readFile(path, "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const dir = dirname(path);
      const { skill, problems } = parseSkillFile(text, path, dir, basename(dir), displayPath(path, cwd));
      catalog.problems.push(...problems);
      if (!skill) continue;
      const found: FoundSkill = { ...skill, scope: root.scope };
      const winner = byName.get(found.name);
      if (winner) catalog.shadowed.push({ skill: found, by: winner });
      else {
        byName.set(found.name, found);
        catalog.skills.push(found);
      }
    }
  }
  return catalog;
}
