// The `librecode SUBCOMMAND ...` entry point (bin/librecode); the command line is bin/cli-program.ts.
import { runCli } from "./cli-program.js";

process.exitCode = await runCli(process.argv.slice(2));
