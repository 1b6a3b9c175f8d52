// The `librecode SUBCOMMAND ...` entry point (bin/librecode); the command line is bin/cli-program.ts.
import { runCli } from "./cli-program.js";

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A finished command must not be held open by what it leaves behind (an SDK's keep-alive socket
// after `prompt`); unref'd, this fires only then. Here, not in the commands, so a command run
// inside another process (the tests' in-process runner) never exits it.
setTimeout(() => process.exit(code), 200).unref();
