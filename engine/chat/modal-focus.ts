// Focus for a stock panel that takes the keys while it is open (the picker, the approval panel):
// the window that had focus before is remembered and given back when the panel closes.
import type { Runtime } from "../kernel/runtime.js";

/** Guards the window a modal panel took focus from. */
export class ModalFocus {
  private returnTo: string | undefined;

  constructor(private readonly rt: Runtime, private readonly window: string) {}

  /** Focuses the panel, remembering what had focus (once, however often it is called while open). */
  take(): void {
    if (this.rt.focus === this.window) return;
    this.returnTo = this.rt.focus;
    this.rt.focus = this.window;
  }

  /** Gives focus back to the remembered window (the composer if it is gone) when the panel has it. */
  release(): void {
    const rt = this.rt;
    if (rt.focus === this.window) rt.focus = this.returnTo !== undefined && rt.windows.has(this.returnTo) ? this.returnTo : "composer";
    this.returnTo = undefined;
  }
}
