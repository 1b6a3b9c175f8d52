// Property: after any sequence of changes, repainting only the dirty windows gives exactly the
// frame a fresh full paint gives (seeded, so a failure replays).
import { describe, expect, it } from "vitest";
import { Runtime } from "../../engine/kernel/runtime.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { contentMeasure, createCompositorState, paintFrame } from "../../ui/compositor.js";
import { createTheme } from "../../ui/theme.js";

const theme = createTheme();

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const OVERLAY = {
  children: [
    { window: "transcript", grow: 1 },
    { window: "float", position: "absolute", left: 4, top: 1, width: 14, height: 4, border: "single", z: 2 },
    { window: "composer", height: "content", min_height: 3, max_height: "40%", border: "rounded" },
    { window: "status", height: 1 },
  ],
};

describe("dirty repaint", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`equals a fresh paint after random changes (seed ${seed})`, () => {
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const rt = new Runtime({ width: 30, height: 14 });
      const state = createCompositorState();
      rt.setMeasure(contentMeasure(rt, state, theme));
      rt.layoutSet(OVERLAY);
      const grid = new CellGrid(30, 14);
      let dirty: Set<string> | null = null;
      rt.onDirty((t) => { if (dirty) t.windows.forEach((w) => dirty!.add(w)); });
      const words = ["alpha", "語", "beta", "👍", "gamma delta", "\n", "x"];
      rt.inTransaction(() => rt.buffers.appendBlock("transcript", { id: "live", kind: "message", role: "assistant", text: "- a\n\nStreaming ", streaming: true }));
      const changes: Array<() => void> = [
        () => { if (rt.buffers.get("transcript")!.blocks.some((b) => b.id === "live")) rt.buffers.appendToBlock("transcript", "live", pick(words) + pick([" ", "", "*"])); },
        () => rt.buffers.appendBlock("transcript", { kind: "message", role: pick(["user", "assistant"]), text: pick(words) + " " + pick(words) }),
        () => rt.buffers.setText("composer", Array.from({ length: Math.floor(rand() * 12) }, () => pick(words)).join(" ")),
        () => rt.buffers.setMetadata("composer", "completion", rand() < 0.5 ? undefined
          : { items: Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, i) => ({ name: `cmd${i}`, desc: "d" })), selected: 0 }),
        () => rt.buffers.setText("float", pick(words)),
        () => rt.draw.add({ kind: "text", window: pick(["float", "transcript"]), row: Math.floor(rand() * 5), col: Math.floor(rand() * 20), text: pick(words) }),
        () => rt.draw.clear(pick(["float", "transcript"])),
        () => { rt.focus = pick(["composer", "float", "transcript"]); },
        () => rt.windows.set("transcript", { scroll: Math.floor(rand() * 4) }),
        () => rt.buffers.setMetadata("status", "model_label", pick(words)),
      ];
      for (let step = 0; step < 60; step++) {
        rt.inTransaction(() => pick(changes)());
        rt.updateLayout();
        paintFrame(grid, rt, { theme, state, dirty });
        dirty = new Set();
        const fresh = new CellGrid(30, 14, grid.styles);
        paintFrame(fresh, rt, { theme, state: createCompositorState() });
        expect({ step, lines: grid.toLines(), styles: Array.from(grid.styleIds) })
          .toEqual({ step, lines: fresh.toLines(), styles: Array.from(fresh.styleIds) });
      }
    });
  }
});
