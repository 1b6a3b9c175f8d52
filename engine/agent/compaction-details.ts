// What a compaction stores besides its summary, as the original did: a `details` table (counts,
// tokens before, a handler's `compaction.details`, the file operations and validation commands of
// the summarised turns) kept with the summary so the next compaction carries them forward, and the
// same lists appended to the summary text under fixed headings, so the model keeps them in view.
import type { ContextEntry } from "./conversation.js";
import { estimateTokens } from "./conversation.js";
import { isRecord } from "../kernel/is-record.js";
import { fileOperations, MAX_FILE_OPERATIONS, stringArg, toolResults, type FileOperation } from "./compaction-file-operations.js";

/** A validation command the summarised turns ran and how it ended (the latest run of each command). */
export type ValidationRecord = { entry_id: string; command: string; outcome: "passed" | "failed" };

/** Most validation records kept, as the original. */
export const MAX_VALIDATION_RECORDS = 32;
// The original's list: commands that check the project (its own, Go, tooling).
const VALIDATION_PREFIXES = [
  "go test ", "go vet ", "golangci-lint ", "staticcheck ", "task build", "task ci", "task test", "task lint", "task fmt-check",
];
const FILES_HEADING = "### Librecode file operations";
const VALIDATION_HEADING = "### Librecode validation records";
const HEADINGS = [FILES_HEADING, VALIDATION_HEADING, "### Librecode active work records", "File operations preserved during compaction:"];
const FILE_TOKENS = 1024;
const VALIDATION_TOKENS = 1024;

function isValidationCommand(command: string): boolean {
  const bare = command.replace(/^mise exec -- /, "");
  return VALIDATION_PREFIXES.some((p) => bare === p.trim() || bare.startsWith(p));
}

/** The bash validation commands of `entries` after `prior`'s, one per command (its latest outcome), the newest 32. */
export function validationRecords(entries: ContextEntry[], prior: ValidationRecord[] = []): ValidationRecord[] {
  const byCommand = new Map<string, ValidationRecord>();
  const add = (r: ValidationRecord) => {
    byCommand.delete(r.command);
    byCommand.set(r.command, r);
  };
  prior.forEach(add);
  for (const r of toolResults(entries)) {
    const command = stringArg(r.args, "command");
    if (r.name === "bash" && isValidationCommand(command)) add({ entry_id: String(r.seq), command, outcome: r.isError ? "failed" : "passed" });
  }
  return [...byCommand.values()].slice(-MAX_VALIDATION_RECORDS);
}

/** What a previous compaction's details carried: its file operations and validation records. */
export type CarriedState = { files: FileOperation[]; validations: ValidationRecord[] };

/** The carried lists of a stored summary's payload (`{details = {...}}`); empty lists when it has none. */
export function carriedState(payload: unknown): CarriedState {
  const details = isRecord(payload) && isRecord(payload.details) ? payload.details : {};
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
  const files = list(details.file_operations).map((o) => ({
    entry_id: String(o.entry_id ?? ""), action: o.action === "modified" ? "modified" as const : "read" as const,
    path: String(o.path ?? ""), tool: String(o.tool ?? ""), command: String(o.command ?? ""),
  }));
  const validations = list(details.validation_records).map((r) => ({
    entry_id: String(r.entry_id ?? ""), command: String(r.command ?? ""), outcome: r.outcome === "failed" ? "failed" as const : "passed" as const,
  }));
  return { files, validations };
}

/** The state a compaction of `replaced` keeps: its file operations and validation records, after what `carried` held. */
export function compactionState(replaced: ContextEntry[], carried: CarriedState): CarriedState {
  return { files: fileOperations(replaced, carried.files), validations: validationRecords(replaced, carried.validations) };
}

/**
 * The `details` stored with a summary: the counts and tokens, then a handler's `compaction.details`
 * (which may replace those), then the non-empty lists (which it may not).
 */
export function compactionDetails(counts: { summarized: number; kept: number; tokensBefore: number }, hook: Record<string, unknown>,
  state: CarriedState): Record<string, unknown> {
  const details: Record<string, unknown> = { summarized_entries: counts.summarized, kept_entries: counts.kept, tokens_before: counts.tokensBefore, ...hook };
  if (state.files.length > 0) details.file_operations = state.files;
  if (state.validations.length > 0) details.validation_records = state.validations;
  return details;
}

/** `summary` without the sections `withState` appends (a previous summary's, before it is summarised again). */
export function stripState(summary: string): string {
  let out = summary;
  for (const h of HEADINGS) {
    const at = out.indexOf(h);
    if (at >= 0) out = out.slice(0, at);
  }
  return out.trim();
}

/** `summary` with the kept file operations and validation records appended under their headings. */
export function withState(summary: string, state: CarriedState): string {
  const files = state.files.slice(-MAX_FILE_OPERATIONS).map((o) => `- ${o.action}: ${o.path}${o.tool ? ` (via ${o.tool})` : ""}`);
  const checks = state.validations.map((r) => `- ${r.outcome}: ${r.command} (entry ${r.entry_id})`);
  const sections = [stripState(summary)];
  if (files.length > 0) sections.push(boundedSection(FILES_HEADING, files, FILE_TOKENS));
  if (checks.length > 0) sections.push(boundedSection(VALIDATION_HEADING, checks, VALIDATION_TOKENS));
  return sections.join("\n\n").trim();
}

const tokens = (s: string) => estimateTokens([...s].length);

/** The heading and the newest lines that fit `limit` tokens, with a count of the older ones left out. */
function boundedSection(heading: string, lines: string[], limit: number): string {
  let used = tokens(heading);
  let first = lines.length;
  while (first > 0 && used + tokens(lines[first - 1]!) <= limit) used += tokens(lines[--first]!);
  const kept = lines.slice(first);
  if (first > 0) {
    let omitted = first;
    const marker = () => `- ... ${omitted} older records omitted`;
    while (kept.length > 0 && used + tokens(marker()) > limit) {
      used -= tokens(kept.shift()!);
      omitted++;
    }
    if (used + tokens(marker()) <= limit) kept.push(marker());
  }
  return [heading, ...kept].join("\n");
}
