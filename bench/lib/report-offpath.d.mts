// Types for bench/lib/report-offpath.mjs (the test suite imports it).
export const OFFPATH_LABELS: Record<string, string>;
export function evaluateOffpath(r: unknown, rest?: unknown): { id: string; goal: string; value: number | undefined; met: boolean | null }[];
export function offpathMarkdown(out: unknown): string;
export function writeOffpathReadme(file: string, out: unknown): void;
