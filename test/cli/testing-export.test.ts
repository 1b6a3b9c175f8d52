import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { beforeAll } from "vitest";
import type { renderScreen as declared, RenderScreenOptions as DeclaredOptions } from "../../testing.js";
import { renderScreen, type RenderScreenOptions } from "../../bin/render-screen.js";
import { ensureBuilt } from "./run-cli.js";

// testing.d.ts is hand-written for the package's users: it must match the source both ways.
const toDeclared: typeof declared = renderScreen;
const fromDeclared: typeof renderScreen = null as unknown as typeof declared;
const options: [DeclaredOptions, RenderScreenOptions] = [{ size: "1x1" } as RenderScreenOptions, { size: "1x1" } as DeclaredOptions];

beforeAll(() => ensureBuilt(), 120000);

describe("librecode/testing", () => {
  it("declares the same renderScreen as bin/render-screen.ts", () => {
    expect([typeof toDeclared, fromDeclared, options.length]).toEqual(["function", null, 2]);
  });

  it("is the package export `librecode/testing` and renders text, lines and json", async () => {
    const mod = (await import("librecode/testing")) as { renderScreen: typeof declared };
    const r = await mod.renderScreen({ size: { width: 24, height: 8 }, keys: "yo", cwd: "/tmp" });
    expect(r.lines).toEqual([
      "                        ",
      "                        ",
      "                        ",
      "                        ",
      "╭─ message ────────────╮",
      "│ yo                   │",
      "╰──────────────────────╯",
      "script (offline demo)   ",
    ]);
    expect(r.text).toBe(r.lines.join("\n") + "\n");
    expect([r.json.focus, r.json.buffers.composer!.text, r.json.errors]).toEqual(["composer", "yo", []]);
  });

  it("throws for an extension path that does not exist, as render exits 2 for it", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "lc-testing-"));
    await expect(renderScreen({ size: "20x8", extensions: ["nope.lua"], cwd })).rejects.toThrow(
      `extension: path:nope.lua: not found: ${join(cwd, "nope.lua")}`);
  });
});
