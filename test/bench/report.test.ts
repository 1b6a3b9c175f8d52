// The benchmark report: how measured results are judged against the goals and shown in the README.
// No timing happens here; the inputs are fixed result records.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { evaluateGoals, resultsMarkdown, writeReadme } from "../../bench/lib/report.mjs";
import { tempDir } from "../support/temp-tree.js";

const stream = (median: number, bytes: number) => ({
  setupMs: 1, stream: { ms: { median, p95: median * 2 }, cpuMs: median, bytes: { median: 33, mean: bytes } },
  key: { ms: { median: 0.1, p95: 0.2 }, cpuMs: 0.1, bytes: { median: 33, mean: 33 } },
});

const results = {
  render: {
    librecode: { 10: stream(0.1, 30), 1000: stream(0.1, 30), 10000: stream(0.12, 39) },
    "pi-tui": { 10: stream(0.2, 170), 1000: stream(1, 170), 10000: stream(20, 170) },
    ink: { 10: stream(8, 4000), 1000: stream(9, 4000), 10000: stream(9, 4000) },
  },
  memory: { librecode: { 10: { heapUsedMB: 10, rssMB: 80 }, 10000: { heapUsedMB: 12, rssMB: 82 } } },
  coldStart: { librecode: { ms: { median: 200, min: 180, max: 250 } } },
  luaKey: { lua: { luaPart: { median: 0.012, p95: 0.02 } } },
};

describe("evaluateGoals", () => {
  it("judges every goal from the measured values", () => {
    const goals = evaluateGoals(results);
    expect(goals.map((g) => [g.id, g.value, g.met])).toEqual([
      ["stream-vs-pi-tui", "2x / 10x / 166.7x", true],
      ["stream-10k", 0.12, true],
      ["stream-flat", "1.2x", true],
      ["stream-bytes", 39, true],
      ["first-frame", 200, false],
      ["memory-flat", "+2 MB", true],
      ["lua-key", 12, true],
    ]);
  });

  it("marks a goal whose suite did not run as not measured", () => {
    const goals = evaluateGoals({});
    expect(goals.every((g) => g.met === null)).toBe(true);
  });

  it("misses the speed goal when pi-tui is faster at any one history size", () => {
    const slow = structuredClone(results);
    slow.render.librecode[10] = stream(0.3, 30);
    expect(evaluateGoals(slow)[0]).toMatchObject({ id: "stream-vs-pi-tui", value: "0.7x / 10x / 166.7x", met: false });
  });
});

describe("the README results section", () => {
  const out = {
    date: "2026-11-25T18:00:00.000Z", machine: { cpu: "Test CPU", cores: 2, memGB: 8, loadavg: [1, 1, 1] }, node: "v20.0.0",
    versions: { ink: "6.8.0", react: "19.3.1", "pi-tui": "0.73.1" }, screen: "120x40", durationS: 90, results, goals: evaluateGoals(results),
  };

  it("shows each framework's row and a missed goal in bold", () => {
    const md = resultsMarkdown(out);
    expect(md).toContain("| librecode | 10,000 | 0.12 | 0.24 | 0.12 | 39 | 0.1 | 0.2 | 33 |");
    expect(md).toContain("| first frame of bin/librecode < 150 ms (median, spawn to frame bytes) | 200 | **missed** |");
  });

  it("replaces only the text between the markers", () => {
    const file = path.join(tempDir("bench-readme-"), "README.md");
    fs.writeFileSync(file, "# Bench\n<!-- results:start -->\nold\n<!-- results:end -->\ntail\n");
    writeReadme(file, out);
    const text = fs.readFileSync(file, "utf8");
    expect(text.startsWith("# Bench\n<!-- results:start -->\nLatest run: 2026-11-25 18:00 UTC, Test CPU")).toBe(true);
    expect(text.endsWith("<!-- results:end -->\ntail\n")).toBe(true);
    expect(text).not.toContain("\nold\n");
  });
});
