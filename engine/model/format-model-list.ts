// `librecode model list` (and `/model`): providers with their key status, each model a row of the
// catalog's columns under one header; unknown values are "-", prices USD per million tokens.
import type { ModelInfo } from "./model-catalog.js";
import type { ProviderApi } from "./model-types.js";

/** One provider of `model list`: its key status and its models with their catalog records. */
export type ModelListEntry = {
  provider: string;
  api: ProviderApi;
  baseUrl: string;
  apiKeyEnv?: string;
  /** null: the provider needs no key. */
  keyFound: boolean | null;
  models: ({ id: string } & ModelInfo)[];
};

const HEADER = ["  model", "context", "max out", "images", "reasoning", "$/M in", "$/M out", "$/M cache read", "$/M cache write"];
/** Columns after the model name are right-aligned numbers, except the two yes/no ones. */
const LEFT = new Set([0, 3, 4]);

/** "2.00", "0.075", "0.4" -> "0.40": at least two decimals, at most four. */
export function formatPrice(usd: number | undefined): string {
  if (usd === undefined) return "-";
  const s = usd.toFixed(4).replace(/0+$/, "");
  const [whole, frac = ""] = s.split(".");
  return `${whole}.${frac.padEnd(2, "0")}`;
}

const count = (n: number | undefined) => (n === undefined ? "-" : n.toLocaleString("en-US"));

/** Plain-text lines for `librecode model list`; `current` ("provider/model") is starred. */
export function formatModelList(entries: ModelListEntry[], current?: string): string[] {
  const rows: (string | string[])[] = [HEADER];
  for (const e of entries) {
    const key = e.keyFound === null ? "no key needed" : `${e.apiKeyEnv ? `$${e.apiKeyEnv}` : "key"} ${e.keyFound ? "set" : "not set"}`;
    rows.push(`${e.provider}  ${e.api}  ${e.baseUrl || "(offline)"}  ${key}`);
    if (e.models.length === 0) rows.push("    (any model the server has; pass --model)");
    for (const m of e.models) {
      const star = current === `${e.provider}/${m.id}` ? "*" : " ";
      rows.push([
        `${star} ${m.id}`, count(m.contextWindow), count(m.maxOutput), m.images ? "yes" : "no", m.reasoning ? "yes" : "no",
        formatPrice(m.price?.input), formatPrice(m.price?.output), formatPrice(m.price?.cacheRead), formatPrice(m.price?.cacheWrite),
      ]);
    }
  }
  const widths = HEADER.map((_, c) => Math.max(...rows.filter(Array.isArray).map((r) => r[c]!.length)));
  return rows.map((r) => {
    if (!Array.isArray(r)) return r;
    const cells = r.map((cell, c) => (LEFT.has(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)));
    return `  ${cells.join("  ")}`.trimEnd();
  });
}
