// `session show`: a stored session as compact text. Tool calls show as `call NAME ARGS` under
// their assistant message, results as their first lines; no line is blank or whitespace-only.
import { formatTime } from "./format-session-list.js";
import { formatCost } from "../model/usage-cost.js";
import { describeStoredImage, messageImages } from "./message-images.js";
import type { MessageRecord, SessionInfo } from "./session-records.js";
import { sessionUsage, type SessionUsage } from "./session-usage.js";

/** Lines of a tool result shown before `… N more lines`. */
const RESULT_LINES = 3;
/** Characters of a call's arguments (or a thinking line) shown before `…`. */
const SUMMARY_CHARS = 80;

/** `session show`: a header (with a usage line once a response reported usage), then each message as
 *  `kind[ (status)]: text`, continuation lines indented, its images one `image ...` line each. */
export function formatSessionShow(session: SessionInfo, messages: MessageRecord[]): string[] {
  const model = session.provider && session.model ? `${session.provider}/${session.model}` : session.model ?? "-";
  const lines = [
    `session ${session.id}${session.name ? ` "${session.name}"` : ""}`,
    `cwd ${session.cwd}  model ${model}  created ${formatTime(session.createdAt)}  updated ${formatTime(session.updatedAt)}`,
  ];
  const usage = sessionUsage(messages);
  if (usage.responses > 0) lines.push(usageLine(usage));
  for (const m of messages) {
    lines.push(...formatMessage(m));
    for (const i of messageImages(m.payload)) lines.push(`  image ${describeStoredImage(i)}`);
  }
  return lines;
}

/** "tokens 1,200 in · 80 out · cost $0.005", the cost only when a price was known; unpriced responses are named. */
export function usageLine(u: SessionUsage): string {
  const parts = [`tokens ${u.input.toLocaleString("en-US")} in`, `${u.output.toLocaleString("en-US")} out`];
  if (u.cost !== undefined) {
    const note = u.unpriced > 0 ? ` (not counting ${u.unpriced} of ${u.responses} responses at an unknown price)` : "";
    parts.push(`cost ${formatCost(u.cost)}${note}`);
  }
  return parts.join(" · ");
}

function formatMessage(m: MessageRecord): string[] {
  const status = m.status === "complete" ? "" : ` (${m.status})`;
  const p = (typeof m.payload === "object" && m.payload !== null ? m.payload : {}) as Record<string, unknown>;
  if (m.kind === "assistant") {
    const head = `assistant${status}:`;
    // Thinking happened before the text, so it is listed first; the text then starts on its own line.
    const thought = typeof p.thinking === "string" && p.thinking.trim() !== "";
    const out = thought
      ? [head, `  thinking: ${summary(p.thinking as string)}`, ...nonBlank(m.text).map((l) => `  ${l}`)]
      : textLines(head, m.text);
    for (const c of Array.isArray(p.tool_calls) ? p.tool_calls : []) {
      const call = c as { name?: unknown; arguments?: unknown };
      out.push(`  call ${String(call.name)} ${clip(String(call.arguments ?? "").replace(/\s*\n\s*/g, " ") || "{}")}`);
    }
    return out;
  }
  if (m.kind === "tool_result") {
    const name = typeof p.name === "string" ? ` ${p.name}` : "";
    const head = `tool_result${name}${p.is_error === true ? " (error)" : ""}${status}:`;
    const out = textLines(head, m.text);
    // A note would take the row the one hidden line needs: that line is shown instead.
    if (out.length <= RESULT_LINES + 1) return out;
    return [...out.slice(0, RESULT_LINES), `  … ${out.length - RESULT_LINES} more lines`];
  }
  // A message with no text shows what it carries instead (its images are listed after it).
  const { images: _images, ...rest } = p;
  const body = m.text === "" && Object.keys(rest).length > 0 ? JSON.stringify(rest) : m.text;
  return textLines(`${m.kind}${status}:`, body);
}

// The head carries the first non-blank line; later non-blank lines are indented by two.
function textLines(head: string, text: string): string[] {
  const [first, ...rest] = nonBlank(text);
  return [first === undefined ? head : `${head} ${first}`, ...rest.map((l) => `  ${l}`)];
}

function nonBlank(text: string): string[] {
  return text.split("\n").filter((l) => l.trim() !== "");
}

// The first non-blank line, clipped; ` …` when anything follows it.
function summary(text: string): string {
  const lines = nonBlank(text);
  const first = clip(lines[0]!.trim());
  return lines.length > 1 && !first.endsWith("…") ? `${first} …` : first;
}

function clip(s: string): string {
  return s.length > SUMMARY_CHARS ? `${s.slice(0, SUMMARY_CHARS - 1)}…` : s;
}
