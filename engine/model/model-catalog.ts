// Context window sizes of well-known models, so compaction knows its budget without asking a server.

/** Used when neither the config (`context_window`) nor this catalog knows the model. */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

// Longest prefix wins, so dated snapshots ("gpt-4o-2024-08-06") and vendor prefixes
// ("openai/gpt-4o" on OpenRouter) find their family.
const WINDOWS: [prefix: string, tokens: number][] = [
  ["gpt-4.1", 1_047_576],
  ["gpt-4o", 128_000],
  ["gpt-4-turbo", 128_000],
  ["gpt-5", 400_000],
  ["o1", 200_000],
  ["o3", 200_000],
  ["o4-mini", 200_000],
  ["claude-opus-4", 200_000],
  ["claude-sonnet-4", 200_000],
  ["claude-haiku-4", 200_000],
  ["claude-3", 200_000],
  ["deepseek-chat", 128_000],
  ["deepseek-reasoner", 128_000],
  ["llama-3.1", 131_072],
  ["llama-3.3", 131_072],
  ["qwen2.5-coder", 32_768],
  ["qwen3", 40_960],
  ["gemini-2.5", 1_048_576],
  ["demo", 200_000],
];

/** The context window for `model`: the configured size, else the catalog's, else the default. */
export function contextWindow(model: string, configured?: number): number {
  if (configured) return configured;
  const name = model.slice(model.lastIndexOf("/") + 1).toLowerCase();
  let best: [string, number] | undefined;
  for (const entry of WINDOWS) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : DEFAULT_CONTEXT_WINDOW;
}
