// The slash commands of the stock chat, registered like any extension command (owner "host") so
// completion lists them and an extension may replace one. Each returns the line(s) to show.
import type { AuthStore } from "../auth/auth-store.js";
import { loginRefusal } from "../auth/login-check.js";
import { formatLogEntry } from "../kernel/extension-log.js";
import type { OpenPicker } from "../chat/picker.js";
import { formatModelList, type ModelListEntry } from "../model/format-model-list.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import { formatSessionList } from "../session/format-session-list.js";
import { formatColumns, STOCK_KEY_HELP } from "../chat/key-help.js";
import type { ChatLoop } from "./chat-loop.js";
import { breakdownLines } from "./context-breakdown.js";
import { reportPicked, resumeSession, switchToPicked } from "./picked-command.js";
import { modelItems, sessionItems } from "./picker-items.js";

export type HostCommandDeps = {
  loop: ChatLoop;
  auth?: AuthStore;
  /** Builds the model for "provider/model", "model" (current provider) or "provider" (its default). */
  resolveModel?: (spec: string) => ResolvedModel;
  /** The configured providers and models (`/model` without an argument lists or offers them). */
  models?: () => ModelListEntry[];
  /** Opens a picker on the screen (the interactive chat); without one, those commands print lists. */
  pick?: OpenPicker;
  /** `/quit` (default: the `app.quit` action). */
  quit?: () => void;
};

/** Registers /new /resume /name /model /compact /context /login /logout /log /quit /help. */
export function registerHostCommands(deps: HostCommandDeps): void {
  const { loop } = deps;
  const rt = loop.rt;
  const reg = (name: string, desc: string, run: (args: string) => unknown, needsArgs = false) =>
    rt.commands.register(name, { desc, owner: "host", run, ...(needsArgs ? { needsArgs } : {}) });
  const idle = () => {
    if (loop.working) throw new Error(`expected an idle chat, got a running request (escape interrupts it)`);
  };
  reg("new", "start a new session", (args) => {
    idle();
    loop.openSession(loop.store.create({ cwd: loop.session.cwd, ...(args ? { name: args } : {}), provider: loop.model.providerId, model: loop.model.model }), false);
    return `New session ${loop.session.id}.`;
  });
  reg("resume", "pick a session of this directory, or open one: /resume ID|NAME", (args) => {
    if (args === "") {
      const list = loop.store.list({ cwd: loop.session.cwd, limit: deps.pick ? 500 : 20 });
      if (list.length === 0) return "No sessions in this directory.";
      if (!deps.pick) return ["Sessions (newest first; /resume ID opens one):", ...formatSessionList(list)].join("\n");
      if (list.every((s) => s.id === loop.session.id)) return "No other sessions in this directory.";
      deps.pick({ title: "resume a session", ...sessionItems(list, loop.session.id), onPick: (item) => switchToPicked(loop, item.value, "/resume") });
      return "";
    }
    idle();
    const s = loop.store.find(args);
    if (!s) throw new Error(`session: ${JSON.stringify(args)}: expected a session id, name or unique id prefix, got no match`);
    return resumeSession(loop, s);
  });
  reg("name", "name the current session: /name NAME", (args) => {
    loop.store.rename(loop.session.id, args);
    loop.session = { ...loop.session, name: args === "" ? null : args };
    loop.pushStatus();
    return args === "" ? "Session name cleared." : `Session named "${args}".`;
  }, true);
  // The width a printed table must fit: the window showing the transcript; none (a piped `prompt`): any.
  const transcriptWidth = (): number | undefined => {
    const shown = rt.windows.list().map((n) => rt.windows.get(n)!).find((w) => w.buffer === "transcript" && w.box.visible && w.box.width > 0);
    return shown?.box.width;
  };
  const current = () => `${loop.model.providerId}/${loop.model.model}`;
  const switchModel = (spec: string): string => {
    if (!deps.resolveModel) throw new Error("expected a configured model resolver, got none");
    loop.setModel(deps.resolveModel(spec));
    return `Model: ${loop.model.label}`;
  };
  reg("model", "pick a model, or switch: /model [provider/]model", (args) => {
    if (args !== "") return switchModel(args);
    const entries = deps.models?.() ?? [];
    if (!deps.pick || entries.length === 0) return [`Model: ${loop.model.label}`, ...formatModelList(entries, current(), transcriptWidth())].join("\n");
    deps.pick({ title: `model (now ${loop.model.label})`, ...modelItems(entries, current()), onPick: (item) => reportPicked(loop, "/model", () => switchModel(item.value)) });
    return "";
  });
  reg("compact", "summarise the oldest turns to free context", async () => {
    idle();
    return (await loop.compact()) ? `Context now ~${loop.contextUse().tokens.toLocaleString("en-US")} tokens.` : "Nothing to compact yet.";
  });
  reg("context", "show the estimated context use, by contributor", () => {
    const u = loop.contextUse();
    return [
      `Context: ~${u.tokens.toLocaleString("en-US")} of ${u.window.toLocaleString("en-US")} tokens (${u.percent}%), ${u.messages} messages${u.summary ? ", with a summary of earlier ones" : ""}.`,
      ...breakdownLines(loop.contextShares()),
    ].join("\n");
  });
  reg("login", "save an API key: /login PROVIDER KEY", (args) => {
    if (!deps.auth) throw new Error("expected a key store, got none");
    const [provider = "", key = "", ...rest] = args.split(/\s+/).filter((w) => w !== "");
    if (provider === "" || key === "" || rest.length) throw new Error("expected PROVIDER KEY, got " + (provider === "" ? "nothing" : `${rest.length ? "more than two words" : "no key"}`));
    const refusal = deps.models ? loginRefusal(deps.models().map((e) => ({ id: e.provider, api: e.api, ...(e.apiKeyEnv ? { apiKeyEnv: e.apiKeyEnv } : {}) })), provider) : undefined;
    if (refusal) throw new Error(refusal);
    deps.auth.login(provider, key);
    if (deps.resolveModel && provider === loop.model.providerId) loop.setModel(deps.resolveModel(`${provider}/${loop.model.model}`));
    return `Saved a key for ${provider}.`;
  }, true);
  reg("logout", "remove a saved API key: /logout PROVIDER", (args) => {
    if (!deps.auth) throw new Error("expected a key store, got none");
    return deps.auth.logout(args) ? `Removed the key for ${args}.` : `No saved key for ${args}.`;
  }, true);
  reg("log", "what extensions printed and what failed: /log [N] (last N entries, default 30)", (args) => {
    const n = args.trim() === "" ? 30 : Number(args.trim());
    if (!Number.isInteger(n) || n < 1) throw new Error(`expected a number of entries >= 1, got ${JSON.stringify(args.trim())}`);
    const entries = rt.log.entries();
    if (entries.length === 0) return "The extension log is empty (print and librecode.log write to it; failures show here too).";
    const shown = entries.slice(-n);
    const more = entries.length - shown.length;
    return [`Extension log${more > 0 ? ` (last ${shown.length} of ${entries.length})` : ""}:`, ...shown.map(formatLogEntry)].join("\n");
  });
  reg("quit", "quit librecode", () => {
    if (deps.quit) deps.quit();
    else rt.actions.run("app.quit");
  });
  reg("help", "list commands and keys", () => {
    const cmds = rt.commands.list().map((c) => [`/${c.name}`, `${c.desc}${c.owner === "host" ? "" : `  (${c.owner})`}`] as const);
    const keys = STOCK_KEY_HELP.map((k) => [k.keys, k.does] as const);
    // Extension keymaps that describe themselves (`desc`), with where they apply and whose they are.
    const ext = rt.keymaps.list().filter((k) => k.desc !== "" && k.owner !== "host")
      .map((k) => [k.lhs, `${k.desc}${k.targetKey === "global" ? "" : ` (${k.targetKey})`}  (${k.owner})`] as const);
    const extLines = ext.length > 0 ? ["", "Extension keys:", ...formatColumns(ext)] : [];
    return ["Commands:", ...formatColumns(cmds), "", "Keys:", ...formatColumns(keys), ...extLines].join("\n");
  });
}
