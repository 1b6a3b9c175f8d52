import { describe, expect, it } from "vitest";
import { parseSkillFile } from "../../engine/skills/skill-file.js";

const parse = (text: string, folder = "pdf-forms") => parseSkillFile(text, `/s/${folder}/SKILL.md`, `/s/${folder}`, folder, `skills/${folder}/SKILL.md`);

describe("SKILL.md front matter", () => {
  it("loads a skill with a name matching its folder and a description", () => {
    expect(parse("---\nname: pdf-forms\ndescription: Fill in PDF forms.\nlicense: MIT\nmetadata:\n  author: me\n---\n# Body\n")).toEqual({
      skill: { name: "pdf-forms", description: "Fill in PDF forms.", path: "/s/pdf-forms/SKILL.md", dir: "/s/pdf-forms", license: "MIT", metadata: { author: "me" } },
      problems: [],
    });
  });

  it.each([
    ["# no front matter", "skills/pdf-forms/SKILL.md: front matter: expected a YAML block between --- lines at the top, got none"],
    ["---\nname: [x\n---\n", "skills/pdf-forms/SKILL.md: front matter: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 9"],
    ["---\n- a\n---\n", "skills/pdf-forms/SKILL.md: front matter: expected a mapping, got a list"],
    ["---\ndescription: x\n---\n", "skills/pdf-forms/SKILL.md: name: expected a string, got nothing"],
    ["---\nname: PDF_Forms\ndescription: x\n---\n", 'skills/pdf-forms/SKILL.md: name: expected 1-64 lowercase letters, digits and single hyphens, got "PDF_Forms"'],
    ["---\nname: pdf--forms\ndescription: x\n---\n", 'skills/pdf-forms/SKILL.md: name: expected 1-64 lowercase letters, digits and single hyphens, got "pdf--forms"'],
    ["---\nname: forms\ndescription: x\n---\n", 'skills/pdf-forms/SKILL.md: name: expected the folder\'s name "pdf-forms", got "forms"'],
    ["---\nname: pdf-forms\n---\n", "skills/pdf-forms/SKILL.md: description: expected a non-empty string, got nothing"],
    ["---\nname: pdf-forms\ndescription: \"  \"\n---\n", 'skills/pdf-forms/SKILL.md: description: expected a non-empty string, got "  "'],
    [`---\nname: pdf-forms\ndescription: ${"d".repeat(1025)}\n---\n`, "skills/pdf-forms/SKILL.md: description: expected at most 1024 characters, got 1025"],
    ["---\nname: pdf-forms\ndescription: x\nlicense: 3\n---\n", "skills/pdf-forms/SKILL.md: license: expected a string, got 3"],
    ["---\nname: pdf-forms\ndescription: x\nmetadata: {a: 1}\n---\n", "skills/pdf-forms/SKILL.md: metadata: expected a mapping of strings to strings, got a table"],
    ["---\nname: pdf-forms\ndescription: x\nallowed-tools: [read]\n---\n", "skills/pdf-forms/SKILL.md: allowed-tools: expected a string of space-separated tool names, got a list"],
    ["---\nname: pdf-forms\ndescription: x\nversion: 2\n---\n", "skills/pdf-forms/SKILL.md: version: unknown key (expected one of: name, description, license, compatibility, metadata, allowed-tools)"],
  ])("refuses %j with one exact line", (text, problem) => {
    expect(parse(text)).toEqual({ problems: [problem] });
  });

  it("reports every problem of one file, not only the first", () => {
    expect(parse("---\nname: Bad\nextra: 1\n---\n").problems).toEqual([
      'skills/pdf-forms/SKILL.md: name: expected 1-64 lowercase letters, digits and single hyphens, got "Bad"',
      "skills/pdf-forms/SKILL.md: description: expected a non-empty string, got nothing",
      "skills/pdf-forms/SKILL.md: extra: unknown key (expected one of: name, description, license, compatibility, metadata, allowed-tools)",
    ]);
  });
});
