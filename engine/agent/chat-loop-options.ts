// The options a ChatLoop is built with and the context-use record it reports.
import type { ThinkingLevel } from "../model/model-types.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import type { Runtime } from "../kernel/runtime.js";
import type { SessionInfo } from "../session/session-records.js";
import type { SessionStore } from "../session/session-store.js";
import type { Skill } from "../skills/skill-file.js";
import type { ApprovalPolicy } from "./tool-approval.js";
import type { Attachment } from "../tools/image-paths.js";

export type ChatLoopOptions = {
  runtime: Runtime;
  store: SessionStore;
  session: SessionInfo;
  model: ResolvedModel;
  cwd: string;
  /** `$LIBRECODE_HOME` (its AGENTS.md is read first). */
  home?: string;
  thinkingLevel?: ThinkingLevel;
  maxTurns?: number;
  autoCompact?: boolean;
  /** `assistant.system_prompt`: replaces the base prompt (AGENTS.md files are still added). */
  systemPrompt?: string;
  /** The skills to advertise in the system prompt (names and descriptions; read at each prompt). */
  skills?: () => readonly Skill[];
  /** Keys to scrub from tool output (and everything stored). */
  secrets?: () => string[];
  /** Status metadata changes (bin passes StockChat.setStatus); default: written to the status buffer. */
  onStatus?: (patch: Record<string, unknown>) => void;
  /** Called when `working` flips (bin passes StockChat.syncWorking so the spinner follows follow-ups). */
  onWorkingChange?: (working: boolean) => void;
  /** Takes the images attached in the composer (its chips) for the prompt starting now. */
  takeAttachments?: () => Attachment[];
  /** Config `tools.approve` and who answers; absent: every tool call runs. */
  approval?: ApprovalPolicy;
  /** How deltas are coalesced (default setImmediate). */
  defer?: (fn: () => void) => void;
};

/** Context use for the status line and /context. */
export type ContextUse = { tokens: number; window: number; percent: number; messages: number; summary: boolean };

