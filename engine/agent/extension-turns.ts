// A prompt's run as its turns see it, and the turns an extension loop (agent.set_loop) runs:
// the host hands it the prompt and waits for its one finish; the listeners hear each turn end.
import type { StopReason } from "../model/model-types.js";
import type { AgentEvent } from "./agent-events.js";
import type { CustomLoop, LoopFinish, LoopStart } from "./agent-handle.js";
import type { RunContext } from "./run-context.js";

/** One prompt's run: what its turns share and what its end reports. */
export type ActiveRun = {
  ctx: RunContext;
  prompt: string;
  system: string;
  turns: number;
  usage: { input_tokens: number; output_tokens: number };
  assistantEntry: string;
  finalText: string;
  /** Ends an extension loop's run (set while one runs). */
  finish?: (f: LoopFinish) => void;
  /** An extension loop's turn whose `turn_end` the listeners have not had yet. */
  openTurn?: { turn: number; stopReason: StopReason };
};
/** Runs `custom`'s turns for `run`: resolves once the loop finishes (or a second escape ends it). */
export async function extensionTurns(custom: CustomLoop, run: ActiveRun, start: LoopStart, output: (ev: AgentEvent) => void): Promise<LoopFinish> {
  const r = await new Promise<LoopFinish>((resolve) => {
    let done = false;
    run.finish = (f) => {
      if (done) return;
      done = true;
      run.finish = undefined;
      resolve(f);
    };
    custom.run(start, run.finish);
  });
  closeTurn(run, output);
  return r;
}

/** Tells `output` that the run's open turn ended, as the stock loop does after a turn's tools. */
export function closeTurn(run: ActiveRun, output: (ev: AgentEvent) => void): void {
  if (!run.openTurn) return;
  output({ type: "turn_end", turn: run.openTurn.turn, stop_reason: run.openTurn.stopReason });
  run.openTurn = undefined;
}
