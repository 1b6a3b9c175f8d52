// What a user with no skills is told: where to put one, naming every root discovery reads.
import { describe, expect, it } from "vitest";
import { skillRoots } from "../../engine/skills/discover-skills.js";
import { SkillSet, skillListLines } from "../../engine/skills/skill-set.js";
import { tempDir } from "../support/temp-tree.js";

describe("/skill with no skills", () => {
  it("names the four roots skills are read from", async () => {
    const dir = tempDir("librecode-noskills-");
    const set = new SkillSet({ cwd: dir, home: dir, userHome: dir });
    await set.refresh();
    expect(skillRoots({ cwd: dir, home: dir, userHome: dir })).toHaveLength(4);
    expect(skillListLines(set)).toEqual([
      "No skills. Put a folder with a SKILL.md in .librecode/skills, .agents/skills, $LIBRECODE_HOME/skills or ~/.agents/skills.",
    ]);
  });
});
