// The status buffer's text, built from its metadata so extensions that read either see the same.

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
  /** Steering messages waiting for the next turn boundary, and follow-ups queued for after the run. */
  steering?: number;
  follow_ups?: number;
};

/** Braille spinner frames, one per tick while a request runs. */
export const SPINNER_FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** One status line: `<spinner working | idle mark> model · thinking · cwd · session`, empty parts left out. */
export function statusText(info: StatusInfo, home = process.env.HOME ?? ""): string {
  const parts: string[] = [];
  const model = info.model_label ?? (info.provider && info.model ? `${info.provider}/${info.model}` : undefined);
  if (model) parts.push(model);
  if (info.thinking_level && info.thinking_level !== "off") parts.push(`thinking ${info.thinking_level}`);
  if (info.cwd) parts.push(home && info.cwd.startsWith(home) ? `~${info.cwd.slice(home.length)}` : info.cwd);
  if (info.session) parts.push(`session ${info.session}`);
  const lead = info.working ? `${SPINNER_FRAMES[(info.spinner ?? 0) % SPINNER_FRAMES.length]} working` : "";
  return [lead, ...parts].filter((p) => p !== "").join(" · ");
}
