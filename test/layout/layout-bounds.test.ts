import { describe, expect, it } from "vitest";
import { validateConfigFiles } from "../../engine/config/index.js";
import { parseLayoutTable } from "../../layout/layout-table.js";
import { lcRuntime } from "../lua/harness.js";
import { configFixture } from "../config/config-fixture.js";

const TALL = { direction: "column", children: [{ window: "transcript", height: 100_000_000 }, { window: "composer", height: 3 }] };

describe("layout sizes are bounded", () => {
  it("a window 100,000,000 rows tall is refused with the node path", () => {
    expect(() => parseLayoutTable(TALL)).toThrow("layout: root.children[1].height: expected at most 10000 cells, got 100000000");
  });

  it("percents, offsets, gaps and spacing are bounded too", () => {
    expect(() => parseLayoutTable({ window: "transcript", width: "5000%" })).toThrow("layout: root.width: expected at most 1000%, got \"5000%\"");
    expect(() => parseLayoutTable({ window: "transcript", top: -20_000 })).toThrow("layout: root.top: expected at most 10000 cells, got -20000");
    expect(() => parseLayoutTable({ direction: "row", gap: 1e9, children: [{ window: "transcript" }] })).toThrow("layout: root.gap: expected at most 10000 cells, got 1000000000");
    expect(() => parseLayoutTable({ window: "transcript", padding: { top: 1e6 } })).toThrow("layout: root.padding.top: expected at most 10000 cells, got 1000000");
    expect(parseLayoutTable({ window: "transcript", height: 10_000, width: "1000%" })).toEqual({ window: "transcript", height: 10_000, width: "1000%" });
  });

  it("layout.set from Lua refuses it and keeps the layout in force", () => {
    const { run } = lcRuntime();
    const before = run(`return lc.layout.get()`);
    expect(() => run(`lc.layout.set({direction = "column", children = {{window = "transcript", height = 100000000}, {window = "composer", height = 3}}})`))
      .toThrow("layout: root.children[1].height: expected at most 10000 cells, got 100000000");
    expect(run(`return lc.layout.get()`)).toEqual(before);
  });

  it("config validate reports a config `layout:` past the bounds with file and line", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["theme: dark", "layout:", "  direction: column", "  children:", "    - {window: transcript, height: 100000000}"]);
    expect(validateConfigFiles({ cwd: f.cwd, home: f.home, env: {} }).errors).toEqual([
      "config: .librecode/config.yaml:2: layout: root.children[1].height: expected at most 10000 cells, got 100000000",
    ]);
  });
});
