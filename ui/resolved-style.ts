/**
 * A style with theme tokens resolved: colours are 24-bit integers (0xRRGGBB) or null for the
 * terminal default. This is what the cell grid interns and the encoder turns into SGR codes.
 */
export type ResolvedStyle = {
  fg: number | null;
  bg: number | null;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  reverse: boolean;
  dim: boolean;
};

/** The terminal's default style. */
export const PLAIN: ResolvedStyle = Object.freeze({
  fg: null, bg: null, bold: false, italic: false, underline: false, reverse: false, dim: false,
});
