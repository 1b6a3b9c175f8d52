// The stock status line on screen: engine/chat/status-line.ts builds its parts (the one place it
// is built); this lays them out in the window's width. A status buffer without those metadata keys,
// or with text an extension set, shows its text's first line.
import { STATUS_KEYS, STATUS_SHRINK, statusParts, statusText, type StatusPart } from "../../engine/chat/status-line.js";
import type { Style } from "../../engine/kernel/style.js";
import { textWidth } from "../text-measure.js";
import { truncate } from "../text-helpers.js";
import type { RenderInput, RenderOutput, StyledLine, WindowRenderer } from "./window-renderer.js";

const SEP: Style = Object.freeze({ fg: "dim" });
const MUTED: Style = Object.freeze({ fg: "muted" });

/** Space kept between the left parts and the right ones. */
const GAP = 2;
/** The fewest characters of a session id (or name) a cut keeps, with `…`: still recognisable. */
const SESSION_MIN = 8;
/** The fewest cells the left side keeps beside the right one. */
const LEFT_MIN = 4;

/**
 * The status line: the left parts from the left edge, the right parts against the right edge. A
 * line too narrow for all of them gives way in the order of STATUS_SHRINK, then cuts the left side
 * from its end, keeping the session id (cut to SESSION_MIN characters only when even that is short).
 */
export function statusLine(meta: Record<string, unknown>, width: number, home = process.env.HOME ?? ""): StyledLine {
  const { lead, left: leftParts, right: rightParts } = statusParts(meta, home);
  let left = leftParts;
  let right = rightParts;
  const fits = () => sideWidth(lead, left) + (right.length ? GAP + sideWidth(undefined, right) : 0) <= width;
  for (const step of STATUS_SHRINK) {
    if (fits()) break;
    const shrink = (parts: StatusPart[]) => step.to === "drop"
      ? parts.filter((p) => p.key !== step.key)
      : parts.map((p) => (p.key === step.key && p.short !== undefined ? { ...p, text: p.short } : p));
    left = shrink(left);
    right = shrink(right);
  }
  let rightText = right.map((p) => p.text).join(" · ");
  const leftRoom = (r: string) => width - (r === "" ? 0 : GAP + textWidth(r));
  // The session id gives way only when the left side would otherwise have no room at all.
  if (rightText !== "" && leftRoom(rightText) < Math.min(SESSION_MIN, sideWidth(lead, left))) {
    rightText = truncate(rightText, Math.max(SESSION_MIN + 1, width - GAP - SESSION_MIN));
  }
  // Too narrow for both sides even so: the left side alone, cut.
  if (rightText !== "" && leftRoom(rightText) < LEFT_MIN) rightText = "";
  const line = joinLeft(lead, left);
  const room = leftRoom(rightText);
  const shown = cutLine(line, room);
  if (rightText === "") return shown;
  const used = textWidth(shown.map((s) => s.text).join(""));
  return [...shown, { text: " ".repeat(width - used - textWidth(rightText)) }, { text: rightText, style: MUTED }];
}

// The spinner, then the parts joined by " · ".
function joinLeft(lead: StatusPart | undefined, parts: StatusPart[]): StyledLine {
  const line: StyledLine = lead ? [{ text: lead.text, style: lead.style }] : [];
  parts.forEach((p, i) => {
    if (i > 0) line.push({ text: " · ", style: SEP });
    else if (lead) line.push({ text: " " });
    line.push({ text: p.text, style: p.style });
  });
  return line;
}

// The line cut to `room` cells (ending in "…"), each span keeping its style.
function cutLine(line: StyledLine, room: number): StyledLine {
  const plain = line.map((s) => s.text).join("");
  const cut = truncate(plain, room);
  if (cut === plain) return line;
  let left = cut.length - 1; // the prefix of plain kept before the "…"
  const out: StyledLine = [];
  for (const span of line) {
    if (left <= 0) break;
    out.push({ ...span, text: span.text.slice(0, left) });
    left -= span.text.length;
  }
  const last = out.at(-1);
  if (last) last.text += "…";
  else if (cut !== "") out.push({ text: cut, style: MUTED });
  return out;
}

function sideWidth(lead: StatusPart | undefined, parts: StatusPart[]): number {
  return textWidth(joinLeft(lead, parts).map((s) => s.text).join(""));
}

/** Stock renderer of the status role. */
export class StatusRenderer implements WindowRenderer {
  /** The status line from metadata, or the first line of the text when it has no status keys. */
  render(input: RenderInput): RenderOutput {
    const meta = input.buffer.metadata;
    // Text an extension set (buf.set_text("status", ...)) shows instead of the stock line, as the
    // original's status override did; the stock chat writes statusText(meta) there itself.
    const own = input.buffer.text !== "" && input.buffer.text !== statusText(meta);
    if (own || !STATUS_KEYS.some((k) => meta[k] !== undefined)) {
      const first = input.buffer.text.split("\n", 1)[0] ?? "";
      return { lines: first === "" ? [] : [[{ text: truncate(first, input.width) }]] };
    }
    return { lines: [statusLine(meta, input.width)] };
  }
}
