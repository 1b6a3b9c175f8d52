import { parseHex, THEME_TOKENS, type Style, type ThemeName, type ThemeToken } from "../engine/kernel/style.js";
import { PLAIN, type ResolvedStyle } from "./resolved-style.js";

export type { ThemeName } from "../engine/kernel/style.js";

/** Token -> colour; null means the terminal's default colour. */
export type ThemeColors = Record<string, number | null>;

/**
 * A theme: colours for the tokens of lua-api.md (plus the markdown and syntax tokens) and the
 * resolver that turns a token-based `Style` into the `ResolvedStyle` the cell grid stores.
 */
export type Theme = {
  name: string;
  colors: Readonly<ThemeColors>;
  /** True when NO_COLOR is honoured: every colour resolves to the terminal default. */
  noColor: boolean;
  resolve(style: Style | undefined): ResolvedStyle;
  /** Token -> "#rrggbb" (or "default"), as `librecode.ui.theme_tokens()` returns them. */
  tokens(): Record<string, string>;
};

export type ThemeOptions = {
  name?: ThemeName;
  /** `{token: "#rrggbb"}` overrides; a token not in the base theme is added. */
  overrides?: Record<string, string>;
  noColor?: boolean;
};

const DARK: Record<ThemeToken, string | null> = {
  text: null, accent: "#8abeb7", border: "#5f87ff", borderAccent: "#00d7ff", borderMuted: "#505050",
  muted: "#808080", dim: "#666666", warning: "#ffff00", error: "#cc6666", success: "#b5bd68",
  selectedBg: "#3a3a4a", userMessageBg: "#343541", customMessageBg: "#2d2838", thinkingText: "#808080",
  toolPendingBg: "#282832", toolSuccessBg: "#283228", toolErrorBg: "#3c2828", diffAdd: "#b5bd68",
  diffDelete: "#cc6666", codeBg: "#1e1e24", codeText: "#d7d7af", bashMode: "#b5bd68",
  mdHeading: "#f0c674", mdLink: "#81a2be", mdLinkUrl: "#666666", mdCode: "#8abeb7", mdQuote: "#808080",
  mdQuoteBorder: "#808080", mdHr: "#808080", mdListBullet: "#8abeb7",
  syntaxKeyword: "#569cd6", syntaxString: "#ce9178", syntaxNumber: "#b5cea8", syntaxComment: "#6a9955",
  syntaxFunction: "#dcdcaa", syntaxType: "#4ec9b0", syntaxVariable: "#9cdcfe", syntaxBuiltin: "#4fc1ff",
  syntaxOperator: "#d4d4d4", syntaxPunctuation: "#d4d4d4", syntaxMeta: "#c586c0",
};

const LIGHT: Record<ThemeToken, string | null> = {
  text: null, accent: "#5f8787", border: "#547da7", borderAccent: "#0087af", borderMuted: "#b0b0b0",
  muted: "#6c6c6c", dim: "#8a8a8a", warning: "#9a7326", error: "#af5f5f", success: "#588458",
  selectedBg: "#d0d0e0", userMessageBg: "#e8e8e8", customMessageBg: "#ede7f6", thinkingText: "#6c6c6c",
  toolPendingBg: "#e8e8f0", toolSuccessBg: "#e8f0e8", toolErrorBg: "#f0e8e8", diffAdd: "#588458",
  diffDelete: "#af5f5f", codeBg: "#f3f3f3", codeText: "#5f5f00", bashMode: "#588458",
  mdHeading: "#9a7326", mdLink: "#547da7", mdLinkUrl: "#8a8a8a", mdCode: "#5f8787", mdQuote: "#6c6c6c",
  mdQuoteBorder: "#6c6c6c", mdHr: "#6c6c6c", mdListBullet: "#5f8787",
  syntaxKeyword: "#0000ff", syntaxString: "#a31515", syntaxNumber: "#098658", syntaxComment: "#008000",
  syntaxFunction: "#795e26", syntaxType: "#267f99", syntaxVariable: "#001080", syntaxBuiltin: "#0070c1",
  syntaxOperator: "#000000", syntaxPunctuation: "#000000", syntaxMeta: "#af00db",
};

export { parseHex, THEME_TOKENS } from "../engine/kernel/style.js";

function toHex(c: number): string {
  return "#" + c.toString(16).padStart(6, "0");
}

/** Builds a theme; throws on an override that is not "#rrggbb". */
export function createTheme(opts: ThemeOptions = {}): Theme {
  const name = opts.name ?? "dark";
  const base = name === "light" ? LIGHT : DARK;
  const colors: ThemeColors = {};
  for (const [k, v] of Object.entries(base)) colors[k] = v === null ? null : parseHex(v);
  for (const [k, v] of Object.entries(opts.overrides ?? {})) {
    const c = typeof v === "string" ? parseHex(v) : null;
    if (c === null) throw new Error(`theme: ${k}: expected a colour "#rrggbb", got ${JSON.stringify(v)}`);
    colors[k] = c;
  }
  const noColor = opts.noColor ?? false;
  // Styles are small literal objects that renderers reuse; caching by identity saves the lookups.
  const cache = new WeakMap<Style, ResolvedStyle>();
  const colour = (v: string | undefined): number | null => {
    if (noColor || v === undefined || v === "") return null;
    if (v.charCodeAt(0) === 35 /* # */) return parseHex(v);
    return colors[v] ?? null;
  };
  const resolve = (style: Style | undefined): ResolvedStyle => {
    if (style === undefined) return PLAIN;
    let r = cache.get(style);
    if (r === undefined) {
      // Without colour, a user message or the selected menu item would look like everything else:
      // their background tokens turn into bold / reverse.
      const stand = noColor && style.bg !== undefined ? NO_COLOR_STAND_INS[style.bg] : undefined;
      r = {
        fg: colour(style.fg), bg: colour(style.bg), bold: style.bold === true || stand === "bold", italic: style.italic === true,
        underline: style.underline === true, reverse: style.reverse === true || stand === "reverse", dim: style.dim === true,
      };
      cache.set(style, r);
    }
    return r;
  };
  const tokens = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(colors)) out[k] = v === null ? "default" : toHex(v);
    return out;
  };
  return { name, colors, noColor, resolve, tokens };
}

/** Under NO_COLOR, the attribute that stands in for a background token that carries meaning. */
const NO_COLOR_STAND_INS: Record<string, "bold" | "reverse"> = {
  userMessageBg: "bold", customMessageBg: "bold", selectedBg: "reverse",
};

/** True when the environment asks for no colour (NO_COLOR set and not empty, per no-color.org). */
export function noColorFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  const v = env.NO_COLOR;
  return v !== undefined && v !== "";
}
