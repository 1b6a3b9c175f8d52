// Configuration problems: one record per problem, and the error thrown when any exist.

/** Where a problem is: a file and line, or an environment variable (`env:NAME`). */
export type ConfigIssue = { where: string; line?: number; path: string; message: string };

/** One problem as a line: `config: <file>:<line>: <path>: <message>`. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.where : `${issue.where}:${issue.line}`;
  return issue.path ? `config: ${where}: ${issue.path}: ${issue.message}` : `config: ${where}: ${issue.message}`;
}

/** Thrown by loadConfig; `message` is the first problem's line, `issues` holds all of them. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(issues.length > 0 ? formatIssue(issues[0]!) : "config: invalid");
    this.name = "ConfigError";
    this.issues = issues;
  }
  /** Every problem, one line each. */
  lines(): string[] {
    return this.issues.map(formatIssue);
  }
}
