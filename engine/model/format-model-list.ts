// `librecode model list` (and `/model`): providers with their key status, each model a row of the
// catalog's columns under one header; unknown values are "-", prices USD per million tokens.
import { plainLines, type Style, type StyledRow } from "../kernel/style.js";
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
  return plainLines(modelListRows(entries, current));
}

const MUTED: Style = { fg: "muted" };

/** formatModelList's lines as styled rows: the header muted, providers bold, a missing key in the warning colour. */
export function modelListRows(entries: ModelListEntry[], current?: string): StyledRow[] {
  const rows: (StyledRow | { cells: string[]; here: boolean })[] = [{ cells: HEADER, here: false }];
  for (const e of entries) {
    const key = e.keyFound === null ? "no key needed" : `${e.apiKeyEnv ? `$${e.apiKeyEnv}` : "key"} ${e.keyFound ? "set" : "not set"}`;
    rows.push([
      { text: e.provider, style: { bold: true } }, { text: `  ${e.api}  ` }, { text: e.baseUrl || "(offline)", style: MUTED },
      { text: "  " }, { text: key, style: { fg: e.keyFound === false ? "warning" : "success" } },
    ]);
    if (e.models.length === 0) rows.push([{ text: "    (any model the server has; pass --model)", style: MUTED }]);
    for (const m of e.models) {
      const here = current === `${e.provider}/${m.id}`;
      rows.push({ here, cells: [
        `${here ? "*" : " "} ${m.id}`, count(m.contextWindow), count(m.maxOutput), m.images ? "yes" : "no", m.reasoning ? "yes" : "no",
        formatPrice(m.price?.input), formatPrice(m.price?.output), formatPrice(m.price?.cacheRead), formatPrice(m.price?.cacheWrite),
      ] });
    }
  }
  const tables = rows.filter((r): r is { cells: string[]; here: boolean } => !Array.isArray(r));
  const widths = HEADER.map((_, c) => Math.max(...tables.map((r) => r.cells[c]!.length)));
  return rows.map((r, i) => {
    if (Array.isArray(r)) return r;
    const cells = r.cells.map((cell, c) => (LEFT.has(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)));
    const text = `  ${cells.join("  ")}`.trimEnd();
    if (i === 0) return [{ text, style: MUTED }];
    const nameEnd = 2 + widths[0]!;
    return [{ text: text.slice(0, nameEnd), ...(r.here ? { style: { fg: "accent", bold: true } } : {}) }, { text: text.slice(nameEnd) }];
  });
}
