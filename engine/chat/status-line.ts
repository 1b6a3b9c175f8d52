// The one place the status line is built: its parts, from the status buffer's metadata. The
// buffer's text (what extensions read) and the stock renderer (what the screen shows) both use
// statusParts, so they always say the same.
import type { Style } from "../kernel/style.js";
import { formatCost } from "../model/usage-cost.js";

/** Status buffer metadata the stock chat keeps (extensions may add their own keys). */
export type StatusInfo = {
  cwd?: string;
  session?: string;
  provider?: string;
  model?: string;
  /** What the status line shows for the model ("anthropic/claude-sonnet-4-5"). */
  model_label?: string;
  thinking_level?: string;
  working?: boolean;
  /** Spinner frame index while working. */
  spinner?: number;
  /** Estimated tokens in the context, the model's window, or the share of it directly. */
  context_tokens?: number;
  context_window?: number;
  context_percent?: number;
  /** A failed request waiting to be tried again ("retry 2 in 4 s: 429 rate limited"). */
  retry?: string;
  /** A compaction is summarising older turns (the model's next request waits for it). */
  compacting?: boolean;
  /** Steering messages waiting for the next turn boundary, and follow-ups queued for after the run. */
  steering?: number;
  follow_ups?: number;
  /** USD the session's responses cost so far (absent while no price is known). */
  cost_usd?: number;
};

/** Which piece a status part is: a narrow line shortens or drops them in the order of STATUS_SHRINK. */
export type StatusKey = "spinner" | "model" | "working" | "thinking" | "compacting" | "retry" | "ctx" | "cost" | "cwd" | "session";

/** One piece of the status line with its style, and the shorter form a narrow line uses, if any. */
export type StatusPart = { key: StatusKey; text: string; style: Style; short?: string };

/**
 * How a line too narrow for every part gives way, least important first: the directory's last
 * component, no thinking level, the context share without the window, no cost, no directory, the
 * session's id without its label. What is left (model, retry, context share, session id) is then
 * cut from the model's end, so the session id, or a recognisable prefix of it, stays.
 */
export const STATUS_SHRINK: readonly { key: StatusKey; to: "short" | "drop" }[] = [
  { key: "cwd", to: "short" }, { key: "thinking", to: "drop" }, { key: "ctx", to: "short" },
  { key: "cost", to: "drop" }, { key: "cwd", to: "drop" }, { key: "session", to: "short" },
];

/**
 * The line's pieces: the spinner frame (`lead`, while working) and then the left parts joined by
 * " · "; the right parts, joined the same way, go to the right edge.
 */
export type StatusParts = { lead?: StatusPart; left: StatusPart[]; right: StatusPart[] };

/** Braille spinner frames, one per tick while a request runs. */
export const SPINNER_FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** The metadata keys the stock line reads; a status buffer with none of them shows its own text. */
export const STATUS_KEYS = ["cwd", "session", "provider", "model", "model_label", "thinking_level", "working", "context_tokens", "context_percent"];

const SPIN: Style = Object.freeze({ fg: "accent" });
const MODEL: Style = Object.freeze({ fg: "text" });
const MUTED: Style = Object.freeze({ fg: "muted" });
const WARN: Style = Object.freeze({ fg: "warning" });
/** Context use at or above this share shows in the warning colour. */
const CONTEXT_WARN_PERCENT = 90;

/** 200000 -> "200k", 1000000 -> "1M", 512 -> "512". */
export function compactCount(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1000) return `${+(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(Math.round(n));
}

function contextPercent(meta: Record<string, unknown>): number | undefined {
  if (typeof meta.context_percent === "number") return meta.context_percent;
  const win = contextWindow(meta);
  return typeof meta.context_tokens === "number" && win !== undefined ? (100 * meta.context_tokens) / win : undefined;
}

function contextWindow(meta: Record<string, unknown>): number | undefined {
  return typeof meta.context_window === "number" && meta.context_window > 0 ? meta.context_window : undefined;
}

/** "ctx 12% of 200k" from context_tokens/context_window (or context_percent), else "". */
export function contextUse(meta: Record<string, unknown>): string {
  const pct = contextPercent(meta);
  if (pct === undefined) return "";
  const win = contextWindow(meta);
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

/** The working directory with the home directory shown as "~" (only a whole path component). */
export function shortCwd(cwd: string, home: string): string {
  return home !== "" && (cwd === home || cwd.startsWith(home + "/")) ? "~" + cwd.slice(home.length) : cwd;
}

/**
 * The status line's parts: `<spinner> model · thinking LEVEL · compacting · ctx N% of W · $COST` on the left (the
 * spinner only while working; "working" stands for the model when none is named), `cwd · session`
 * on the right.
 */
export function statusParts(meta: Record<string, unknown>, home = process.env.HOME ?? ""): StatusParts {
  const left: StatusPart[] = [];
  let lead: StatusPart | undefined;
  const model = modelLabel(meta);
  if (meta.working === true) {
    const f = typeof meta.spinner === "number" ? meta.spinner : 0;
    lead = { key: "spinner", text: SPINNER_FRAMES[((f % SPINNER_FRAMES.length) + SPINNER_FRAMES.length) % SPINNER_FRAMES.length]!, style: SPIN };
  }
  if (model !== "") left.push({ key: "model", text: model, style: MODEL });
  else if (lead) left.push({ key: "working", text: "working", style: MUTED });
  if (typeof meta.thinking_level === "string" && meta.thinking_level !== "" && meta.thinking_level !== "off") {
    left.push({ key: "thinking", text: `thinking ${meta.thinking_level}`, style: MUTED });
  }
  if (meta.compacting === true) left.push({ key: "compacting", text: "compacting", style: WARN });
  if (typeof meta.retry === "string" && meta.retry !== "") left.push({ key: "retry", text: meta.retry, style: WARN });
  const ctx = contextUse(meta);
  if (ctx !== "") {
    const pct = contextPercent(meta) ?? 0;
    left.push({ key: "ctx", text: ctx, style: pct >= CONTEXT_WARN_PERCENT ? WARN : MUTED, short: `ctx ${Math.round(pct)}%` });
  }
  if (typeof meta.cost_usd === "number" && Number.isFinite(meta.cost_usd)) left.push({ key: "cost", text: formatCost(meta.cost_usd), style: MUTED });
  const right: StatusPart[] = [];
  if (typeof meta.cwd === "string" && meta.cwd !== "") {
    const cwd = shortCwd(meta.cwd, home);
    const last = cwd.slice(cwd.lastIndexOf("/") + 1);
    right.push({ key: "cwd", text: cwd, style: MUTED, short: last === "" || last === cwd ? cwd : `…/${last}` });
  }
  if (typeof meta.session === "string" && meta.session !== "") right.push({ key: "session", text: `session ${meta.session}`, style: MUTED, short: meta.session });
  return lead ? { lead, left, right } : { left, right };
}

/** The status line as plain text (the status buffer's text): every part joined by " · ", no padding. */
export function statusText(meta: Record<string, unknown>, home = process.env.HOME ?? ""): string {
  const { lead, left, right } = statusParts(meta, home);
  return (lead ? `${lead.text} ` : "") + [...left, ...right].map((p) => p.text).join(" · ");
}
