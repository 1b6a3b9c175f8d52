// What a picker's choice runs, after the command that opened the picker has returned: its output
// and its errors show as the command's own would (a system line, or an error line `/name: ...`).
import type { SessionInfo } from "../session/session-records.js";
import type { ChatLoop } from "./chat-loop.js";

/** Runs fn for command `what` (`/model`) and shows its output, or its error as `/model: reason`. */
export function reportPicked(loop: ChatLoop, what: string, fn: () => string): void {
  try {
    const out = fn();
    if (out !== "") loop.say(out);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    loop.fail(msg.startsWith(`${what}:`) ? msg : `${what}: ${msg}`);
  }
}

/** Opens session s (its transcript shown) and says so. */
export function resumeSession(loop: ChatLoop, s: SessionInfo): string {
  loop.openSession(s, true);
  return `Resumed session ${s.id}${s.name ? ` "${s.name}"` : ""}.`;
}

/** The choice of /resume and /tree: switch to that session, unless it is this one or a request runs. */
export function switchToPicked(loop: ChatLoop, s: SessionInfo, what: string): void {
  reportPicked(loop, what, () => {
    if (s.id === loop.session.id) return `Already in session ${s.id}.`;
    if (loop.working) throw new Error("expected an idle chat, got a running request (escape interrupts it)");
    return resumeSession(loop, s);
  });
}
