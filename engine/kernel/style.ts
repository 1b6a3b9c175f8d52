/**
 * A text style. `fg` and `bg` are theme token names (`accent`, `muted`, ... from lua-api.md)
 * or `#rrggbb`; the ui layer resolves them against the active theme.
 */
export type Style = {
  fg?: string;
  bg?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  reverse?: boolean;
  dim?: boolean;
};

/** One run of text with one style. */
export type Span = { text: string; style?: Style };

/** Theme names shipped with librecode. */
export type ThemeName = "dark" | "light";

/** Every theme name, for validation and help. */
export const THEME_NAMES: readonly ThemeName[] = Object.freeze(["dark", "light"]);

/**
 * The theme token names a `Style` may name in `fg`/`bg`: lua-api.md's list first, then the
 * markdown and syntax tokens. Every theme defines each of them; Lua styles accept exactly these.
 */
export const THEME_TOKENS = Object.freeze([
  "text", "accent", "border", "borderAccent", "borderMuted", "muted", "dim", "warning", "error", "success",
  "selectedBg", "userMessageBg", "customMessageBg", "thinkingText", "toolPendingBg", "toolSuccessBg",
  "toolErrorBg", "diffAdd", "diffDelete", "codeBg", "codeText", "bashMode",
  "mdHeading", "mdLink", "mdLinkUrl", "mdCode", "mdQuote", "mdQuoteBorder", "mdHr", "mdListBullet",
  "syntaxKeyword", "syntaxString", "syntaxNumber", "syntaxComment", "syntaxFunction", "syntaxType",
  "syntaxVariable", "syntaxBuiltin", "syntaxOperator", "syntaxPunctuation", "syntaxMeta",
] as const);

/** One theme token name. */
export type ThemeToken = (typeof THEME_TOKENS)[number];

const TOKEN_SET: ReadonlySet<string> = new Set(THEME_TOKENS);
const HEX = /^#[0-9a-fA-F]{6}$/;

/** True for a theme token name. */
export function isThemeToken(s: string): s is ThemeToken {
  return TOKEN_SET.has(s);
}

/** True for a colour written "#rrggbb". */
export function isHexColor(s: string): boolean {
  return HEX.test(s);
}

/** Parses "#rrggbb" into 0xRRGGBB, or null when it is not one. */
export function parseHex(s: string): number | null {
  return HEX.test(s) ? parseInt(s.slice(1), 16) : null;
}

/** A line of styled runs, as the command-line tables are built before printing. */
export type StyledRow = Span[];

/** The rows as plain text lines (what the chat shows and pipes receive without colour). */
export function plainLines(rows: readonly StyledRow[]): string[] {
  return rows.map((r) => r.map((s) => s.text).join(""));
}
