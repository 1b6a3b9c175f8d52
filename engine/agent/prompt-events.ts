// The events a prompt passes before it is sent: `input` and `prompt_submit` may rewrite or consume
// it, `prompt_prepare` may rewrite it and the run's system prompt. `text` is ours, `prompt` the
// original's name of the same thing.
import type { Runtime } from "../kernel/runtime.js";
import { readString } from "./lifecycle-payloads.js";

/** The prompt and system prompt after the handlers, or undefined when one consumed the prompt.
 *  `submitted`: prompt_submit already ran for it (the stock chat emits it when the composer is
 *  submitted, while the draft is still there), so it is not emitted again. */
export function preparePrompt(rt: Runtime, input: string, system: string, about: PromptAbout = {}, submitted = false): { text: string; system: string } | undefined {
  const inp: Record<string, unknown> = { ...original(input, about), text: input };
  if (rt.emit("input", inp).consumed) return undefined;
  let text = readPrompt(inp, input);
  if (!submitted) {
    const data: Record<string, unknown> = { text };
    if (rt.emit("prompt_submit", data).consumed) return undefined;
    text = readString(data, "text", text);
  }
  const prep: Record<string, unknown> = { ...original(text, about), text, system_prompt: system };
  rt.emit("prompt_prepare", prep);
  return { text: readPrompt(prep, text), system: readString(prep, "system_prompt", system) };
}

/** What the original's input/prompt_prepare payloads also carried. */
export type PromptAbout = { sessionId?: string; cwd?: string; name?: string };

function original(prompt: string, about: PromptAbout): Record<string, unknown> {
  return {
    prompt, session_id: about.sessionId ?? "", cwd: about.cwd ?? "", name: about.name ?? "", parent_entry_id: "",
    attachments: [], attachment_count: 0, resume_latest: false,
  };
}

// `text` (ours) or `prompt` (the original's name), whichever a handler changed.
function readPrompt(data: Record<string, unknown>, before: string): string {
  const text = readString(data, "text", before);
  if (text !== before) return text;
  return readString(data, "prompt", before);
}
