import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { discoverSkills, skillRoots } from "../../engine/skills/discover-skills.js";
import { buildSystemPrompt } from "../../engine/agent/system-prompt.js";
import { skillList, skillShow, skillValidate } from "../../engine/skills/skill-cli.js";
import { skillPrompt } from "../../engine/skills/skill-prompt.js";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp root with project/ (cwd), lchome/ ($LIBRECODE_HOME) and user/ (the OS home). */
function tree(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "librecode-skills-"));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const ctx = { cwd: join(root, "project"), home: join(root, "lchome"), userHome: join(root, "user") };
  mkdirSync(ctx.cwd, { recursive: true });
  return { root, ctx };
}

const skill = (name: string, description: string, body = "Do the thing.") => `---\nname: ${name}\ndescription: ${description}\n---\n${body}\n`;

describe("skill discovery", () => {
  it("reads the four roots in priority order", async () => {
    const { ctx } = tree({
      "user/.agents/skills/d/SKILL.md": skill("d", "User agents."),
      "lchome/skills/c/SKILL.md": skill("c", "Librecode home."),
      "project/.agents/skills/b/SKILL.md": skill("b", "Project agents."),
      "project/.librecode/skills/a/SKILL.md": skill("a", "Project librecode."),
    });
    const c = await discoverSkills(skillRoots(ctx), ctx.cwd);
    expect(c.skills.map((s) => `${s.name} ${s.scope}`)).toEqual(["a project", "b project", "c user", "d user"]);
    expect(c.problems).toEqual([]);
  });

  it("keeps the higher root's skill when two share a name", async () => {
    const { ctx } = tree({
      "project/.librecode/skills/lint/SKILL.md": skill("lint", "Project lint."),
      "user/.agents/skills/lint/SKILL.md": skill("lint", "User lint."),
    });
    const c = await discoverSkills(skillRoots(ctx), ctx.cwd);
    expect(c.skills.map((s) => s.description)).toEqual(["Project lint."]);
    expect(c.shadowed.map((s) => `${s.skill.description} < ${s.by.description}`)).toEqual(["User lint. < Project lint."]);
  });

  it("finds nested skills, but not inside another skill's folder", async () => {
    const { ctx } = tree({
      "project/.librecode/skills/group/one/SKILL.md": skill("one", "One."),
      "project/.librecode/skills/two/SKILL.md": skill("two", "Two."),
      "project/.librecode/skills/two/examples/three/SKILL.md": skill("three", "A resource of two."),
    });
    const c = await discoverSkills(skillRoots(ctx), ctx.cwd);
    expect(c.skills.map((s) => s.name)).toEqual(["one", "two"]);
  });

  it("respects .gitignore", async () => {
    const { ctx } = tree({
      "project/.librecode/skills/.gitignore": "drafts/\n",
      "project/.librecode/skills/drafts/wip/SKILL.md": skill("wip", "Not ready."),
      "project/.librecode/skills/done/SKILL.md": skill("done", "Ready."),
    });
    expect((await discoverSkills(skillRoots(ctx), ctx.cwd)).skills.map((s) => s.name)).toEqual(["done"]);
  });

  it("loads a folder reached through two roots once", async () => {
    const { root, ctx } = tree({ "shared/review/SKILL.md": skill("review", "Review code.") });
    mkdirSync(join(ctx.cwd, ".librecode/skills"), { recursive: true });
    mkdirSync(join(ctx.cwd, ".agents"), { recursive: true });
    symlinkSync(join(root, "shared"), join(ctx.cwd, ".agents/skills"));
    symlinkSync(join(root, "shared/review"), join(ctx.cwd, ".librecode/skills/review"));
    const c = await discoverSkills(skillRoots(ctx), ctx.cwd);
    expect(c.skills.map((s) => s.name)).toEqual(["review"]);
    expect(c.shadowed).toEqual([]);
  });

  it("leaves out a skill with a problem and says why", async () => {
    const { ctx } = tree({ "project/.librecode/skills/bad/SKILL.md": "---\nname: bad\n---\n" });
    const c = await discoverSkills(skillRoots(ctx), ctx.cwd);
    expect(c.skills).toEqual([]);
    expect(c.problems).toEqual([".librecode/skills/bad/SKILL.md: description: expected a non-empty string, got nothing"]);
  });
});

describe("skills in the system prompt and on use", () => {
  it("advertises names, descriptions and paths, not bodies", async () => {
    const { ctx } = tree({ "project/.librecode/skills/pdf/SKILL.md": skill("pdf", "Fill PDF forms.", "SECRET BODY") });
    const { skills } = await discoverSkills(skillRoots(ctx), ctx.cwd);
    const prompt = buildSystemPrompt({ cwd: ctx.cwd, base: "Base.", skills });
    expect(prompt.split("\n\n").slice(2)).toEqual([
      "# Skills",
      "Skills are folders of instructions for particular tasks. When a task matches a skill's description, read its SKILL.md with the read tool before you start and follow it; paths inside it are relative to its folder.",
      "- pdf: Fill PDF forms. (.librecode/skills/pdf/SKILL.md)",
    ]);
    expect(prompt).not.toContain("SECRET BODY");
  });

  it("adds no section when there are no skills", () => {
    expect(buildSystemPrompt({ cwd: "/nowhere", base: "Base.", skills: [] })).toBe("Base.\n\nWorking directory: /nowhere");
  });

  it("sends the body, read at use, then the request", async () => {
    const { ctx } = tree({ "project/.librecode/skills/pdf/SKILL.md": skill("pdf", "Fill PDF forms.", "Step 1.\nStep 2.") });
    const [pdf] = (await discoverSkills(skillRoots(ctx), ctx.cwd)).skills;
    expect(skillPrompt(pdf!, " fill form.pdf ", ctx.cwd)).toBe('<skill name="pdf" path=".librecode/skills/pdf/SKILL.md">\nStep 1.\nStep 2.\n</skill>\n\nfill form.pdf');
  });
});

describe("librecode skill", () => {
  it("list shows each skill's scope and first sentence, shadowed ones, and problems on stderr", async () => {
    const { root, ctx } = tree({
      "project/.librecode/skills/lint/SKILL.md": skill("lint", "Lint the code. Then fix it."),
      "user/.agents/skills/lint/SKILL.md": skill("lint", "Other lint."),
      "lchome/skills/broken/SKILL.md": "no front matter",
    });
    expect(await skillList(ctx)).toEqual({
      stdout: `lint  project  Lint the code.\nlint  user     (shadowed: ${root}/user/.agents/skills/lint/SKILL.md loses to .librecode/skills/lint/SKILL.md)\n`,
      stderr: `librecode skill: not loaded: ${root}/lchome/skills/broken/SKILL.md: front matter: expected a YAML block between --- lines at the top, got none\n`,
      exitCode: 0,
    });
  });

  it("show prints the summary and the body; an unknown name exits 2", async () => {
    const { ctx } = tree({ "project/.librecode/skills/lint/SKILL.md": skill("lint", "Lint.", "Run eslint.") });
    expect((await skillShow(ctx, "lint")).stdout).toBe("name: lint\ndescription: Lint.\npath: .librecode/skills/lint/SKILL.md\n\nRun eslint.\n");
    expect(await skillShow(ctx, "nope")).toEqual({ stdout: "", stderr: 'librecode skill show: unknown skill "nope" (known: lint)\n', exitCode: 2 });
  });

  it("validate checks the roots, or given paths, and exits 1 on a problem", async () => {
    const { ctx } = tree({
      "project/.librecode/skills/lint/SKILL.md": skill("lint", "Lint."),
      "project/drafts/new-one/SKILL.md": "---\nname: other\ndescription: x\n---\n",
    });
    expect(await skillValidate(ctx, [])).toEqual({ stdout: "1 skill valid\n", stderr: "", exitCode: 0 });
    expect(await skillValidate(ctx, ["drafts/new-one"])).toEqual({
      stdout: "", stderr: 'librecode skill validate: drafts/new-one/SKILL.md: name: expected the folder\'s name "new-one", got "other"\n', exitCode: 1,
    });
    expect((await skillValidate(ctx, ["missing"])).stderr).toBe("librecode skill validate: missing: not found\n");
  });
});
