// The stock approval panel: a window laid over the bottom of the screen (a kernel overlay, above
// the status line) that shows a tool call's arguments and asks allow once / always for this
// session / deny. It is made of what an extension has: a buffer with text and an extmark for the
// selected choice, a window with a keymap, focus and the layout. Calls asked meanwhile wait in turn.
import type { ApprovalDecision, ApprovalRequest } from "../agent/tool-approval.js";
import { cpLength } from "../kernel/code-points.js";
import type { KeyEvent } from "../kernel/key-event.js";
import { keyName } from "../kernel/key-notation.js";
import type { Runtime } from "../kernel/runtime.js";
import { ModalFocus } from "./modal-focus.js";

/** The panel's window (and buffer) name. */
export const APPROVAL_WINDOW = "approval";

/** Where the panel sits: in the flow just above the composer (laid over the bottom of a layout
 *  without one), full width, its content's height (at most 60%). */
export const APPROVAL_NODE = {
  window: APPROVAL_WINDOW, left: 0, bottom: 1, width: "100%", height: "content", max_height: "60%",
  border: "rounded", padding: { x: 1 }, z: 50,
} as const;

type Choice = { decision: ApprovalDecision; text: (tool: string) => string };

const CHOICES: Choice[] = [
  { decision: "once", text: () => "allow once (y)" },
  { decision: "always", text: (tool) => `always allow ${tool} in this session (a)` },
  { decision: "deny", text: () => "deny (n, esc)" },
];

/** Rows of the panel that are not arguments: a blank line and the choices. */
const CHOICE_ROWS = CHOICES.length + 1;

type Pending = { req: ApprovalRequest; signal: AbortSignal; resolve: (d: ApprovalDecision) => void; onAbort: () => void };

/** Guards the queue of calls waiting for an answer and the one shown. */
export class ApprovalPanel {
  private readonly queue: Pending[] = [];
  private selected = 0;
  private readonly ns: number;

  private readonly focus: ModalFocus;

  constructor(private readonly rt: Runtime) {
    this.focus = new ModalFocus(rt, APPROVAL_WINDOW);
    this.ns = rt.namespaces.create("approval");
    rt.keymaps.set({ window: APPROVAL_WINDOW }, "*", (ev) => {
      if (ev.key) this.onKey(ev.key);
      return true;
    }, { priority: 100, desc: "answer the approval panel" });
    // The arguments are cut to the screen: a resize cuts them again.
    rt.events.on("resize", () => {
      if (this.queue[0]) this.fill(this.queue[0].req);
    });
  }

  /** Shows the call (after any asked before it) and settles with the user's answer; "deny" on abort. */
  ask(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    return new Promise((resolve) => {
      const entry: Pending = { req, signal, resolve, onAbort: () => this.settle(entry, "deny") };
      signal.addEventListener("abort", entry.onAbort, { once: true });
      this.queue.push(entry);
      if (this.queue.length === 1) this.show();
    });
  }

  /** True while a call waits for an answer. */
  get open(): boolean {
    return this.queue.length > 0;
  }

  private onKey(ev: KeyEvent): void {
    const name = keyName(ev).toLowerCase();
    const current = this.queue[0];
    if (!current) return;
    if (name === "y") this.settle(current, "once");
    else if (name === "a") this.settle(current, "always");
    else if (name === "n" || name === "escape" || name === "ctrl+c") this.settle(current, "deny");
    else if (name === "enter") this.settle(current, CHOICES[this.selected]!.decision);
    else if (name === "up" || name === "shift+tab" || name === "k") this.select(this.selected - 1);
    else if (name === "down" || name === "tab" || name === "j") this.select(this.selected + 1);
  }

  private settle(entry: Pending, decision: ApprovalDecision): void {
    const at = this.queue.indexOf(entry);
    if (at < 0) return;
    entry.signal.removeEventListener("abort", entry.onAbort);
    this.queue.splice(at, 1);
    entry.resolve(decision);
    if (at === 0) this.show();
  }

  private select(i: number): void {
    this.selected = (i + CHOICES.length) % CHOICES.length;
    this.rt.guard("host", "approval", () => this.mark());
  }

  // The first waiting call, or the panel closed and focus given back when none waits.
  private show(): void {
    const rt = this.rt;
    const next = this.queue[0];
    rt.guard("host", "approval", () => {
      if (!next) {
        rt.setOverlay(APPROVAL_WINDOW, undefined);
        rt.buffers.setText(APPROVAL_WINDOW, "");
        this.focus.release();
        return;
      }
      this.selected = 0;
      rt.setOverlay(APPROVAL_WINDOW, APPROVAL_NODE, "composer");
      rt.windows.setVar(APPROVAL_WINDOW, "panel_kind", "approval");
      rt.buffers.setLabel(APPROVAL_WINDOW, `allow ${next.req.name}?`);
      this.fill(next.req);
      this.focus.take();
    });
  }

  // The arguments, cut to fit the screen with the choices below them (the panel is at most 60%
  // of the screen, two rows of it border), then the choices.
  private fill(req: ApprovalRequest): void {
    const rt = this.rt;
    const argRows = Math.max(1, Math.floor(rt.height * 0.6) - 2 - CHOICE_ROWS);
    const lines = [...argumentLines(req.args, Math.max(8, rt.width - 4), argRows), "", ...CHOICES.map((c) => `  ${c.text(req.name)}`)];
    rt.buffers.setText(APPROVAL_WINDOW, lines.join("\n"));
    this.mark();
  }

  // The selected choice: a `›` before it and the selection background over its line.
  private mark(): void {
    const rt = this.rt;
    const buf = rt.buffers.get(APPROVAL_WINDOW);
    if (!buf) return;
    const lines = rt.buffers.getLines(APPROVAL_WINDOW);
    const first = lines.length - CHOICES.length;
    rt.buffers.marks.clear(buf, this.ns);
    CHOICES.forEach((_, i) => {
      const line = first + i;
      const text = lines[line] ?? "";
      const want = `${i === this.selected ? "›" : " "}${text.slice(1)}`;
      if (want !== text) rt.buffers.setLines(APPROVAL_WINDOW, line, line + 1, [want]);
    });
    const line = first + this.selected;
    rt.buffers.marks.set(buf, this.ns, { line, col: 0 }, { end: { line, col: cpLength(lines[line] ?? "") }, hl: { bg: "selectedBg", bold: true } });
  }
}

/**
 * The call's arguments, one `name: value` per line (strings as they are, other values as JSON),
 * multi-line strings indented under their name, each line cut at `width` and the whole at `rows`.
 */
export function argumentLines(args: Record<string, unknown>, width: number, rows: number): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
    const parts = text.split("\n");
    if (parts.length === 1) out.push(`${key}: ${text}`);
    else out.push(`${key}:`, ...parts.map((p) => `  ${p}`));
  }
  if (out.length === 0) out.push("(no arguments)");
  const cut = out.map((l) => (cpLength(l) > width ? `${[...l].slice(0, width - 1).join("")}…` : l));
  if (cut.length <= rows) return cut;
  const keep = Math.max(0, rows - 1);
  return [...cut.slice(0, keep), `… ${cut.length - keep} more lines`];
}
