// `prompt_submit` as the original emits it: when the composer is submitted, while the draft is
// still in it, with the key that submitted and how the prompt will be delivered. A handler that
// consumes it leaves the draft in the composer (text, cursor, attached images) for the user to edit;
// one that rewrites `data.text` or the composer's text changes what is sent.
import { keyEvent, type KeyEvent } from "../kernel/key-event.js";
import type { Runtime } from "../kernel/runtime.js";

/** How a submitted prompt is delivered, in the original's words: run now, steer the running
 *  request, or run after it. */
export type Delivery = "prompt" | "steer" | "follow_up";

/** The key a submit is reported with when no key started it (an action run from Lua). */
export const SUBMIT_KEY: KeyEvent = Object.freeze(keyEvent("enter"));

/** The delivery of a draft submitted while `working` (or idle) with enter or alt+enter (`followUp`);
 *  images alone never steer. */
export function deliveryOf(working: boolean, followUp: boolean, text: string): Delivery {
  if (!working) return "prompt";
  return followUp || text === "" ? "follow_up" : "steer";
}

/**
 * Emits `prompt_submit` for the draft `text` still in `composer`: undefined when a handler consumed
 * it, else the text to send (`data.text` when a handler rewrote it, else the composer's text as the
 * handlers left it).
 */
export function emitPromptSubmit(rt: Runtime, composer: string, text: string, delivery: Delivery, key: KeyEvent = SUBMIT_KEY): string | undefined {
  const data: Record<string, unknown> = { text, delivery };
  if (rt.emit("prompt_submit", data, key).consumed) return undefined;
  if (typeof data.text === "string" && data.text !== text) return data.text;
  return rt.buffers.getText(composer);
}
