// The character counts the context estimate is made of (about four characters a token). The
// offline script provider reports its usage from the same counts, so the status line's context
// figure reads the same before a turn (estimated) and after it (reported).
import type { ModelMessage, ModelToolSpec } from "./model-types.js";

/** What an image counts for in the estimate: about 1,600 tokens (a 1000x1000 image at Anthropic's
 *  width*height/750, and OpenAI's high detail of a mid-sized image). Providers report the truth. */
export const IMAGE_CHARS = 6400;

/** Characters a message contributes to a request. */
export function messageChars(m: ModelMessage): number {
  switch (m.role) {
    case "tool":
      return m.content.length + 16 + (m.images?.length ?? 0) * IMAGE_CHARS;
    case "assistant":
      return m.text.length + (m.thinking?.length ?? 0) + (m.toolCalls ?? []).reduce((n, c) => n + c.name.length + c.arguments.length + 16, 0);
    case "user":
      return m.text.length + 8 + (m.images?.length ?? 0) * IMAGE_CHARS;
    default:
      return m.text.length + 8;
  }
}

/** Characters the tool definitions add to a request: each description and JSON schema. */
export function toolChars(tools: readonly { description: string; schema: unknown }[]): number {
  return tools.reduce((n, t) => n + t.description.length + JSON.stringify(t.schema).length, 0);
}

/** Characters of a whole request: system prompt, tool definitions and messages. */
export function requestChars(system: string, tools: readonly ModelToolSpec[], messages: readonly ModelMessage[]): number {
  return system.length + toolChars(tools) + messages.reduce((n, m) => n + messageChars(m), 0);
}
