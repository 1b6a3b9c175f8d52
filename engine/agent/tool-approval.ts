// Optional approval of tool calls (config `tools.approve`): a call of a listed tool runs only once
// the user allowed it (this once, or always for the rest of the session). The chat asks through
// the stock approval panel; `librecode prompt`, which cannot ask, denies (or allows with --yes).

/** What the user answered: run this call, run every call of this tool this session, or refuse it. */
export type ApprovalDecision = "once" | "always" | "deny";

/** The call waiting for an answer: the tool and the arguments it would run with. */
export type ApprovalRequest = { name: string; args: Record<string, unknown>; callId: string };

/** Asks the user; settles "deny" when `signal` aborts (the run was interrupted). */
export type Approver = (req: ApprovalRequest, signal: AbortSignal) => Promise<ApprovalDecision>;

/** How calls are approved: the tools that need it, and who answers (none: `unattended` decides). */
export type ApprovalPolicy = { tools: readonly string[]; ask?: Approver; unattended?: "deny" | "allow" };

/** Guards the session's "always" answers; asks for each call of a listed tool. */
export class ToolApproval {
  private readonly always = new Set<string>();

  constructor(private readonly policy: ApprovalPolicy) {}

  /** True when `name` is one of `tools.approve` and not yet allowed for the session. */
  needs(name: string): boolean {
    return this.policy.tools.includes(name) && !this.always.has(name);
  }

  /** Undefined when the call may run, else the refusal the model gets as the tool's error. */
  async check(req: ApprovalRequest, signal: AbortSignal): Promise<string | undefined> {
    if (!this.needs(req.name)) return undefined;
    const ask = this.policy.ask;
    if (!ask) {
      if (this.policy.unattended === "allow") return undefined;
      return `tool ${req.name}: not run: it needs the user's approval (tools.approve) and this run cannot ask (librecode prompt --yes allows such calls)`;
    }
    const answer = signal.aborted ? "deny" : await ask(req, signal);
    if (answer === "always") this.always.add(req.name);
    if (answer !== "deny") return undefined;
    return signal.aborted
      ? `tool ${req.name}: interrupted before it ran`
      : `tool ${req.name}: the user denied this call; it was not run (ask the user how to go on rather than retrying it)`;
  }

  /** Forgets the "always" answers (a new or another session starts). */
  reset(): void {
    this.always.clear();
  }
}
