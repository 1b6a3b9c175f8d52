// From configuration to a ready chat loop: config layers, keys, provider and model, the session
// store and the session to continue, the built-in tools and the host slash commands. Used by the
// interactive chat (bin/cmd-chat.ts) and `librecode prompt` (bin/cmd-prompt.ts) alike.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { AuthStore } from "../auth/auth-store.js";
import { librecodeHome, loadConfig, type LoadedConfig } from "../config/load-config.js";
import type { RetryOptions } from "../model/model-types.js";
import { listModels, resolveProvider, type ModelListEntry, type ResolvedModel } from "../model/provider-registry.js";
import type { OpenPicker } from "../chat/picker.js";
import type { Runtime } from "../kernel/runtime.js";
import type { SessionInfo } from "../session/session-records.js";
import { SessionStore, type NowClock } from "../session/session-store.js";
import { registerConfiguredTools } from "../tools/builtin-tools.js";
import { ChatLoop } from "./chat-loop.js";
import { attachAgent } from "./agent-handle.js";
import { AgentPrimitives } from "./agent-primitives.js";
import type { Approver } from "./tool-approval.js";
import type { Attachment } from "../tools/image-paths.js";
import { registerHostCommands } from "./host-commands.js";
import { noSuchSession } from "./resume-preview.js";
import { registerSkillCommands, SkillSet } from "../skills/skill-set.js";
import { registerSessionCommands } from "./session-commands.js";
import { registerTranscriptCommands } from "./transcript-commands.js";

export type OpenChatOptions = {
  runtime: Runtime;
  cwd: string;
  env?: Record<string, string | undefined>;
  /** `--config FILE`. */
  configFile?: string;
  /** Configuration already loaded by the caller (then `configFile` is not read). */
  loaded?: LoadedConfig;
  /** `$LIBRECODE_HOME` (default from env). */
  home?: string;
  /** The user's home, where `~/.agents/skills` is (default: the OS home). */
  userHome?: string;
  /** `--provider` / `--model`. */
  provider?: string;
  model?: string;
  /** `--resume`: the latest session of cwd (a new one when there is none). */
  resume?: boolean;
  /** `--session ID`: an id, name or unique id prefix. */
  sessionId?: string;
  /** Asks the user about calls of the tools `tools.approve` lists (the chat's approval panel). */
  approve?: Approver;
  /** Takes the composer's attached images for the prompt starting now (the chat's chips). */
  takeAttachments?: () => Attachment[];
  /** With no one to ask (`librecode prompt`): deny such calls (default) or allow them (`--yes`). */
  unattended?: "deny" | "allow";
  onStatus?: (patch: Record<string, unknown>) => void;
  onWorkingChange?: (working: boolean) => void;
  quit?: () => void;
  /** Opens a picker on the screen: /model, /resume and /tree without arguments then offer one. */
  pick?: OpenPicker;
  defer?: (fn: () => void) => void;
  clock?: NowClock;
  retry?: RetryOptions;
  scriptSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/** Said when `--resume` found no earlier conversation of the directory. */
export const NOTHING_TO_RESUME = "--resume: no earlier conversation in this directory; this is a new session.";

export type OpenedChat = {
  loop: ChatLoop;
  store: SessionStore;
  auth: AuthStore;
  loaded: LoadedConfig;
  /** True when an existing session was opened (call `loop.start(resumed)` once extensions are loaded). */
  resumed: boolean;
  /** `--resume` found no earlier conversation in this directory, so a new session was started. */
  nothingToResume: boolean;
  /** The skills on offer; `skills.ready` settles once the first discovery is done. */
  skills: SkillSet;
  /** Flushes and closes the session database. */
  close(): void;
};

/** Builds the chat loop; throws one-line errors (ConfigError for bad config, Error otherwise). */
export function openChatLoop(opts: OpenChatOptions): OpenedChat {
  const env = opts.env ?? process.env;
  const loaded = opts.loaded ?? loadConfig({ cwd: opts.cwd, env, ...(opts.configFile ? { configFile: opts.configFile } : {}) });
  const config = loaded.config;
  const home = opts.home ?? librecodeHome(env);
  const auth = new AuthStore(home);
  const keyEnvs = Object.values(config.providers).map((p) => p.api_key_env).filter((v): v is string => !!v);
  const secrets = () => auth.knownKeys(env, keyEnvs);
  const overrides = {
    sources: loaded.sources, cwd: opts.cwd,
    ...(opts.retry ? { retry: opts.retry } : {}), ...(opts.scriptSleep ? { scriptSleep: opts.scriptSleep } : {}),
  };
  let model = resolveProvider(config, { ...overrides, provider: opts.provider, model: opts.model }, env, auth.storedKeys());
  const store = SessionStore.open(home, { secrets, ...(opts.clock ? { clock: opts.clock } : {}) });
  let session: SessionInfo | undefined;
  let resumed = false;
  try {
    if (opts.sessionId) {
      session = store.find(opts.sessionId);
      if (!session) throw new Error(noSuchSession(opts.sessionId));
      resumed = true;
    } else if (opts.resume) {
      session = store.latestForCwd(opts.cwd);
      resumed = session !== undefined;
    }
    session ??= store.create({ cwd: opts.cwd, provider: model.providerId, model: model.model });
    // A resumed session goes on with the model it was using (set by /model and stored), unless
    // --provider/--model chose one; a model that cannot be used now (no key, gone from the
    // config) leaves the configured one.
    if (resumed && opts.provider === undefined && opts.model === undefined) model = sessionModel(session, model, (target) =>
      resolveProvider(config, { ...overrides, ...target }, env, auth.storedKeys()));
  } catch (e) {
    store.close();
    throw e;
  }

  const rt = opts.runtime;
  if (!rt.tools.get("read")) registerConfiguredTools(rt.tools, config.tools);
  const userHome = opts.userHome ?? env.HOME;
  const skills = new SkillSet({ cwd: opts.cwd, home, ...(userHome ? { userHome } : {}) });
  const loop = new ChatLoop({
    runtime: rt, store, session, model, cwd: opts.cwd, home,
    thinkingLevel: config.assistant.thinking_level, maxTurns: config.assistant.max_turns,
    autoCompact: config.session.auto_compact, secrets, skills: () => skills.skills,
    ...(opts.takeAttachments ? { takeAttachments: opts.takeAttachments } : {}),
    approval: { tools: config.tools.approve, ...(opts.approve ? { ask: opts.approve } : {}), ...(opts.unattended ? { unattended: opts.unattended } : {}) },
    ...(config.assistant.system_prompt ? { systemPrompt: config.assistant.system_prompt } : {}),
    ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
    ...(opts.onWorkingChange ? { onWorkingChange: opts.onWorkingChange } : {}),
    ...(opts.defer ? { defer: opts.defer } : {}),
  });
  const resolveModel = (spec: string): ResolvedModel => {
    const catalog = listModels(config);
    const target = modelTarget(spec, catalog, loop.model.providerId);
    // The script provider's "model" is a script file: a word that names nothing is a typo, not a path.
    const scripted = catalog.find((e) => e.provider === target.provider)?.api === "script";
    if (scripted && target.model !== undefined && target.model !== "demo" && !existsSync(resolve(opts.cwd, target.model))) {
      throw new Error(`expected a provider (${catalog.map((e) => e.provider).join(", ")}) or a model of ${target.provider} (demo, or a script file), got "${spec}"`);
    }
    return resolveProvider(config, { ...overrides, ...target }, env, auth.storedKeys());
  };
  // Lua's model/tools/session/agent groups reach the assistant through these primitives.
  attachAgent(rt, new AgentPrimitives(loop, { resolve: resolveModel, list: () => listModels(config, env, auth.storedKeys()) }));
  registerHostCommands({
    loop, auth, resolveModel,
    models: () => listModels(config, env, auth.storedKeys()),
    ...(opts.pick ? { pick: opts.pick } : {}),
    ...(opts.quit ? { quit: opts.quit } : {}),
  });
  registerSessionCommands(loop, opts.pick);
  registerTranscriptCommands(loop, opts.quit ?? (() => void rt.actions.run("app.quit")));
  registerSkillCommands({ commands: rt.commands, submit: (prompt) => loop.submit(prompt), cwd: opts.cwd }, skills);
  const nothingToResume = opts.resume === true && !resumed;
  // A session nothing was said in is not kept (`session list` and --resume would fill with them).
  const close = () => { store.removeIfEmpty(loop.session.id); store.close(); };
  return { loop, store, auth, loaded, resumed, nothingToResume, skills, close };
}

/**
 * What `/model SPEC` names: a model of the current provider (this wins, as OpenRouter ids contain
 * a slash), a provider (its default model), "provider/model", or else a model of the current provider.
 */
export function modelTarget(spec: string, catalog: ModelListEntry[], currentProvider: string): { provider: string; model?: string } {
  const isProvider = (id: string) => catalog.some((e) => e.provider === id);
  const current = catalog.find((e) => e.provider === currentProvider);
  if (current?.models.some((m) => m.id === spec)) return { provider: currentProvider, model: spec };
  if (isProvider(spec)) return { provider: spec };
  const slash = spec.indexOf("/");
  if (slash > 0 && isProvider(spec.slice(0, slash))) return { provider: spec.slice(0, slash), model: spec.slice(slash + 1) };
  return { provider: currentProvider, model: spec };
}

/** The resumed session's stored model when it differs from `configured` and can be used now; else `configured`. */
function sessionModel(session: SessionInfo, configured: ResolvedModel, resolveTarget: (t: { provider: string; model: string }) => ResolvedModel): ResolvedModel {
  const { provider, model } = session;
  if (!provider || !model || (provider === configured.providerId && model === configured.model)) return configured;
  // The offline demo is what a fresh install fell back to, not a choice: a key added since wins.
  if (provider === "script" && model === "demo") return configured;
  try {
    return resolveTarget({ provider, model });
  } catch {
    return configured;
  }
}
