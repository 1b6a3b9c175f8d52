// Views of sessions for `session list` and `session show`: styled rows for the command line,
// plain lines for the chat.
import { plainLines, type StyledRow } from "../kernel/style.js";
import type { MessageRecord, SessionInfo } from "./session-records.js";

/** "YYYY-MM-DD HH:MM" in UTC, so output does not depend on the machine's zone. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** One line per session, newest first as given: `id  updated  N msgs  name  provider/model  cwd  "first prompt…"`. */
export function formatSessionList(sessions: SessionInfo[]): string[] {
  return plainLines(sessionListRows(sessions));
}

/** formatSessionList's lines as styled rows: the id in the accent colour, time and directory muted. */
export function sessionListRows(sessions: SessionInfo[]): StyledRow[] {
  if (sessions.length === 0) return [[{ text: "no sessions", style: { fg: "muted" } }]];
  const names = sessions.map((s) => s.name ?? "-");
  const models = sessions.map((s) => (s.provider && s.model ? `${s.provider}/${s.model}` : s.model ?? "-"));
  const nameWidth = Math.max(...names.map((n) => n.length));
  const modelWidth = Math.max(...models.map((m) => m.length));
  const countWidth = Math.max(...sessions.map((s) => String(s.messageCount).length));
  const gap = { text: "  " };
  return sessions.map((s, i) => [
    { text: s.id, style: { fg: "accent" } }, gap,
    { text: formatTime(s.updatedAt), style: { fg: "muted" } }, gap,
    { text: `${String(s.messageCount).padStart(countWidth)} msgs` }, gap,
    { text: names[i]!.padEnd(nameWidth), style: { bold: true } }, gap,
    { text: models[i]!.padEnd(modelWidth) }, gap,
    { text: s.cwd, style: { fg: "muted" } },
    ...(s.firstPrompt ? [gap, { text: promptPreview(s.firstPrompt) }] : []),
  ]);
}

/** The first prompt as a list shows it: one line, quoted, cut to 40 characters. */
export function promptPreview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(line.length > 40 ? `${line.slice(0, 39)}…` : line);
}
