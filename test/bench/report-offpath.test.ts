// The off-path benchmark report: goals judged from fixed result records (no timing here).
import { describe, expect, it } from "vitest";
import { evaluateOffpath, offpathMarkdown } from "../../bench/lib/report-offpath.mjs";

const kind = (median: number, bytes: number) => ({ stream: { ms: { median, p95: median * 2 }, bytes: { median: bytes, mean: bytes } } });
const offpath = {
  librecode: {
    "code-5000": kind(0.3, 52), "thinking-100k": kind(0.45, 48),
    scrollback: { pageUp: { ms: { median: 3, p95: 6, max: 9 }, pages: 400 }, streamScrolled: { ms: { median: 0.2, p95: 0.4, max: 1 } }, rssMB: 120, heapUsedMB: 30 },
  },
  "pi-tui": { "code-5000": kind(200, 190) },
};

describe("evaluateOffpath", () => {
  it("judges the worst block kind, page up, streaming while scrolled and RSS", () => {
    expect(evaluateOffpath(offpath).map((g) => [g.id, g.value, g.met])).toEqual([
      ["offpath-stream-ms", 0.45, true],
      ["offpath-stream-bytes", 52, true],
      ["offpath-pageup", 3, true],
      ["offpath-scrolled", 0.2, true],
      ["offpath-rss", 120, true],
    ]);
  });

  it("marks a goal not measured when its scenario did not run", () => {
    expect(evaluateOffpath({ librecode: { "code-10": kind(0.7, 80) } }).map((g) => [g.id, g.met])).toEqual([
      ["offpath-stream-ms", false], ["offpath-stream-bytes", false], ["offpath-pageup", null], ["offpath-scrolled", null], ["offpath-rss", null],
    ]);
  });

  it("shows one row per scenario and framework", () => {
    const md = offpathMarkdown({ date: "2026-12-04T18:00:00Z", machine: { cpu: "cpu", cores: 2, loadavg: [1, 1, 1] }, node: "v20", screen: "120x40", results: { offpath } });
    expect(md.split("\n").filter((l) => l.startsWith("| … of 5,000 lines"))).toEqual([
      "| … of 5,000 lines | librecode | 0.3 | 0.6 | 52 |",
      "| … of 5,000 lines | pi-tui | 200 | 400 | 190 |",
    ]);
  });
});
