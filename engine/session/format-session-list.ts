// Plain-text views of sessions for `session list` and `session show`.
import type { MessageRecord, SessionInfo } from "./session-records.js";

/** "YYYY-MM-DD HH:MM" in UTC, so output does not depend on the machine's zone. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** One line per session, newest first as given: `id  updated  N msgs  name  provider/model  cwd`. */
export function formatSessionList(sessions: SessionInfo[]): string[] {
  if (sessions.length === 0) return ["no sessions"];
  const names = sessions.map((s) => s.name ?? "-");
  const models = sessions.map((s) => (s.provider && s.model ? `${s.provider}/${s.model}` : s.model ?? "-"));
  const nameWidth = Math.max(...names.map((n) => n.length));
  const modelWidth = Math.max(...models.map((m) => m.length));
  const countWidth = Math.max(...sessions.map((s) => String(s.messageCount).length));
  return sessions.map((s, i) =>
    [
      s.id,
      formatTime(s.updatedAt),
      `${String(s.messageCount).padStart(countWidth)} msgs`,
      names[i]!.padEnd(nameWidth),
      models[i]!.padEnd(modelWidth),
      s.cwd,
    ].join("  "),
  );
}
