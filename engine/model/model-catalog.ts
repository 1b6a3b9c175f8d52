// What a model can do and costs: the shipped catalog (model-catalog-data.ts) under the config's
// `models.<provider>/<id>` overrides, so compaction knows its budget, `read` knows whether to send an
// image, and the status line can price a session without asking a server.
import { CATALOG, FAMILY_WINDOWS, type CatalogEntry, type ModelPrice } from "./model-catalog-data.js";

export type { ModelPrice } from "./model-catalog-data.js";

/** Used when neither the config (`context_window`) nor this catalog knows the model. */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

/** Everything librecode knows about one provider's model; `maxOutput`/`price` undefined: unknown. */
export type ModelInfo = {
  contextWindow: number;
  maxOutput?: number;
  images: boolean;
  reasoning: boolean;
  price?: ModelPrice;
};

/** One `models.<provider>/<id>` table of the config, as written. */
export type ModelOverride = {
  context_window?: number;
  max_output?: number;
  images?: boolean;
  reasoning?: boolean;
  price?: { input: number; output: number; cache_read?: number; cache_write?: number };
};

// Dated snapshots ("claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06") and "-latest" aliases are
// the model they name; anything else ("o3-pro", "gpt-4o-mini") is a different model and price.
const SNAPSHOT = /^-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

function entryFor(table: Readonly<Record<string, CatalogEntry>> | undefined, model: string): CatalogEntry | undefined {
  if (!table) return undefined;
  const id = model.toLowerCase();
  if (table[id]) return table[id];
  for (const [known, entry] of Object.entries(table)) {
    if (id.startsWith(known) && SNAPSHOT.test(id.slice(known.length))) return entry;
  }
  return undefined;
}

// "anthropic/claude-sonnet-4.5" on OpenRouter is "claude-sonnet-4-5" at Anthropic.
const familyName = (model: string) => model.slice(model.lastIndexOf("/") + 1).toLowerCase().replace(/\./g, "-");

/** The same model served by another provider (a proxy, a local server): capabilities, never prices. */
function familyEntry(model: string): CatalogEntry | undefined {
  const name = familyName(model);
  for (const table of Object.values(CATALOG)) {
    const byFamily: Record<string, CatalogEntry> = {};
    for (const [id, entry] of Object.entries(table)) byFamily[familyName(id)] = entry;
    const found = entryFor(byFamily, name);
    if (found) return { ...found, price: undefined };
  }
  return undefined;
}

function familyWindow(model: string): number | undefined {
  const name = model.slice(model.lastIndexOf("/") + 1).toLowerCase();
  let best: readonly [string, number] | undefined;
  for (const entry of FAMILY_WINDOWS) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** The context window for `model`: the configured size, else the catalog's, else the default. */
export function contextWindow(model: string, configured?: number): number {
  return configured ?? familyEntry(model)?.contextWindow ?? familyWindow(model) ?? DEFAULT_CONTEXT_WINDOW;
}

export type ModelInfoOptions = {
  /** The config's `models.<provider>/<id>` table. */
  override?: ModelOverride;
  /** `providers.<id>.context_window`. */
  providerWindow?: number;
};

/** What `provider`'s `model` can do and costs: config override, then the provider's catalog entry,
 *  then the same model at another provider (without its price), then family defaults. */
export function modelInfo(provider: string, model: string, opts: ModelInfoOptions = {}): ModelInfo {
  const o = opts.override ?? {};
  const entry = entryFor(CATALOG[provider], model) ?? familyEntry(model) ?? {};
  const price: ModelPrice | undefined = o.price
    ? { input: o.price.input, output: o.price.output, ...(o.price.cache_read !== undefined ? { cacheRead: o.price.cache_read } : {}), ...(o.price.cache_write !== undefined ? { cacheWrite: o.price.cache_write } : {}) }
    : entry.price;
  const maxOutput = o.max_output ?? entry.maxOutput;
  return {
    contextWindow: o.context_window ?? opts.providerWindow ?? entry.contextWindow ?? familyWindow(model) ?? DEFAULT_CONTEXT_WINDOW,
    ...(maxOutput !== undefined ? { maxOutput } : {}),
    images: o.images ?? entry.images ?? false,
    reasoning: o.reasoning ?? entry.reasoning ?? false,
    ...(price ? { price } : {}),
  };
}
