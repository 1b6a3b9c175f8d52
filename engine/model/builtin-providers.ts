// The providers librecode knows without configuration: id, wire protocol, URL, key variable, models.
import type { ProviderApi } from "./model-types.js";

export type BuiltinProvider = {
  id: string;
  api: ProviderApi;
  baseUrl: string;
  /** Where the key comes from; undefined: no key needed (local servers). */
  apiKeyEnv?: string;
  models: string[];
  defaultModel?: string;
};

export const BUILTIN_PROVIDERS: readonly BuiltinProvider[] = [
  { id: "openai", api: "openai-chat", baseUrl: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY", models: ["gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini"], defaultModel: "gpt-4.1-mini" },
  { id: "anthropic", api: "anthropic-messages", baseUrl: "https://api.anthropic.com", apiKeyEnv: "ANTHROPIC_API_KEY", models: ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"], defaultModel: "claude-sonnet-4-5" },
  { id: "openrouter", api: "openai-chat", baseUrl: "https://openrouter.ai/api/v1", apiKeyEnv: "OPENROUTER_API_KEY", models: ["anthropic/claude-sonnet-4.5", "openai/gpt-4.1-mini", "deepseek/deepseek-chat"], defaultModel: "anthropic/claude-sonnet-4.5" },
  { id: "groq", api: "openai-chat", baseUrl: "https://api.groq.com/openai/v1", apiKeyEnv: "GROQ_API_KEY", models: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"], defaultModel: "llama-3.3-70b-versatile" },
  { id: "deepseek", api: "openai-chat", baseUrl: "https://api.deepseek.com/v1", models: ["deepseek-chat", "deepseek-reasoner"], apiKeyEnv: "DEEPSEEK_API_KEY", defaultModel: "deepseek-chat" },
  { id: "ollama", api: "openai-chat", baseUrl: "http://127.0.0.1:11434/v1", models: [] },
  { id: "script", api: "script", baseUrl: "", models: ["demo"], defaultModel: "demo" },
];

/** The built-in provider ids, in listing order. */
export const BUILTIN_PROVIDER_IDS: readonly string[] = BUILTIN_PROVIDERS.map((p) => p.id);
