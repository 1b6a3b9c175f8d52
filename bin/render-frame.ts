// The headless frame of `librecode render`, shared with snapshot tests: preload the transcript,
// feed keys on fake time, paint once.
import type { Block } from "../engine/kernel/block.js";
import type { KeyEvent } from "../engine/kernel/key-event.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import type { FakeClock } from "../engine/kernel/scheduler.js";
import type { CursorPos } from "../ui/compositor.js";
import { Screen } from "../ui/screen.js";
import type { AppPainter } from "./app-painter.js";

/** Fake time that passes before each key, as between key presses: timers due by then run. */
export const KEY_STEP_MS = 20;

export type FrameInput = { blocks?: Partial<Block>[]; keys?: KeyEvent[] };

/** Appends the blocks, dispatches each key after KEY_STEP_MS of fake time, then paints one frame. */
export function renderFrame(rt: Runtime, painter: AppPainter, clock: FakeClock, input: FrameInput): { screen: Screen; cursor: CursorPos | null } {
  const blocks = input.blocks ?? [];
  if (blocks.length > 0) rt.guard("host", "transcript", () => { for (const b of blocks) rt.buffers.appendBlock("transcript", b); });
  for (const k of input.keys ?? []) {
    clock.advance(KEY_STEP_MS);
    rt.dispatchKey(k);
  }
  clock.advance(KEY_STEP_MS);
  const screen = new Screen(rt.width, rt.height);
  const { cursor } = painter.paint(screen.back);
  return { screen, cursor };
}
