import { describe, expect, it } from "vitest";
import { createTheme, noColorFromEnv } from "../../ui/theme.js";

describe("theme", () => {
  it("resolves tokens and #rrggbb against the dark theme", () => {
    const t = createTheme();
    expect(t.resolve({ fg: "accent", bg: "#102030", bold: true })).toEqual({
      fg: 0x8abeb7, bg: 0x102030, bold: true, italic: false, underline: false, reverse: false, dim: false,
    });
  });
  it("resolves an unknown token to the terminal default colour", () => {
    expect(createTheme().resolve({ fg: "nosuchtoken" }).fg).toBeNull();
  });
  it("has a light theme with its own colours", () => {
    expect(createTheme({ name: "light" }).resolve({ fg: "accent" }).fg).toBe(0x5f8787);
  });
  it("applies {token: #rrggbb} overrides", () => {
    const t = createTheme({ overrides: { accent: "#ff0000" } });
    expect([t.resolve({ fg: "accent" }).fg, t.tokens().accent]).toEqual([0xff0000, "#ff0000"]);
  });
  it("rejects an override that is not a colour", () => {
    expect(() => createTheme({ overrides: { accent: "red" } })).toThrow(
      'theme: accent: expected a colour "#rrggbb", got "red"');
  });
  it("drops every colour but keeps attributes under NO_COLOR", () => {
    const t = createTheme({ noColor: true });
    expect(t.resolve({ fg: "error", bg: "#ffffff", bold: true, underline: true })).toEqual({
      fg: null, bg: null, bold: true, italic: false, underline: true, reverse: false, dim: false,
    });
  });
  it("keeps user messages and the selection visible under NO_COLOR: bold and reverse stand in for their backgrounds", () => {
    const t = createTheme({ noColor: true });
    const attrs = (bg: string) => { const r = t.resolve({ bg }); return { bold: r.bold, reverse: r.reverse, bg: r.bg }; };
    expect([attrs("userMessageBg"), attrs("customMessageBg"), attrs("selectedBg"), attrs("toolSuccessBg")]).toEqual([
      { bold: true, reverse: false, bg: null },
      { bold: true, reverse: false, bg: null },
      { bold: false, reverse: true, bg: null },
      { bold: false, reverse: false, bg: null },
    ]);
  });
  it("reads NO_COLOR from the environment only when it is set and not empty", () => {
    expect([noColorFromEnv({ NO_COLOR: "1" }), noColorFromEnv({ NO_COLOR: "" }), noColorFromEnv({})]).toEqual([true, false, false]);
  });
  it("lists every lua-api.md token in theme_tokens()", () => {
    const tokens = createTheme().tokens();
    for (const k of ["text", "accent", "border", "borderAccent", "borderMuted", "muted", "dim", "warning", "error",
      "success", "selectedBg", "userMessageBg", "customMessageBg", "thinkingText", "toolPendingBg", "toolSuccessBg",
      "toolErrorBg", "diffAdd", "diffDelete", "codeBg", "codeText", "bashMode"]) expect(tokens[k]).toMatch(/^(#[0-9a-f]{6}|default)$/);
  });
});
