// Runs the command line (bin/cli-program.ts) inside the test process: the same commands, flags,
// output and exit codes as bin/librecode, without a process start per test. Runs are serialised,
// since each one takes over the process's cwd, environment and standard output for its duration.
import { runCli } from "../../bin/cli-program.js";
import type { CliResult } from "./run-cli.js";

let queue: Promise<unknown> = Promise.resolve();

/** `librecode ARGS` in `where.cwd` with a clean environment (no API keys, no colour preferences). */
export function cliInProcess(args: string[], where: { root: string; cwd: string; home: string },
  extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const run = queue.then(() => runIsolated(args, where, extraEnv));
  queue = run.catch(() => undefined);
  return run;
}

async function runIsolated(args: string[], where: { root: string; cwd: string; home: string },
  extraEnv: Record<string, string>): Promise<CliResult> {
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stdout = "";
  let stderr = "";
  // Set on the real env object (not a replacement): os.homedir() reads the C environment.
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, { PATH: savedEnv.PATH ?? "", HOME: where.root, LIBRECODE_HOME: where.home, ...extraEnv });
  process.chdir(where.cwd);
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += chunk.toString(); return true; }) as typeof out;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += chunk.toString(); return true; }) as typeof err;
  try {
    const code = await runCli(args);
    return { stdout, stderr, code };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    process.chdir(savedCwd);
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}
