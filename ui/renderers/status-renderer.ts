// The stock status line on screen: engine/chat/status-line.ts builds its parts (the one place it
// is built); this lays them out in the window's width. A status buffer without those metadata keys,
// or with text an extension set, shows its text's first line.
import { STATUS_KEYS, statusParts, statusText, type StatusPart } from "../../engine/chat/status-line.js";
import type { Style } from "../../engine/kernel/style.js";
import { textWidth } from "../text-measure.js";
import { truncate } from "../text-helpers.js";
import type { RenderInput, RenderOutput, StyledLine, WindowRenderer } from "./window-renderer.js";

const SEP: Style = Object.freeze({ fg: "dim" });
const MUTED: Style = Object.freeze({ fg: "muted" });

/** The status line: the left parts from the left edge, the right parts against the right edge (cut first). */
export function statusLine(meta: Record<string, unknown>, width: number, home = process.env.HOME ?? ""): StyledLine {
  const { lead, left: parts, right: rightParts } = statusParts(meta, home);
  const left: StyledLine = lead ? [{ text: lead.text, style: lead.style }] : [];
  parts.forEach((p: StatusPart, i) => {
    if (i > 0) left.push({ text: " · ", style: SEP });
    else if (lead) left.push({ text: " " });
    left.push({ text: p.text, style: p.style });
  });
  const leftText = left.map((s) => s.text).join("");
  const lw = textWidth(leftText);
  const rightText = rightParts.map((p) => p.text).join(" · ");
  const room = width - lw - 2;
  if (rightText === "" || room < 4) return lw <= width ? left : [{ text: truncate(leftText, width), style: parts[0]?.style ?? MUTED }];
  const r = truncate(rightText, room);
  return [...left, { text: " ".repeat(width - lw - textWidth(r)) }, { text: r, style: MUTED }];
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
