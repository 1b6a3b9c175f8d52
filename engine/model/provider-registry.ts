// Which provider and model a run uses: the built-in providers merged with config `providers:`,
// flags and LIBRECODE_* overrides, API keys from the environment or saved keys, and the offline
// demo when nothing is configured. Keys are passed to the SDKs only, never into messages.
import { basename, resolve } from "node:path";
import { createAnthropicProvider } from "./anthropic-provider.js";
import { demoScript } from "./demo-script.js";
import { contextWindow } from "./model-catalog.js";
import type { Provider, ProviderApi, RetryOptions } from "./model-types.js";
import { loadScript } from "./model-script.js";
import { createOpenAIChatProvider } from "./openai-chat-provider.js";
import { createScriptProvider } from "./script-provider.js";

export type ProviderEntry = {
  id: string;
  api: ProviderApi;
  baseUrl: string;
  /** Where the key comes from; undefined: no key needed (local servers). */
  apiKeyEnv?: string;
  models: string[];
  defaultModel?: string;
  contextWindow?: number;
  headers: Record<string, string>;
  builtin: boolean;
  /** `timeout_ms` / `idle_timeout_ms` from config (the retry loop's defaults otherwise). */
  timeoutMs?: number;
  idleTimeoutMs?: number;
};

/** The subset of the loaded configuration this module reads (engine/config's Config fits it). */
export type ModelConfig = {
  assistant: { provider: string; model: string };
  providers?: Record<
    string,
    { api: "openai-chat" | "anthropic-messages"; base_url: string; api_key_env?: string; models?: string[]; context_window?: number; headers?: Record<string, string>; timeout_ms?: number; idle_timeout_ms?: number }
  >;
};

export type ProviderOverrides = {
  /** `--provider` / `--model`. */
  provider?: string;
  model?: string;
  /** engine/config's LoadedConfig.sources: tells a default `assistant.provider` from a chosen one. */
  sources?: Map<string, string>;
  /** Base for a relative script path given as the script provider's model. */
  cwd?: string;
  retry?: RetryOptions;
  /** The script provider's pacing sleep (tests). */
  scriptSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

export type ResolvedModel = {
  provider: Provider;
  providerId: string;
  model: string;
  /** For the status line: "anthropic/claude-sonnet-4-5", or "script (offline demo)". */
  label: string;
  contextWindow: number;
  /** True when the offline demo was chosen because nothing was configured. */
  offline: boolean;
};

type Env = Record<string, string | undefined>;

export const OFFLINE_DEMO_LABEL = "script (offline demo)";

const BUILTINS: Omit<ProviderEntry, "headers" | "builtin">[] = [
  { id: "openai", api: "openai-chat", baseUrl: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY", models: ["gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini"], defaultModel: "gpt-4.1-mini" },
  { id: "anthropic", api: "anthropic-messages", baseUrl: "https://api.anthropic.com", apiKeyEnv: "ANTHROPIC_API_KEY", models: ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"], defaultModel: "claude-sonnet-4-5" },
  { id: "openrouter", api: "openai-chat", baseUrl: "https://openrouter.ai/api/v1", apiKeyEnv: "OPENROUTER_API_KEY", models: ["anthropic/claude-sonnet-4.5", "openai/gpt-4.1-mini", "deepseek/deepseek-chat"], defaultModel: "anthropic/claude-sonnet-4.5" },
  { id: "groq", api: "openai-chat", baseUrl: "https://api.groq.com/openai/v1", apiKeyEnv: "GROQ_API_KEY", models: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"], defaultModel: "llama-3.3-70b-versatile" },
  { id: "deepseek", api: "openai-chat", baseUrl: "https://api.deepseek.com/v1", models: ["deepseek-chat", "deepseek-reasoner"], apiKeyEnv: "DEEPSEEK_API_KEY", defaultModel: "deepseek-chat" },
  { id: "ollama", api: "openai-chat", baseUrl: "http://127.0.0.1:11434/v1", models: [] },
  { id: "script", api: "script", baseUrl: "", models: ["demo"], defaultModel: "demo" },
];

/** Built-in providers tried, in this order, when none is configured but a key is in the environment. */
const KEYED_FALLBACKS = ["anthropic", "openai", "openrouter", "groq", "deepseek"];

/** Every provider: the built-ins, with config `providers:` entries added or overriding them by id. */
export function providerEntries(config: ModelConfig): ProviderEntry[] {
  const byId = new Map<string, ProviderEntry>(BUILTINS.map((b) => [b.id, { ...b, headers: {}, builtin: true }]));
  for (const [id, p] of Object.entries(config.providers ?? {})) {
    const base = byId.get(id);
    byId.set(id, {
      id,
      api: p.api,
      baseUrl: p.base_url,
      apiKeyEnv: p.api_key_env ?? (base?.api === p.api ? base.apiKeyEnv : undefined),
      models: p.models?.length ? p.models : (base?.models ?? []),
      defaultModel: p.models?.[0] ?? base?.defaultModel,
      contextWindow: p.context_window,
      headers: p.headers ?? {},
      builtin: base !== undefined,
      ...(p.timeout_ms !== undefined ? { timeoutMs: p.timeout_ms } : {}),
      ...(p.idle_timeout_ms !== undefined ? { idleTimeoutMs: p.idle_timeout_ms } : {}),
    });
  }
  return [...byId.values()];
}

/** The key for `entry`: a saved key first, then its environment variable; "" when it needs none. */
function findKey(entry: ProviderEntry, env: Env, authKeys: Record<string, string>): string | undefined {
  if (authKeys[entry.id]) return authKeys[entry.id];
  if (!entry.apiKeyEnv) return "";
  const v = env[entry.apiKeyEnv];
  return v && v.trim() !== "" ? v.trim() : undefined;
}

/** Picks the provider and model for a run and builds the Provider; throws a one-line error when it cannot. */
export function resolveProvider(config: ModelConfig, overrides: ProviderOverrides, env: Env, authKeys: Record<string, string> = {}): ResolvedModel {
  const entries = new Map(providerEntries(config).map((e) => [e.id, e]));
  const isDefault = (path: string) => overrides.sources !== undefined && (overrides.sources.get(path) ?? "default") === "default";
  const chosenId = overrides.provider ?? config.assistant.provider;
  const providerChosen = overrides.provider !== undefined || !isDefault("assistant.provider");
  // A model set in config belongs to the configured provider; --provider without --model takes its default.
  const userModel = overrides.model ?? (overrides.provider === undefined && !isDefault("assistant.model") ? config.assistant.model : undefined);
  const entry = entries.get(chosenId);
  if (!entry) {
    const known = [...entries.keys()].join(", ");
    throw new Error(`${overrides.provider !== undefined ? "--provider" : "assistant.provider"}: expected one of ${known}, got "${chosenId}"`);
  }
  const key = findKey(entry, env, authKeys);
  if (key === undefined && !providerChosen) {
    // A fresh install: use whichever provider has a key, else the offline demo.
    for (const id of KEYED_FALLBACKS) {
      const candidate = entries.get(id)!;
      const k = findKey(candidate, env, authKeys);
      if (k) return build(candidate, userModel ?? candidate.defaultModel!, k, overrides, false);
    }
    return build(entries.get("script")!, "demo", "", overrides, true);
  }
  if (key === undefined) {
    throw new Error(`${entry.id}: no API key: expected it in $${entry.apiKeyEnv} or saved with librecode auth, got none`);
  }
  const model = userModel ?? entry.defaultModel ?? entry.models[0] ?? config.assistant.model;
  return build(entry, model, key, overrides, false);
}

function build(entry: ProviderEntry, model: string, key: string, o: ProviderOverrides, offline: boolean): ResolvedModel {
  const common = { providerId: entry.id, model, contextWindow: contextWindow(model, entry.contextWindow), offline };
  if (entry.api === "script") {
    const demo = model === "demo";
    const script = demo ? demoScript() : loadScript(resolve(o.cwd ?? process.cwd(), model));
    const provider = createScriptProvider({ id: entry.id, script, ...(o.scriptSleep ? { sleep: o.scriptSleep } : {}) });
    return { ...common, provider, label: demo ? OFFLINE_DEMO_LABEL : `script (${basename(model)})` };
  }
  const retry = {
    ...(entry.timeoutMs !== undefined ? { timeoutMs: entry.timeoutMs } : {}),
    ...(entry.idleTimeoutMs !== undefined ? { idleTimeoutMs: entry.idleTimeoutMs } : {}),
    ...o.retry,
  };
  const cfg = { id: entry.id, baseURL: entry.baseUrl, apiKey: key, headers: entry.headers, retry };
  const provider = entry.api === "anthropic-messages" ? createAnthropicProvider(cfg) : createOpenAIChatProvider(cfg);
  return { ...common, provider, label: `${entry.id}/${model}` };
}

export type ModelListEntry = {
  provider: string;
  api: ProviderApi;
  baseUrl: string;
  apiKeyEnv?: string;
  /** null: the provider needs no key. */
  keyFound: boolean | null;
  models: { id: string; contextWindow: number }[];
};

/** Only the models whose `provider/id` contains `search` (any case); a provider whose own id matches
 *  keeps every model. An empty search keeps everything. */
export function filterModelList(entries: ModelListEntry[], search: string): ModelListEntry[] {
  const q = search.trim().toLowerCase();
  if (q === "") return entries;
  return entries.flatMap((e) => {
    if (e.provider.toLowerCase().includes(q)) return [e];
    const models = e.models.filter((m) => `${e.provider}/${m.id}`.toLowerCase().includes(q));
    return models.length > 0 ? [{ ...e, models }] : [];
  });
}

/** The providers and their models for `librecode model list`. */
export function listModels(config: ModelConfig, env: Env = {}, authKeys: Record<string, string> = {}): ModelListEntry[] {
  return providerEntries(config).map((e) => {
    const key = findKey(e, env, authKeys);
    return {
      provider: e.id,
      api: e.api,
      baseUrl: e.baseUrl,
      ...(e.apiKeyEnv ? { apiKeyEnv: e.apiKeyEnv } : {}),
      keyFound: key === "" && !authKeys[e.id] ? null : key !== undefined,
      models: e.models.map((m) => ({ id: m, contextWindow: contextWindow(m, e.contextWindow) })),
    };
  });
}

/** Plain-text lines for `librecode model list`; `current` ("provider/model") is starred. */
export function formatModelList(entries: ModelListEntry[], current?: string): string[] {
  const lines: string[] = [];
  for (const e of entries) {
    const key = e.keyFound === null ? "no key needed" : `${e.apiKeyEnv ? `$${e.apiKeyEnv}` : "key"} ${e.keyFound ? "set" : "not set"}`;
    lines.push(`${e.provider}  ${e.api}  ${e.baseUrl || "(offline)"}  ${key}`);
    if (e.models.length === 0) lines.push("    (any model the server has; pass --model)");
    for (const m of e.models) {
      const star = current === `${e.provider}/${m.id}` ? "*" : " ";
      lines.push(`  ${star} ${m.id}  ${m.contextWindow.toLocaleString("en-US")} tokens`);
    }
  }
  return lines;
}
