// The events a prompt passes before it is sent: `input` and `prompt_submit` may rewrite or consume
// it, `prompt_prepare` may rewrite it and the run's system prompt.
import type { Runtime } from "../kernel/runtime.js";
import { readString } from "./lifecycle-payloads.js";

/** The prompt and system prompt after the handlers, or undefined when one consumed the prompt. */
export function preparePrompt(rt: Runtime, input: string, system: string): { text: string; system: string } | undefined {
  const inp: Record<string, unknown> = { text: input };
  if (rt.emit("input", inp).consumed) return undefined;
  let text = readString(inp, "text", input);
  const submitted: Record<string, unknown> = { text };
  if (rt.emit("prompt_submit", submitted).consumed) return undefined;
  text = readString(submitted, "text", text);
  const prep: Record<string, unknown> = { text, system_prompt: system };
  rt.emit("prompt_prepare", prep);
  return { text: readString(prep, "text", text), system: readString(prep, "system_prompt", system) };
}
