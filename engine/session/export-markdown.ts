// `/export`: a stored session as a markdown document a person can read or share: each prompt and
// answer under a heading, tool calls with their arguments and results in fenced blocks.
import { formatTime } from "./format-session-list.js";
import { describeStoredImage, messageImages } from "./message-images.js";
import type { MessageRecord, SessionInfo } from "./session-records.js";

/** A fence longer than any run of backticks in `text`, so the block cannot end early. */
function fence(text: string, info = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = "`".repeat(longest + 1);
  return `${f}${info}\n${text}\n${f}`;
}

/** A message's images as a list (`- Image \`shot.png\` (image/png, 2x2, 70 B) from \`/p/shot.png\``), or nothing. */
function imageList(payload: unknown): string[] {
  const images = messageImages(payload).map((i) => `- Image ${describeStoredImage(i, (s) => `\`${s}\``)}`);
  return images.length ? ["", ...images] : [];
}

/** The session as markdown (thinking left out; interrupted answers marked; images listed, not embedded). */
export function sessionMarkdown(session: SessionInfo, messages: readonly MessageRecord[]): string {
  const model = session.provider && session.model ? `${session.provider}/${session.model}` : session.model ?? "-";
  const out = [`# ${session.name ?? `Session ${session.id}`}`, "", `Session \`${session.id}\` in \`${session.cwd}\`, model ${model}, ${formatTime(session.createdAt)} UTC.`];
  for (const m of messages) {
    const p = (typeof m.payload === "object" && m.payload !== null ? m.payload : {}) as Record<string, unknown>;
    const note = m.status === "interrupted" ? " (interrupted)" : "";
    if (m.kind === "user") out.push("", `## User${note}`, ...(m.text.trim() !== "" ? ["", m.text.trim()] : []), ...imageList(m.payload));
    else if (m.kind === "assistant") {
      if (m.text.trim() !== "") out.push("", `## Assistant${note}`, "", m.text.trim());
      for (const c of Array.isArray(p.tool_calls) ? p.tool_calls : []) {
        const call = c as { name?: unknown; arguments?: unknown };
        out.push("", `**Tool call** \`${String(call.name)}\``, "", fence(String(call.arguments ?? "{}"), "json"));
      }
    } else if (m.kind === "tool_result") {
      const name = typeof p.name === "string" ? ` \`${p.name}\`` : "";
      out.push("", `**Tool result**${name}${p.is_error === true ? " (error)" : ""}`, "", fence(m.text), ...imageList(m.payload));
    } else if (m.kind === "summary") out.push("", "## Summary of earlier messages", "", m.text.trim());
    else if (m.kind === "system" && m.text.trim() !== "") out.push("", `> ${m.text.trim().split("\n").join("\n> ")}`);
  }
  return `${out.join("\n")}\n`;
}
