// The character counts the context estimate is made of (about four characters a token). The
// offline script provider reports its usage from the same counts, so the status line's context
// figure reads the same before a turn (estimated) and after it (reported).
import type { ModelMessage, ModelToolSpec } from "./model-types.js";

/** Characters a message contributes to a request. */
export function messageChars(m: ModelMessage): number {
  switch (m.role) {
    case "tool":
      return m.content.length + 16;
    case "assistant":
      return m.text.length + (m.thinking?.length ?? 0) + (m.toolCalls ?? []).reduce((n, c) => n + c.name.length + c.arguments.length + 16, 0);
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
