// `!cmd` in the composer: the user runs a shell command through the built-in `bash` tool (its cwd,
// timeout and output cap) without asking the model. `!cmd` also hands the command and its output
// to the next model turn as a user-side note; `!!cmd` only shows it.
import { randomBytes } from "node:crypto";
import type { ContextEntry } from "./conversation.js";
import { announceSaved, entryFields, type RunContext } from "./run-context.js";
import { runToolStep } from "./tool-step.js";

/** A parsed shell escape: the command, and whether the model gets to see it. */
export type ShellEscape = { command: string; keep: boolean };

/** What a shell-escape user message stores (payload `shell`). */
export type ShellPayload = { command: string; output: string; is_error: boolean };

/** `!cmd` -> keep, `!!cmd` -> not kept; undefined for anything else (a bare `!` included). */
export function parseShellEscape(text: string): ShellEscape | undefined {
  const m = /^!(!?)([\s\S]*)$/.exec(text);
  const command = m?.[2]!.trim() ?? "";
  return m && command !== "" ? { command, keep: m[1] === "" } : undefined;
}

/** The user message the model sees after `!cmd`. */
export function shellNote(command: string, output: string): string {
  return `I ran this shell command myself (not a request to you):\n$ ${command}\n${output}`;
}

/**
 * Runs the escape like a model's bash call (tool_call may block it; tool_start/delta/result/end
 * fire; escape aborts it through `ctx.signal`); `!cmd` then appends and stores the note.
 */
export async function runShellEscape(ctx: RunContext, entries: ContextEntry[], esc: ShellEscape): Promise<void> {
  const call = { id: `shell_${randomBytes(6).toString("hex")}`, name: "bash", arguments: JSON.stringify({ command: esc.command }) };
  const out = await runToolStep(ctx, call, undefined, { persist: false, meta: { shell: esc.keep ? "context" : "hidden" } });
  ctx.output({ type: "shell", command: esc.command, output: out.content, is_error: out.isError, kept: esc.keep });
  if (!esc.keep) return;
  const text = shellNote(esc.command, out.content);
  const shell: ShellPayload = { command: esc.command, output: out.content, is_error: out.isError };
  const record = ctx.store.appendMessage(ctx.sessionId, { kind: "user", text, payload: { shell, typed: `!${esc.command}` } });
  announceSaved(ctx, record);
  entries.push({ message: { role: "user", text }, seq: record.seq });
  ctx.rt.emit("message_append", { role: "user", kind: "user", text, shell: true, ...entryFields(ctx, record) });
}
