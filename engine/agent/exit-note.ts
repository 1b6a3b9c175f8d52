// What the shell shows once the chat has ended: how to come back to the conversation.
import type { SessionInfo } from "../session/session-records.js";

/** The exit line for a session something was said in; undefined for an empty one (it is not kept). */
export function exitNote(session: SessionInfo | undefined): string | undefined {
  if (!session || session.messageCount === 0) return undefined;
  const named = session.name ? ` "${session.name}"` : "";
  return `librecode: session ${session.id}${named} saved; continue it with \`librecode --resume\` (or \`librecode --session ${session.id}\`)`;
}
