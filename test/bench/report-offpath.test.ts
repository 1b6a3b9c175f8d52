// The off-path benchmark report: goals judged from fixed result records (no timing here).
import { describe, expect, it } from "vitest";
import { evaluateOffpath, offpathMarkdown } from "../../bench/lib/report-offpath.mjs";

const kind = (median: number, bytes: number) => ({ stream: { ms: { median, p95: median * 2 }, bytes: { median: bytes, mean: bytes } } });
const offpath = {
  librecode: {
    "code-5000": kind(0.3, 52), "thinking-100k": kind(0.45, 48),
    scrollback: { pageUp: { ms: { median: 3, p95: 6, max: 9 }, pages: 400 }, streamScrolled: { ms: { median: 0.2, p95: 0.4, max: 1 } }, rssMB: 120, heapUsedMB: 30 },
  },
  "pi-tui": { "code-5000": kind(200, 190), "unicode-200k": { timedOutS: 120 } },
};

describe("evaluateOffpath", () => {
  it("judges the worst block kind, page up, streaming while scrolled and RSS", () => {
    expect(evaluateOffpath(offpath).map((g) => [g.id, g.value, g.met])).toEqual([
      ["offpath-stream-ms", 0.45, true],
      ["offpath-stream-bytes", 52, true],
      ["offpath-pageup", 3, true],
      ["offpath-scrolled", 0.2, true],
      ["offpath-rss", 120, true],
      ["composer-key", undefined, null],
      ["first-frame-ratio", undefined, null],
      ["resume-added", undefined, null],
    ]);
  });

  it("judges the 1 MB composer's worst key, the first frame against node -e 0 and what --resume adds", () => {
    const ms = (median: number) => ({ ms: { median, p95: median, min: median, max: median } });
    const rest = {
      composer: { librecode: { keyAscii: ms(0.1), keyAccented: ms(0.3), backspace: ms(0.2), held100: ms(3) }, "pi-tui": { keyAscii: ms(30) } },
      coldStart: { nodeBare: ms(80), librecode: ms(140), librecodeResume: { messages: 10000, ...ms(180) }, librecodeResumeUnsaved: { messages: 10000, ...ms(230) } },
    };
    expect(evaluateOffpath(offpath, rest).slice(5).map((g) => [g.id, g.value, g.met])).toEqual([
      ["composer-key", 0.3, true],
      ["first-frame-ratio", 1.75, false],
      ["resume-added", 40, true],
    ]);
    const md = offpathMarkdown({ date: "2026-12-04T18:00:00Z", machine: { cpu: "cpu", cores: 2, loadavg: [1, 1, 1] }, node: "v20", screen: "120x40", results: { offpath, ...rest } });
    expect(md.split("\n").filter((l) => l.startsWith("| a key, 1 MB ASCII") || l.includes("--resume") || l.includes("no saved screen"))).toEqual([
      "| `--resume` of 10,000 messages adds < 50 ms to the first frame (median ms; its screen saved by the last run) | 40 | met |",
      "| a key, 1 MB ASCII | 0.1 / 0.1 | 30 / 30 |",
      "| `bin/librecode --resume`, 10,000 messages stored, screen saved by the last run | 180 | 180 | 180 | n/a |",
      "| the same, no saved screen (first resume after a crash or an upgrade) | 230 | 230 | 230 | n/a |",
    ]);
  });

  it("marks a goal not measured when its scenario did not run", () => {
    expect(evaluateOffpath({ librecode: { "code-10": kind(0.7, 80) } }).map((g) => [g.id, g.met])).toEqual([
      ["offpath-stream-ms", false], ["offpath-stream-bytes", false], ["offpath-pageup", null], ["offpath-scrolled", null], ["offpath-rss", null],
      ["composer-key", null], ["first-frame-ratio", null], ["resume-added", null],
    ]);
  });

  it("shows one row per scenario and framework", () => {
    const md = offpathMarkdown({ date: "2026-12-04T18:00:00Z", machine: { cpu: "cpu", cores: 2, loadavg: [1, 1, 1] }, node: "v20", screen: "120x40", results: { offpath } });
    expect(md.split("\n").filter((l) => l.startsWith("| … of 5,000 lines"))).toEqual([
      "| … of 5,000 lines | librecode | 0.3 | 0.6 | 52 |",
      "| … of 5,000 lines | pi-tui | 200 | 400 | 190 |",
    ]);
  });

  it("shows a run stopped at the bench's time limit as exceeded, not as an error", () => {
    const md = offpathMarkdown({ date: "2026-12-04T18:00:00Z", machine: { cpu: "cpu", cores: 2, loadavg: [1, 1, 1] }, node: "v20", screen: "120x40", results: { offpath } });
    expect(md.split("\n").filter((l) => l.startsWith("| emoji/CJK"))).toEqual([
      "| emoji/CJK/combining text of 200k characters | pi-tui | exceeded 120 s (the bench's limit for one run) | | |",
    ]);
  });
});
