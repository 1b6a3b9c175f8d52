// Types for bench/lib/report.mjs (the test suite imports it).
export type Goal = { id: string; goal: string; value: unknown; met: boolean | null };
export function evaluateGoals(results: Record<string, unknown>): Goal[];
export function resultsMarkdown(out: Record<string, unknown>): string;
export function writeReadme(file: string, out: Record<string, unknown>): void;
