// `librecode prompt "text"`: one run of the chat loop without a UI. The answer streams to stdout
// (tool activity and errors to stderr), or with --json one event per line; the run is saved as
// a session like any other. Exit codes: 0 done, 1 the run failed, 2 bad usage or configuration.
import { readFileSync } from "node:fs";
import type { AgentEvent } from "../engine/agent/agent-events.js";
import { openChatLoop, type OpenedChat } from "../engine/agent/open-chat-loop.js";
import { librecodeHome } from "../engine/config/load-config.js";
import { isCommandError } from "../engine/kernel/command-registry.js";
import { Runtime } from "../engine/kernel/runtime.js";
import { UsageError, reportFailure } from "./usage-error.js";

export type PromptOptions = {
  json?: boolean;
  resume?: boolean;
  session?: string;
  provider?: string;
  model?: string;
  config?: string;
  /** commander's --no-extensions sets this false. */
  extensions?: boolean;
  /** `--yes`: calls of the tools `tools.approve` lists run without asking (no one can answer here). */
  yes?: boolean;
};

/** Runs one prompt (`-` reads it from stdin) and sets process.exitCode. */
export async function runPrompt(text: string, opts: PromptOptions): Promise<void> {
  const code = await promptExitCode(text, opts);
  process.exitCode = code;
}

async function promptExitCode(text: string, opts: PromptOptions): Promise<number> {
  const prompt = text === "-" ? readFileSync(0, "utf8") : text;
  if (prompt.trim() === "") return reportFailure(new UsageError("prompt: text: expected a prompt (or - to read stdin), got nothing"));
  const cwd = process.cwd();
  const rt = new Runtime({ cwd });
  let chat: OpenedChat;
  try {
    chat = openChatLoop({
      runtime: rt, cwd, env: process.env, configFile: opts.config, provider: opts.provider, model: opts.model,
      resume: opts.resume, sessionId: opts.session, unattended: opts.yes === true ? "allow" : "deny",
    });
  } catch (e) {
    const err = e instanceof Error && e.name === "Error" ? new UsageError(e.message) : e;
    return reportFailure(err);
  }
  if (chat.nothingToResume) process.stderr.write("librecode: --resume: no earlier conversation in this directory; starting a new session\n");
  // An extension disabled for failing (where "disabled", lua/lua-extension.ts) reports a whole sentence.
  // A failing command is shown once, as the loop's error line (`/name: why`), not again from here.
  rt.onError((e) => {
    if (!isCommandError(e)) process.stderr.write(`librecode: ${e.where === "disabled" && e.owner !== "host" ? e.message : `${e.owner === "host" ? "" : `extension ${e.owner}: `}${e.where}: ${e.message}`}\n`);
  });
  if (opts.extensions !== false) await loadExtensions(rt, chat, cwd);

  const out = printer(opts.json === true);
  chat.loop.onEvent(out.write);
  const onSigint = () => chat.loop.interrupt();
  process.on("SIGINT", onSigint);
  // `librecode prompt ... | head -1`: a reader that went away stops the run instead of crashing it.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") chat.loop.interrupt();
  });
  try {
    chat.loop.start(chat.resumed);
    const result = await chat.loop.run(prompt);
    out.end();
    chat.loop.shutdown();
    return result.stopReason === "error" || result.stopReason === "max_turns" || result.stopReason === "aborted" ? 1 : 0;
  } catch (e) {
    return reportFailure(e);
  } finally {
    process.off("SIGINT", onSigint);
    chat.close();
  }
}

// Loaded as the interactive app loads them (budget, errors, `startup`); a build without the Lua
// layer (or a broken one) still answers, with the reason on stderr.
async function loadExtensions(rt: Runtime, chat: OpenedChat, cwd: string): Promise<void> {
  try {
    const { loadAppExtensions } = await import("./app-extensions.js");
    loadAppExtensions(rt, chat.loaded, { cwd, home: librecodeHome(process.env), enabled: true, paths: [] });
  } catch (e) {
    process.stderr.write(`librecode: extensions: ${(e as Error).message}\n`);
  }
}

/** Where the printer writes (process.stdout/stderr, or a test's recorder). */
export type PrinterStreams = { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } };

/**
 * Plain mode: answer text and shell-escape output on stdout, tool activity on stderr; JSON mode:
 * every event, one per line. A note on stderr first ends the answer's open line, so on a terminal
 * (where both streams show) `[tool ...]` never lands at the end of a sentence.
 */
export function printer(json: boolean, streams: PrinterStreams = { stdout: process.stdout, stderr: process.stderr }): { write: (ev: AgentEvent) => void; end: () => void } {
  let lastChar = "\n";
  let tail = ""; // the last two characters written, to end a turn's text with a blank line
  let answered = false; // an earlier turn printed text
  let newTurn = true;
  const stdout = (s: string) => {
    if (s === "") return;
    streams.stdout.write(s);
    lastChar = s[s.length - 1]!;
    tail = (tail + s).slice(-2);
  };
  // The texts of consecutive assistant turns ("Reading the file." then "# Plan") are paragraphs.
  const text = (s: string) => {
    if (s === "") return;
    if (newTurn && answered && tail !== "\n\n") stdout(lastChar === "\n" ? "\n" : "\n\n");
    newTurn = false;
    answered = true;
    stdout(s);
  };
  const note = (s: string) => {
    if (lastChar !== "\n") stdout("\n");
    streams.stderr.write(s);
  };
  if (json) return { write: (ev) => streams.stdout.write(`${JSON.stringify(ev)}\n`), end: () => {} };
  return {
    write: (ev) => {
      switch (ev.type) {
        case "turn_start": newTurn = true; break;
        case "text_delta": text(ev.text); break;
        case "system": stdout(`${lastChar === "\n" ? "" : "\n"}${ev.text}\n`); break;
        case "tool_start": note(`[tool ${ev.name} ${JSON.stringify(ev.arguments)}]\n`); break;
        // `librecode prompt "!ls"`: the command's output is the answer.
        case "shell": stdout(ev.output === "" || ev.output.endsWith("\n") ? ev.output : `${ev.output}\n`); break;
        case "tool_end": if (ev.is_error) note(`[tool ${ev.name} failed: ${ev.content.split("\n")[0]}]\n`); break;
        case "turn_end": if (lastChar !== "\n" && ev.stop_reason === "tool_use") stdout("\n"); break;
        case "retry": note(`[retry ${ev.attempt} in ${ev.delay_ms} ms: ${ev.reason}]\n`); break;
        case "error": note(`librecode: ${ev.message}\n`); break;
        default: break;
      }
    },
    end: () => {
      if (lastChar !== "\n") stdout("\n");
    },
  };
}
