// The skills a chat knows, refreshed from disk when the chat opens and on `/skill`, and the slash
// commands that use them: `/skill` lists them, `/skill:NAME [request]` sends one with a request.
import type { CommandRegistry } from "../kernel/command-registry.js";
import { discoverSkills, skillRoots, type FoundSkill, type SkillCatalog } from "./discover-skills.js";
import { skillPrompt } from "./skill-prompt.js";

export type SkillSetOptions = { cwd: string; home: string; userHome?: string };

/** The current skill catalog of one chat. */
export class SkillSet {
  private catalog: SkillCatalog = { skills: [], shadowed: [], problems: [] };
  /** Settles when the newest refresh has finished. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly opts: SkillSetOptions) {}

  /** Loaded skills, highest priority first. */
  get skills(): readonly FoundSkill[] {
    return this.catalog.skills;
  }

  /** Skills that did not load, one line each. */
  get problems(): readonly string[] {
    return this.catalog.problems;
  }

  /** Re-reads the four roots; `onChange` runs with the new catalog. */
  refresh(onChange?: (catalog: SkillCatalog) => void): Promise<void> {
    this.ready = discoverSkills(skillRoots(this.opts), this.opts.cwd).then((catalog) => {
      this.catalog = catalog;
      onChange?.(catalog);
    });
    return this.ready;
  }
}

/** What the skill commands need of the chat: where a prompt goes, and the command registry. */
export type SkillCommandHost = { commands: CommandRegistry; submit(prompt: string): void; cwd: string };

/** Lines `/skill` prints: each skill with its description, then the problems of those that did not load. */
export function skillListLines(set: SkillSet): string[] {
  if (set.skills.length === 0 && set.problems.length === 0) {
    return ["No skills. Put a folder with a SKILL.md in .librecode/skills, .agents/skills, $LIBRECODE_HOME/skills or ~/.agents/skills."];
  }
  const width = Math.max(0, ...set.skills.map((s) => s.name.length + 7));
  const lines = set.skills.map((s) => `${`/skill:${s.name}`.padEnd(width)}  ${s.description.replace(/\s+/g, " ")}`);
  if (set.problems.length) lines.push("", "Not loaded:", ...set.problems);
  return ["Skills (/skill:NAME REQUEST sends one):", ...lines];
}

/** The line for `/skill:NAME` naming no loaded skill: what exists, or that none does. */
export function unknownSkillText(set: SkillSet, name: string): string {
  const known = set.skills.map((s) => s.name);
  return known.length
    ? `unknown skill: ${name} (skills: ${known.join(", ")}; /skill lists them)`
    : `unknown skill: ${name} (no skills are loaded; /skill says where to put them)`;
}

/** Registers `/skill` and one `/skill:NAME` per skill; the latter follow every refresh. */
export function registerSkillCommands(host: SkillCommandHost, set: SkillSet): void {
  let names: string[] = [];
  const sync = () => {
    for (const name of names) host.commands.delete(name);
    names = set.skills.map((s) => `skill:${s.name}`);
    for (const skill of set.skills) {
      host.commands.register(`skill:${skill.name}`, {
        desc: skill.description.replace(/\s+/g, " "),
        owner: "host",
        run: (args: string) => {
          host.submit(skillPrompt(skill, args, host.cwd));
          return "";
        },
      });
    }
  };
  host.commands.register("skill", {
    desc: "list skills (re-read from disk); /skill:NAME REQUEST uses one",
    owner: "host",
    unknownMember: (name) => unknownSkillText(set, name),
    run: async () => {
      await set.refresh(sync);
      return skillListLines(set).join("\n");
    },
  });
  void set.refresh(sync);
}
