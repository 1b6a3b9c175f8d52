// Which provider and model a run uses: the built-in providers merged with config `providers:`,
// flags and LIBRECODE_* overrides, API keys from the environment or saved keys, and the offline
// demo when nothing is configured. Keys are passed to the SDKs only, never into messages.
import { basename, resolve } from "node:path";
import { createAnthropicProvider } from "./anthropic-provider.js";
import { demoScript } from "./demo-script.js";
import { BUILTIN_PROVIDERS } from "./builtin-providers.js";
import { modelInfo, type ModelInfo, type ModelOverride } from "./model-catalog.js";
import type { Provider, ProviderApi, RetryOptions } from "./model-types.js";
import { loadScript } from "./model-script.js";
import { createOpenAIChatProvider } from "./openai-chat-provider.js";
import { createScriptProvider } from "./script-provider.js";

import type { ModelListEntry } from "./format-model-list.js";

export { formatModelList, modelListRows, type ModelListEntry } from "./format-model-list.js";

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
  /** `models.<provider>/<id>`: catalog overrides; a model the provider does not list is added to it. */
  models?: Record<string, ModelOverride>;
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
  /** The catalog's record of this model (with config overrides): limits, images, reasoning, prices. */
  info: ModelInfo;
  /** True when the offline demo was chosen because nothing was configured. */
  offline: boolean;
};

type Env = Record<string, string | undefined>;

export const OFFLINE_DEMO_LABEL = "script (offline demo)";

/** Built-in providers tried, in this order, when none is configured but a key is in the environment. */
const KEYED_FALLBACKS = ["anthropic", "openai", "openrouter", "groq", "deepseek"];

/** Every provider: the built-ins, with config `providers:` entries added or overriding them by id. */
export function providerEntries(config: ModelConfig): ProviderEntry[] {
  const byId = new Map<string, ProviderEntry>(BUILTIN_PROVIDERS.map((b) => [b.id, { ...b, models: [...b.models], headers: {}, builtin: true }]));
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
  // A model configured under `models:` that its provider does not list is listed after the others.
  for (const key of Object.keys(config.models ?? {})) {
    const slash = key.indexOf("/");
    const entry = byId.get(key.slice(0, slash));
    const model = key.slice(slash + 1);
    if (entry && !entry.models.includes(model)) entry.models = [...entry.models, model];
  }
  return [...byId.values()];
}

/** The catalog record of `model` at `entry`, with the config's overrides. */
function infoFor(config: ModelConfig, entry: ProviderEntry, model: string): ModelInfo {
  const override = config.models?.[`${entry.id}/${model}`];
  return modelInfo(entry.id, model, { ...(override ? { override } : {}), ...(entry.contextWindow !== undefined ? { providerWindow: entry.contextWindow } : {}) });
}

/**
 * The key for `entry`: its environment variable first (as the original does: a key exported for
 * one shell wins over one saved for every run), then a saved key; "" when it needs none.
 */
function findKey(entry: ProviderEntry, env: Env, authKeys: Record<string, string>): string | undefined {
  const v = entry.apiKeyEnv ? env[entry.apiKeyEnv]?.trim() : undefined;
  if (v) return v;
  if (authKeys[entry.id]) return authKeys[entry.id];
  return entry.apiKeyEnv ? undefined : "";
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
      if (k) return build(config, candidate, userModel ?? candidate.defaultModel!, k, overrides, false);
    }
    return build(config, entries.get("script")!, "demo", "", overrides, true);
  }
  if (key === undefined) {
    throw new Error(`${entry.id}: no API key: expected it in $${entry.apiKeyEnv} or saved by \"librecode auth login ${entry.id}\", got none`);
  }
  const model = userModel ?? entry.defaultModel ?? entry.models[0] ?? config.assistant.model;
  return build(config, entry, model, key, overrides, false);
}

function build(config: ModelConfig, entry: ProviderEntry, model: string, key: string, o: ProviderOverrides, offline: boolean): ResolvedModel {
  const info = infoFor(config, entry, model);
  const common = { providerId: entry.id, model, contextWindow: info.contextWindow, info, offline };
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
      models: e.models.map((m) => ({ id: m, ...infoFor(config, e, m) })),
    };
  });
}
