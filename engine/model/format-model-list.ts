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
/** The columns a narrow table drops, least useful first; the model name is cut last of all. */
const DROP_ORDER = [8, 7, 4, 3, 2, 6, 5, 1];
/** The fewest characters a cut model id keeps (with `…`). */
const NAME_MIN = 8;

/** "2.00", "0.075", "0.4" -> "0.40": at least two decimals, at most four. */
export function formatPrice(usd: number | undefined): string {
  if (usd === undefined) return "-";
  const s = usd.toFixed(4).replace(/0+$/, "");
  const [whole, frac = ""] = s.split(".");
  return `${whole}.${frac.padEnd(2, "0")}`;
}

const count = (n: number | undefined) => (n === undefined ? "-" : n.toLocaleString("en-US"));

/** Plain-text lines for `librecode model list` and `/model`; `current` ("provider/model") is
 *  starred; with `width`, fitted to it (modelListRows). */
export function formatModelList(entries: ModelListEntry[], current?: string, width?: number): string[] {
  return plainLines(modelListRows(entries, current, width));
}

const MUTED: Style = { fg: "muted" };

/**
 * formatModelList's lines as styled rows: the header muted, providers bold, a missing key in the
 * warning colour. With `width`, no row is wider: columns go in DROP_ORDER (a last line counts them),
 * then model ids are cut; a provider row loses its URL, then is cut.
 */
export function modelListRows(entries: ModelListEntry[], current?: string, width?: number): StyledRow[] {
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
  const shown = HEADER.map((_, c) => c);
  // A row is 2 + each shown column + 2 between columns.
  const tableWidth = () => 2 + shown.reduce((sum, c) => sum + widths[c]!, 0) + 2 * (shown.length - 1);
  let hidden = 0;
  for (const c of DROP_ORDER) {
    if (width === undefined || tableWidth() <= width) break;
    shown.splice(shown.indexOf(c), 1);
    hidden++;
  }
  if (width !== undefined && tableWidth() > width) widths[0] = Math.max(NAME_MIN, widths[0]! - (tableWidth() - width));
  const out = rows.map((r, i): StyledRow => {
    if (Array.isArray(r)) return width === undefined ? r : fitRow(r, width);
    const cells = shown.map((c) => {
      const cell = c === 0 ? cut(r.cells[0]!, widths[0]!) : r.cells[c]!;
      return LEFT.has(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!);
    });
    const text = `  ${cells.join("  ")}`.trimEnd();
    if (i === 0) return [{ text, style: MUTED }];
    const nameEnd = 2 + widths[0]!;
    return [{ text: text.slice(0, nameEnd), ...(r.here ? { style: { fg: "accent", bold: true } } : {}) }, { text: text.slice(nameEnd) }];
  });
  if (hidden > 0) out.push(fitRow([{ text: `  (${hidden} more column${hidden === 1 ? "" : "s"} on a wider screen)`, style: MUTED }], width!));
  return out;
}

// s cut to w characters, ending in "…" when cut (ids, URLs and keys are ASCII: one cell each).
function cut(s: string, w: number): string {
  return s.length <= w ? s : `${s.slice(0, Math.max(0, w - 1))}…`;
}

// A provider row (or a note) within width: without its API and URL first, then cut.
function fitRow(row: StyledRow, width: number): StyledRow {
  const len = (r: StyledRow) => r.reduce((n, s) => n + s.text.length, 0);
  let r = row;
  if (len(r) > width && r.length === 5) r = [r[0]!, { text: "  " }, r[4]!];
  if (len(r) <= width) return r;
  const out: StyledRow = [];
  let room = width;
  for (const span of r) {
    if (room <= 0) break;
    // Something follows whatever fills the room, so a span that reaches the edge ends in "…".
    const text = span.text.length < room ? span.text : `${span.text.slice(0, room - 1)}…`;
    out.push({ ...span, text });
    room -= text.length;
  }
  return out;
}
