// Slash-command completion: while the composer holds `/` and the start of a command name, the
// matching commands are offered (composer metadata `completion`); tab completes the highlighted one,
// enter runs the one the user means (enterPick) and never guesses between several.
import type { CommandEntry } from "../kernel/command-registry.js";

/** An offered item: a command name (shown `/name`) or a path (`label` shows it as `@path`). */
export type CompletionItem = { name: string; desc: string; label?: string };
/** Composer metadata `completion`: the offered items and the 0-based selected one (`moved`: the user
 *  moved the selection; `note`: a line the menu shows under its items, why enter did nothing).
 *  Kind "file" (`@` completion) replaces the code points [start, end) of the text; commands replace it all. */
export type Completion = { items: CompletionItem[]; selected: number; moved?: boolean; note?: string; kind?: "command" | "file"; start?: number; end?: number };

/** The completion for the composer text, or undefined when it is not a command name being typed. */
export function slashCompletion(text: string, commands: readonly CommandEntry[]): Completion | undefined {
  const m = /^\/(\S*)$/.exec(text);
  if (!m) return undefined;
  const prefix = m[1]!.toLowerCase();
  const items = commands
    .filter((c) => c.name.toLowerCase().startsWith(prefix))
    .map((c) => ({ name: c.name, desc: c.desc }));
  if (items.length === 0) return undefined;
  // A lone exact match needs no menu: enter runs it as typed.
  if (items.length === 1 && items[0]!.name.toLowerCase() === prefix) return undefined;
  // Untouched, the highlight rests on the command named exactly what was typed: the one enter runs.
  return { items, selected: Math.max(0, items.findIndex((i) => i.name === m[1])) };
}

/** Moves the selection by delta, wrapping around; from then on enter takes the selected item. */
export function moveSelection(c: Completion, delta: number): Completion {
  const n = c.items.length;
  const { note: _, ...rest } = c;
  return { ...rest, selected: (((c.selected + delta) % n) + n) % n, moved: true };
}

/**
 * The command enter takes while the command menu is shown, for the typed name (the text after `/`):
 * the highlighted one once the user moved to it; else the command named exactly what was typed
 * (`/log` runs /log, not /login); else the only one offered. Undefined when several match and the
 * user chose none: enter then guesses nothing (ambiguousText says why).
 */
export function enterPick(c: Completion, typed: string): CompletionItem | undefined {
  if (c.moved) return c.items[c.selected];
  return c.items.find((i) => i.name === typed) ?? (c.items.length === 1 ? c.items[0] : undefined);
}

/** The note the menu shows when enter found several commands and none chosen (the menu lists them). */
export function ambiguousText(c: Completion, typed: string): string {
  return `${c.items.length} commands start with /${typed}: pick one with up/down, or type more`;
}

/** What accepting the selected item puts in place of [start, end): `/name ` ready for arguments,
 *  `@path ` ready for the next word, or `@dir/` to go on completing inside it. */
export function acceptedText(c: Completion): string {
  const name = c.items[c.selected]!.name;
  if (c.kind !== "file") return `/${name} `;
  return name.endsWith("/") ? `@${name}` : `@${name} `;
}

/** True when a and b offer the same items with the same selection (whatever their key order). */
export function sameCompletion(a: Completion | undefined, b: Completion | undefined): boolean {
  const key = (c: Completion | undefined) => c && JSON.stringify([c.items, c.selected, c.moved === true, c.note, c.kind ?? "command", c.start, c.end]);
  return key(a) === key(b);
}

/** Reads composer metadata back into a Completion (undefined when absent or malformed). */
export function readCompletion(value: unknown): Completion | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as { items?: unknown; selected?: unknown };
  if (!Array.isArray(v.items) || v.items.length === 0) return undefined;
  const selected = typeof v.selected === "number" ? v.selected : 0;
  const c: Completion = { items: v.items as CompletionItem[], selected: Math.max(0, Math.min(v.items.length - 1, selected)) };
  if ((value as { moved?: unknown }).moved === true) c.moved = true;
  const note = (value as { note?: unknown }).note;
  if (typeof note === "string" && note !== "") c.note = note;
  const f = value as { kind?: unknown; start?: unknown; end?: unknown };
  if (f.kind === "file" && typeof f.start === "number" && typeof f.end === "number") Object.assign(c, { kind: "file", start: f.start, end: f.end });
  return c;
}
