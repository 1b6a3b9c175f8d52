import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLayoutFile, parseLayoutFile, registerLayoutFileLoader } from "../../engine/kernel/layout-file.js";
import { LayoutError } from "../../layout/layout-table.js";
import { tempDir } from "../support/temp-tree.js";

const dir = tempDir("librecode-layout-");

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LayoutError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

const yamlText = [
  "direction: column",
  "children:",
  "  - window: transcript",
  "    grow: 1",
  "  - window: composer",
  "    height: content",
  "    border: true",
].join("\n");

describe("loadLayoutFile", () => {
  it("reads a YAML file", () => {
    expect(loadLayoutFile(file("chat.yaml", yamlText))).toEqual({
      direction: "column",
      children: [{ window: "transcript", grow: 1 }, { window: "composer", height: "content", border: true }],
    });
  });

  it("reads a .yml file", () => {
    expect(loadLayoutFile(file("one.yml", "window: transcript\n"))).toEqual({ window: "transcript" });
  });

  it("reads a JSON file", () => {
    expect(loadLayoutFile(file("flat.json", '{"windows": {"a": {"x": 1, "y": 2}}}'))).toEqual({ windows: { a: { x: 1, y: 2 } } });
  });

  it("names the file and line of a YAML syntax error", () => {
    const path = file("broken.yaml", "children:\n  - window: a\n grow: [1\n");
    expect(errorOf(() => loadLayoutFile(path))).toMatch(new RegExp(`^layout: ${path}:3: `));
  });

  it("names the file of a JSON syntax error", () => {
    const path = file("broken.json", '{"window": ');
    expect(errorOf(() => loadLayoutFile(path))).toMatch(new RegExp(`^layout: ${path}: invalid JSON: `));
  });

  it("names a missing file", () => {
    const path = join(dir, "missing.yaml");
    expect(errorOf(() => loadLayoutFile(path))).toBe(`layout: ${path}: cannot read: no such file`);
  });

  it("names a directory given as a file", () => {
    const path = join(dir, "folder.json");
    mkdirSync(path);
    expect(errorOf(() => loadLayoutFile(path))).toBe(`layout: ${path}: cannot read: is a directory`);
  });

  it("rejects an unknown extension", () => {
    const path = file("layout.toml", "");
    expect(errorOf(() => loadLayoutFile(path))).toBe(`layout: ${path}: expected a .yaml, .yml, .json or .lua file, got ".toml"`);
  });

  it("leaves .lua to the Lua layer and says so while no loader is registered", () => {
    const path = file("split.lua", "return {}");
    expect(errorOf(() => loadLayoutFile(path))).toBe(
      `layout: ${path}: split.lua is a Lua layout file, and no Lua loader is registered for .lua`,
    );
  });

  it("uses a registered loader for its extension", () => {
    const path = file("custom.layout", "left right");
    registerLayoutFileLoader("layout", (p) => ({ direction: "row", children: [{ window: p.endsWith(".layout") ? "ok" : "no" }] }));
    expect(loadLayoutFile(path)).toEqual({ direction: "row", children: [{ window: "ok" }] });
  });
});

describe("parseLayoutFile", () => {
  it("validates the table and returns the tree", () => {
    expect(parseLayoutFile(file("ok.yaml", yamlText))).toEqual({
      direction: "column",
      children: [{ window: "transcript", grow: 1 }, { window: "composer", height: "content", border: "rounded" }],
    });
  });

  it("names the file before the node path of a validation error", () => {
    const path = file("bad.yaml", "children:\n  - window: a\n  - window: b\n    width: wide\n");
    expect(errorOf(() => parseLayoutFile(path))).toBe(
      `layout: ${path}: root.children[2].width: expected a size (cells, "N%", "auto" or "content"), got "wide"`,
    );
  });

  it("names the file when the document is not a table", () => {
    const path = file("scalar.yaml", "hello\n");
    expect(errorOf(() => parseLayoutFile(path))).toBe(`layout: ${path}: expected a layout table (a tree or {windows=...}), got "hello"`);
  });
});
