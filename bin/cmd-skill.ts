// `librecode skill list | show NAME | validate [PATH...]`: the Agent Skills this directory offers.
import { librecodeHome } from "../engine/config/index.js";
import type { CliOutcome } from "../engine/tools/tool-cli.js";
import { skillList, skillShow, skillValidate } from "../engine/skills/skill-cli.js";

const context = () => ({ cwd: process.cwd(), home: librecodeHome() });

function print(out: CliOutcome): void {
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  process.exitCode = out.exitCode;
}

/** Loaded skills, one line each. */
export async function runSkillList(): Promise<void> {
  print(await skillList(context()));
}

/** One skill's front matter summary and body. */
export async function runSkillShow(name: string): Promise<void> {
  print(await skillShow(context(), name));
}

/** Every problem, one line each; exit 1 if any. */
export async function runSkillValidate(paths: string[]): Promise<void> {
  print(await skillValidate(context(), paths));
}
