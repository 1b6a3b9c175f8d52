// The headless frame of `librecode render`, shared with snapshot tests: preload the transcript,
// feed keys on fake time, paint once.
import type { Block } from "../engine/kernel/block.js";
import type { KeyEvent } from "../engine/kernel/key-event.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import type { FakeClock } from "../engine/kernel/scheduler.js";
import type { CursorPos } from "../ui/cell-grid.js";
import { Screen } from "../ui/screen.js";
import type { AppPainter } from "../ui/app-painter.js";

/** Fake time that passes before each key, as between key presses: timers due by then run. */
export const KEY_STEP_MS = 20;

/** The most timer wake-ups one step of fake time may fire before render calls the timers runaway. */
export const MAX_TIMER_ROUNDS = 1000;

/**
 * Advances fake time one step. A timer that keeps re-arming itself without time passing
 * (`timer.defer(0, f)` where f defers itself) would hold render forever: after MAX_TIMER_ROUNDS
 * the owners of the timers still due are reported and their timers stopped, and time goes on.
 */
function step(rt: Runtime, clock: FakeClock): void {
  const end = clock.now() + KEY_STEP_MS;
  if (clock.advance(KEY_STEP_MS, MAX_TIMER_ROUNDS)) return;
  const owners = new Set(rt.scheduler.live().filter((t) => t.due <= clock.now()).map((t) => t.owner));
  for (const owner of owners) {
    rt.reportError({ owner, where: "timer", message: `runaway timer: more than ${MAX_TIMER_ROUNDS} rounds without time passing; its timers were stopped` });
    rt.scheduler.stopOwner(owner);
  }
  clock.advance(end - clock.now(), MAX_TIMER_ROUNDS);
}

export type FrameInput = { blocks?: Partial<Block>[]; keys?: KeyEvent[] };

/** Appends the blocks, dispatches each key after KEY_STEP_MS of fake time, then paints one frame. */
export function renderFrame(rt: Runtime, painter: AppPainter, clock: FakeClock, input: FrameInput): { screen: Screen; cursor: CursorPos | null } {
  const blocks = input.blocks ?? [];
  if (blocks.length > 0) rt.guard("host", "transcript", () => { for (const b of blocks) rt.buffers.appendBlock("transcript", b); });
  for (const k of input.keys ?? []) {
    step(rt, clock);
    rt.dispatchKey(k);
  }
  step(rt, clock);
  const screen = new Screen(rt.width, rt.height);
  // A fresh grid: the painter must not skip windows it painted into an earlier frame's grid.
  painter.invalidate();
  const { cursor } = painter.paint(screen.back);
  return { screen, cursor };
}

/** Render is one frame and never waits for jobs: those extensions started are killed (SIGKILL to
 *  each group) and none of their callbacks runs again. */
export function stopJobs(rt: Runtime): void {
  for (const j of rt.jobs.live()) rt.jobs.cancel(j.id, "SIGKILL");
}
