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

/** `session show`: a header, then each message as `kind[ (status)]: text`, continuation lines indented. */
export function formatSessionShow(session: SessionInfo, messages: MessageRecord[]): string[] {
  const model = session.provider && session.model ? `${session.provider}/${session.model}` : session.model ?? "-";
  const lines = [
    `session ${session.id}${session.name ? ` "${session.name}"` : ""}`,
    `cwd ${session.cwd}  model ${model}  created ${formatTime(session.createdAt)}  updated ${formatTime(session.updatedAt)}`,
  ];
  for (const m of messages) {
    const status = m.status === "complete" ? "" : ` (${m.status})`;
    const body = m.text === "" && m.payload !== undefined ? JSON.stringify(m.payload) : m.text;
    const [first = "", ...rest] = body.split("\n");
    lines.push(`${m.kind}${status}: ${first}`, ...rest.map((l) => `  ${l}`));
  }
  return lines;
}
