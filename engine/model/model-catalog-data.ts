// What librecode ships knowing about the built-in providers' models: context window, output limit,
// image input, reasoning, and list prices in US dollars per million tokens (as the providers
// published them in late 2025; `models:` in config overrides any of it). A model missing here, or a
// price left out, means "unknown": no cost is shown rather than a guessed one.

/** USD per million tokens. `cacheRead`/`cacheWrite` absent: the provider reports no such tokens. */
export type ModelPrice = { input: number; output: number; cacheRead?: number; cacheWrite?: number };

/** One catalog entry; absent fields are unknown. */
export type CatalogEntry = {
  contextWindow?: number;
  maxOutput?: number;
  images?: boolean;
  reasoning?: boolean;
  price?: ModelPrice;
};

const gpt41 = { contextWindow: 1_047_576, maxOutput: 32_768, images: true, reasoning: false };
const gpt4o = { contextWindow: 128_000, maxOutput: 16_384, images: true, reasoning: false };
const oSeries = { contextWindow: 200_000, maxOutput: 100_000, images: true, reasoning: true };
const gpt5 = { contextWindow: 400_000, maxOutput: 128_000, images: true, reasoning: true };
const claude = { contextWindow: 200_000, images: true, reasoning: true };
const sonnet = { ...claude, maxOutput: 64_000, price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } };
const opus = { ...claude, maxOutput: 32_000, price: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 } };
const haiku45 = { ...claude, maxOutput: 64_000, price: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 } };
const deepseekPrice = { input: 0.28, output: 0.42, cacheRead: 0.028 };

/** Entries by provider id, then model id exactly as that provider names it. */
export const CATALOG: Readonly<Record<string, Readonly<Record<string, CatalogEntry>>>> = {
  openai: {
    "gpt-4.1": { ...gpt41, price: { input: 2, output: 8, cacheRead: 0.5 } },
    "gpt-4.1-mini": { ...gpt41, price: { input: 0.4, output: 1.6, cacheRead: 0.1 } },
    "gpt-4.1-nano": { ...gpt41, price: { input: 0.1, output: 0.4, cacheRead: 0.025 } },
    "gpt-4o": { ...gpt4o, price: { input: 2.5, output: 10, cacheRead: 1.25 } },
    "gpt-4o-mini": { ...gpt4o, price: { input: 0.15, output: 0.6, cacheRead: 0.075 } },
    o3: { ...oSeries, price: { input: 2, output: 8, cacheRead: 0.5 } },
    "o4-mini": { ...oSeries, price: { input: 1.1, output: 4.4, cacheRead: 0.275 } },
    "gpt-5": { ...gpt5, price: { input: 1.25, output: 10, cacheRead: 0.125 } },
    "gpt-5-mini": { ...gpt5, price: { input: 0.25, output: 2, cacheRead: 0.025 } },
    "gpt-5-nano": { ...gpt5, price: { input: 0.05, output: 0.4, cacheRead: 0.005 } },
  },
  anthropic: {
    "claude-sonnet-4-5": sonnet,
    "claude-sonnet-4-0": sonnet,
    "claude-sonnet-4": sonnet,
    "claude-3-7-sonnet": sonnet,
    "claude-opus-4-1": opus,
    "claude-opus-4-0": opus,
    "claude-opus-4": opus,
    "claude-haiku-4-5": haiku45,
  },
  openrouter: {
    "anthropic/claude-sonnet-4.5": sonnet,
    "openai/gpt-4.1-mini": { ...gpt41, price: { input: 0.4, output: 1.6, cacheRead: 0.1 } },
    // OpenRouter routes DeepSeek to several hosts at different prices: capabilities only.
    "deepseek/deepseek-chat": { contextWindow: 128_000, images: false, reasoning: false },
  },
  groq: {
    "llama-3.3-70b-versatile": { contextWindow: 131_072, maxOutput: 32_768, images: false, reasoning: false, price: { input: 0.59, output: 0.79 } },
    "llama-3.1-8b-instant": { contextWindow: 131_072, maxOutput: 131_072, images: false, reasoning: false, price: { input: 0.05, output: 0.08 } },
  },
  deepseek: {
    "deepseek-chat": { contextWindow: 128_000, maxOutput: 8_192, images: false, reasoning: false, price: deepseekPrice },
    "deepseek-reasoner": { contextWindow: 128_000, maxOutput: 65_536, images: false, reasoning: true, price: deepseekPrice },
  },
  script: {
    demo: { contextWindow: 200_000, images: false, reasoning: true },
  },
};

/** Context windows of model families served by many hosts (local servers, proxies); used only
 *  when no entry above matches. Longest prefix wins. */
export const FAMILY_WINDOWS: readonly [prefix: string, tokens: number][] = [
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
