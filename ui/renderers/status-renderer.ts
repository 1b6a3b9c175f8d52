// The status line, built from the status buffer's metadata (engine/chat/status-line.ts StatusInfo
// plus context use); a status buffer without those keys shows its text's first line.
import { SPINNER_FRAMES, statusText, type StatusInfo } from "../../engine/chat/status-line.js";
import type { Style } from "../../engine/kernel/style.js";
import { textWidth } from "../text-measure.js";
import { truncate } from "../text-helpers.js";
import type { RenderInput, RenderOutput, StyledLine, WindowRenderer } from "./window-renderer.js";

const SPIN: Style = Object.freeze({ fg: "accent" });
const MODEL: Style = Object.freeze({ fg: "text" });
const MUTED: Style = Object.freeze({ fg: "muted" });
const SEP: Style = Object.freeze({ fg: "dim" });
const WARN: Style = Object.freeze({ fg: "warning" });
const KNOWN = ["cwd", "session", "provider", "model", "model_label", "thinking_level", "working", "context_tokens", "context_percent"];

/** 200000 -> "200k", 1000000 -> "1M", 512 -> "512". */
export function compactCount(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1000) return `${+(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(Math.round(n));
}

/** "ctx 12% of 200k" from context_tokens/context_window (or context_percent), else "". */
export function contextUse(meta: Record<string, unknown>): string {
  const win = typeof meta.context_window === "number" && meta.context_window > 0 ? meta.context_window : undefined;
  let pct = typeof meta.context_percent === "number" ? meta.context_percent : undefined;
  if (pct === undefined && typeof meta.context_tokens === "number" && win !== undefined) pct = (100 * meta.context_tokens) / win;
  if (pct === undefined) return "";
  return `ctx ${Math.round(pct)}%` + (win !== undefined ? ` of ${compactCount(win)}` : "");
}

/** What the status line names the model: "script (offline demo)" for the script provider. */
export function modelLabel(meta: Record<string, unknown>): string {
  if (meta.provider === "script") return "script (offline demo)";
  if (typeof meta.model_label === "string" && meta.model_label !== "") return meta.model_label;
  const p = typeof meta.provider === "string" ? meta.provider : "";
  const m = typeof meta.model === "string" ? meta.model : "";
  return p && m ? `${p}/${m}` : p || m;
}

function shortCwd(cwd: string, home: string): string {
  return home !== "" && (cwd === home || cwd.startsWith(home + "/")) ? "~" + cwd.slice(home.length) : cwd;
}

/** The status line: `<spinner> model · thinking · ctx` on the left, `cwd · session` on the right. */
export function statusLine(meta: Record<string, unknown>, width: number, home = process.env.HOME ?? ""): StyledLine {
  const left: StyledLine = [];
  const sep = () => { if (left.length > 0) left.push({ text: " · ", style: SEP }); };
  if (meta.working === true) {
    const f = typeof meta.spinner === "number" ? meta.spinner : 0;
    left.push({ text: SPINNER_FRAMES[((f % SPINNER_FRAMES.length) + SPINNER_FRAMES.length) % SPINNER_FRAMES.length]!, style: SPIN });
  }
  const model = modelLabel(meta);
  if (model !== "") { if (left.length > 0) left.push({ text: " " }); left.push({ text: model, style: MODEL }); }
  if (typeof meta.thinking_level === "string" && meta.thinking_level !== "" && meta.thinking_level !== "off") {
    sep(); left.push({ text: `thinking ${meta.thinking_level}`, style: MUTED });
  }
  const ctx = contextUse(meta);
  if (ctx !== "") {
    sep();
    const pct = Number(/(\d+)%/.exec(ctx)?.[1] ?? 0);
    left.push({ text: ctx, style: pct >= 90 ? WARN : MUTED });
  }
  const right: string[] = [];
  if (typeof meta.cwd === "string" && meta.cwd !== "") right.push(shortCwd(meta.cwd, home));
  if (typeof meta.session === "string" && meta.session !== "") right.push(`session ${meta.session}`);
  const leftText = left.map((s) => s.text).join("");
  const lw = textWidth(leftText);
  const rightText = right.join(" · ");
  const room = width - lw - 2;
  if (rightText === "" || room < 4) return lw <= width ? left : [{ text: truncate(leftText, width), style: MODEL }];
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
    const own = input.buffer.text !== "" && input.buffer.text !== statusText(meta as StatusInfo);
    if (own || !KNOWN.some((k) => meta[k] !== undefined)) {
      const first = input.buffer.text.split("\n", 1)[0] ?? "";
      return { lines: first === "" ? [] : [[{ text: truncate(first, input.width) }]] };
    }
    return { lines: [statusLine(meta, input.width)] };
  }
}
