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
