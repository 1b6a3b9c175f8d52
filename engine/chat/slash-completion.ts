// Slash-command completion: while the composer holds `/` and the start of a command name, the
// matching commands are offered (composer metadata `completion`); tab or enter accepts one.
import type { CommandEntry } from "../kernel/command-registry.js";

/** An offered item: a command name (shown `/name`) or a path (`label` shows it as `@path`). */
export type CompletionItem = { name: string; desc: string; label?: string };
/** Composer metadata `completion`: the offered items and the 0-based selected one. Kind "file"
 *  (`@` completion) replaces the code points [start, end) of the text; commands replace it all. */
export type Completion = { items: CompletionItem[]; selected: number; kind?: "command" | "file"; start?: number; end?: number };

/** The completion for the composer text, or undefined when it is not a command name being typed. */
export function slashCompletion(text: string, commands: readonly CommandEntry[], selected = 0): Completion | undefined {
  const m = /^\/(\S*)$/.exec(text);
  if (!m) return undefined;
  const prefix = m[1]!.toLowerCase();
  const items = commands
    .filter((c) => c.name.toLowerCase().startsWith(prefix))
    .map((c) => ({ name: c.name, desc: c.desc }));
  if (items.length === 0) return undefined;
  // A lone exact match needs no menu: enter runs it as typed.
  if (items.length === 1 && items[0]!.name.toLowerCase() === prefix) return undefined;
  return { items, selected: Math.max(0, Math.min(items.length - 1, selected)) };
}

/** Moves the selection by delta, wrapping around. */
export function moveSelection(c: Completion, delta: number): Completion {
  const n = c.items.length;
  return { ...c, selected: (((c.selected + delta) % n) + n) % n };
}

/** What accepting the selected item puts in place of [start, end): `/name ` ready for arguments,
 *  `@path ` ready for the next word, or `@dir/` to go on completing inside it. */
export function acceptedText(c: Completion): string {
  const name = c.items[c.selected]!.name;
  if (c.kind !== "file") return `/${name} `;
  return name.endsWith("/") ? `@${name}` : `@${name} `;
}

/** Reads composer metadata back into a Completion (undefined when absent or malformed). */
export function readCompletion(value: unknown): Completion | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as { items?: unknown; selected?: unknown };
  if (!Array.isArray(v.items) || v.items.length === 0) return undefined;
  const selected = typeof v.selected === "number" ? v.selected : 0;
  const c: Completion = { items: v.items as CompletionItem[], selected: Math.max(0, Math.min(v.items.length - 1, selected)) };
  const f = value as { kind?: unknown; start?: unknown; end?: unknown };
  if (f.kind === "file" && typeof f.start === "number" && typeof f.end === "number") Object.assign(c, { kind: "file", start: f.start, end: f.end });
  return c;
}
