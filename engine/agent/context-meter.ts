// How much of the model's window the live context uses (the status line, /context and
// auto-compaction): the provider's last count plus ~chars/4 of what was added after it; before
// any count, chars/4 of everything, the system prompt and tool schemas included.
import type { ToolRegistry } from "../kernel/tool-registry.js";
import { toolChars } from "../model/message-chars.js";
import type { ContextUse } from "./chat-loop-options.js";
import { estimateContext, type ContextEntry } from "./conversation.js";

/** Guards the provider's last count and the size of the run's system prompt. */
export class ContextMeter {
  /** Tokens the provider last reported and how many entries that count covered. */
  private reported: { tokens: number; entries: number } | undefined;
  private systemLength: number | undefined;

  constructor(private readonly systemPrompt: () => string, private readonly tools: ToolRegistry) {}

  /** The provider counted `tokens` for the first `entries` messages of the context. */
  report(tokens: number, entries: number): void {
    this.reported = { tokens, entries };
  }

  /** Drops the count: the context was compacted or replaced, or the model changed. */
  forget(): void {
    this.reported = undefined;
  }

  /** The length of the system prompt the current run sends. */
  setSystemLength(chars: number): void {
    this.systemLength = chars;
  }

  /** The estimate for `entries` after `summary`, against a window of `window` tokens. */
  use(entries: ContextEntry[], summary: string | undefined, window: number): ContextUse {
    const tokens = estimateContext(entries, this.reported, () => this.systemChars() + (summary?.length ?? 0) + this.toolChars());
    return { tokens, window, percent: Math.round((tokens / window) * 1000) / 10, messages: entries.length, summary: summary !== undefined };
  }

  // Before the first run the prompt is built once here: AGENTS.md files are not re-read on every status update.
  private systemChars(): number {
    this.systemLength ??= this.systemPrompt().length;
    return this.systemLength;
  }

  private toolChars(): number {
    return toolChars(this.tools.list());
  }
}
