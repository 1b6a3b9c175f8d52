// The command line as a function of its arguments: `bin/main.ts` runs it for the real process, and
// tests run it in-process (one process per test made the CLI tests the slowest in the suite).
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { reportFailure } from "./usage-error.js";

// Each command module is imported only when its command runs, so `librecode` starts fast and a
// subcommand never pays for the terminal UI (or the UI for the model SDKs).
function buildProgram(): Command {
  const program = new Command();

  // Set before any subcommand exists: commander copies these settings into subcommands at creation.
  program.exitOverride();
  // `librecode --config a tool list --config b`: each command's options belong to it alone.
  program.enablePositionalOptions();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    // commander says "error: X\n(Did you mean Y?)"; every librecode error is one `librecode: ` line.
    outputError: (s, write) => write(`librecode: ${s.replace(/^error: /, "").trim().replace(/\s*\n\s*/g, " ")}\n`),
  });
  program.version(packageVersion(), "-V, --version", "print the version");

  program
    .name("librecode")
    .description("A terminal AI coding chat whose whole screen is a programmable runtime")
    .option("--resume", "continue the latest session of this directory")
    .option("--session <id>", "open a session by id, name or unique id prefix")
    .option("--provider <id>", "model provider")
    .option("--model <id>", "model")
    .option("--config <file>", "an extra config file (above ./.librecode/config.yaml)")
    .option("--no-extensions", "skip Lua extensions for this run")
    .option("--bare", "no stock layout, windows, keys or chat loop: the screen is what extensions build")
    .action(async (opts) => {
      await import("../ui/terminal-early-hold.js"); // raw mode first: keys typed from here on are held
      await (await import("./yoga-preload.js")).preloadYoga(); // before cmd-chat's imports reach yoga-layout
      return (await import("./cmd-chat.js")).runChat(opts);
    });

  program
    .command("prompt")
    .description("one-shot prompt without the UI; streams the answer to stdout")
    .argument("<text>", "the prompt, or - to read stdin")
    .option("--json", "print one JSON event per line")
    .option("--resume", "continue the latest session of this directory")
    .option("--session <id>", "continue a session by id")
    .option("--provider <id>", "model provider")
    .option("--model <id>", "model")
    .option("--config <file>", "an extra config file")
    .option("--no-extensions", "skip Lua extensions for this run")
    .option("-y, --yes", "run the tool calls tools.approve lists without asking (default: they are denied)")
    .action(async (text, opts) => (await import("./cmd-prompt.js")).runPrompt(text, opts));

  program
    .command("render")
    .description("render one headless frame at a fixed size (for snapshot tests)")
    // Checked by runRender, not commander's requiredOption: its error ("required option ... not
    // specified") breaks the one error grammar, and its help does not say the option is required.
    .usage("--size <WxH> [options]")
    .option("--size <WxH>", "screen size WIDTHxHEIGHT, e.g. 100x30 (required)")
    .option("--layout <file>", "a layout table in YAML, JSON or Lua")
    .option("--extension <path>", "load an extension (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--keys <keys>", "keys to feed after startup, in keymap notation")
    .option("--transcript <file>", "preload the transcript from JSON lines")
    .option("--format <format>", "text, json or ansi", "text")
    .option("--theme <theme>", "dark or light")
    .option("--config <file>", "an extra config file")
    .option("--no-extensions", "skip configured Lua extensions")
    .option("--bare", "bare mode: no stock layout, windows or keys")
    .action(async (opts) => (await import("./cmd-render.js")).runRender(opts));

  program
    .command("snapshot")
    .description("render every *.snap.yaml case and compare it with the .txt beside it")
    .argument("[paths...]", "case files or directories to search (default: .)")
    .option("--update", "write the .txt of every case that differs")
    .action(async (paths, opts) => (await import("./cmd-snapshot.js")).runSnapshot(paths, opts));

  const ext = program.command("extension").description("Lua extensions: install, pin, check, scaffold, run");
  ext.command("list").description("configured sources, their status, and what each registered")
    .option("--config <file>", "an extra config file")
    .action(async (opts) => (await import("./cmd-extension.js")).runExtensionList(opts));
  const manage = async () => import("./cmd-extension-manage.js");
  ext.command("add").description("add a source to extensions.use, install it and lock it")
    .argument("<source>", "github:OWNER/REPO[//SUBDIR], git:URL[//SUBDIR], official:NAME or path:DIR, with @VERSION")
    .option("--global", "in $LIBRECODE_HOME instead of the project")
    .action(async (source, opts) => (await manage()).runExtensionAdd(source, opts));
  ext.command("remove").description("remove a source from extensions.use and the lock").argument("<name-or-source>")
    .option("--global", "in $LIBRECODE_HOME instead of the project")
    .action(async (what, opts) => (await manage()).runExtensionRemove(what, opts));
  ext.command("install").description("install exactly what the lockfile pins (and lock unlocked entries)")
    .option("--global", "the global lock instead of the project's")
    .action(async (opts) => (await manage()).runExtensionInstall(opts));
  ext.command("update").description("move to the newest version each requested range allows").argument("[names...]")
    .option("--global", "the global lock instead of the project's")
    .action(async (names, opts) => (await manage()).runExtensionUpdate(names, opts));
  ext.command("tidy").description("delete store entries that no lock uses")
    .action(async () => (await manage()).runExtensionTidy());
  ext.command("doctor").description("config, lock, store, hashes, manifests: one line per problem")
    .action(async () => (await manage()).runExtensionDoctor());
  ext.command("new").description("scaffold an extension: manifest, main.lua, a snapshot case, LuaLS types")
    .argument("<name>")
    .action(async (name) => (await import("./cmd-extension-new.js")).runExtensionNew(name));
  ext.command("log").description("what extensions printed and what failed in the latest chat")
    .option("-n, --lines <n>", "how many of the last lines", "50")
    .action(async (opts) => (await import("./cmd-extension.js")).runExtensionLog(opts));
  ext.command("run").description("run an extension command")
    .argument("<name>").argument("[args...]")
    .option("--config <file>", "an extra config file")
    .action(async (name, args, opts) => (await import("./cmd-extension.js")).runExtensionCommand(name, args, opts));

  const session = program.command("session").description("sessions");
  session.command("list").description("sessions, newest first").action(async () => (await import("./cmd-session.js")).runSessionList());
  session.command("show").argument("<id>").description("a session's messages").action(async (id) => (await import("./cmd-session.js")).runSessionShow(id));
  session.command("new").argument("[name]").description("create a session").action(async (name) => (await import("./cmd-session.js")).runSessionNew(name));
  session.command("fork").argument("<id>").option("--at <n>", "copy messages through number N (default: all)").option("--name <name>", "a name for the new session")
    .description("a new session branching from ID").action(async (id, opts) => (await import("./cmd-session.js")).runSessionFork(id, opts));
  session.command("tree").argument("[id]").description("the fork tree holding ID, or this directory's trees")
    .action(async (id) => (await import("./cmd-session.js")).runSessionTree(id));
  session.command("rename").argument("<id>").argument("<name>").description("name a session (\"\" clears it)")
    .action(async (id, name) => (await import("./cmd-session.js")).runSessionRename(id, name));
  session.command("delete").argument("<id>").description("delete a session and its messages (its forks stay)")
    .action(async (id) => (await import("./cmd-session.js")).runSessionDelete(id));

  program.command("model").description("models").command("list").argument("[search]", "only models whose provider/id contains this (any case)").description("configured providers and models")
    .option("--config <file>", "an extra config file")
    .action(async (search, opts) => (await import("./cmd-model.js")).runModelList(opts, search));

  const skill = program.command("skill").description("Agent Skills (SKILL.md folders) this directory offers");
  skill.command("list").description("loaded skills, shadowed ones, and problems").action(async () => (await import("./cmd-skill.js")).runSkillList());
  skill.command("show").argument("<name>").description("a skill's description, path and body").action(async (name) => (await import("./cmd-skill.js")).runSkillShow(name));
  skill.command("validate").argument("[paths...]").description("check skills' front matter (exit 1 on any problem)")
    .action(async (paths) => (await import("./cmd-skill.js")).runSkillValidate(paths));

  const tool = program.command("tool").description("built-in and extension tools");
  tool.command("list").option("--config <file>", "an extra config file").option("--no-extensions", "leave out extension tools").description("tools the model can call")
    .action(async (opts) => (await import("./cmd-tool.js")).runToolList(opts));
  tool.command("run").argument("<name>").argument("<json>").option("--config <file>", "an extra config file")
    .option("--no-extensions", "skip Lua extensions (and their tool hooks) for this run")
    .description("run a tool with JSON arguments")
    .action(async (name, json, opts) => (await import("./cmd-tool.js")).runToolRun(name, json, opts));

  const auth = program.command("auth").description("API keys saved for the providers (an environment variable wins over a saved key)");
  auth.command("login").argument("<provider>").argument("[key]", "the key (else read from standard input, not echoed on a terminal)")
    .option("--config <file>", "an extra config file (for its providers)").description("save an API key for PROVIDER")
    .action(async (provider, key, opts) => (await import("./cmd-auth.js")).runAuthLogin(provider, key, opts));
  auth.command("logout").argument("<provider>").description("remove the saved key of PROVIDER")
    .action(async (provider) => (await import("./cmd-auth.js")).runAuthLogout(provider));
  auth.command("list").option("--config <file>", "an extra config file (for its providers)").description("providers with a key, and which key a run uses")
    .action(async (opts) => (await import("./cmd-auth.js")).runAuthList(opts));

  const config = program.command("config").description("configuration");
  config.command("show").option("--config <file>", "an extra config file").description("the effective configuration and where each value came from")
    .action(async (opts) => (await import("./cmd-config.js")).runConfigShow(opts));
  config.command("validate").option("--config <file>", "an extra config file").description("check every config file")
    .action(async (opts) => (await import("./cmd-config.js")).runConfigValidate(opts));
  return program;
}

/** The version in package.json (two levels above dist/bin/, one above bin/ when run from source). */
function packageVersion(): string {
  for (const rel of ["../../package.json", "../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version: string };
      if (pkg.name === "librecode") return pkg.version;
    } catch {
      // not at this level; try the next
    }
  }
  return "unknown";
}

/**
 * Runs `librecode ARGS` (args without `node` and the script) and returns the exit code; commands
 * that set process.exitCode (a failure line already printed) keep theirs.
 */
export async function runCli(args: string[]): Promise<number> {
  const program = buildProgram();
  // The chat's action takes no arguments, so commander would call a mistyped command "too many
  // arguments"; name the commands instead.
  const first = args[0];
  const commands = program.commands.map((c) => c.name());
  // `librecode help session fork` is `librecode session fork --help`; `help` alone the program's.
  if (first === "help") args = commands.includes(args[1] ?? "") ? [...args.slice(1), "--help"] : ["--help"];
  else if (first !== undefined && !first.startsWith("-") && !commands.includes(first)) {
    process.stderr.write(`librecode: command: expected one of ${commands.join(", ")}, got ${JSON.stringify(first)}\n`);
    return 2;
  }
  try {
    await program.parseAsync(args, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    // --help and --version are not failures; anything else commander rejects is bad usage.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportFailure(err);
  }
}
