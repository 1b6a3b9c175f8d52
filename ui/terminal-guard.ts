import { inspect } from "node:util";

/** The parts of `process` the guard hooks; tests of the guard use a real child process instead. */
export type GuardedProcess = Pick<NodeJS.Process, "on" | "off" | "exit" | "stderr">;

const SIGNAL_EXIT: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return `non-error thrown: ${inspect(e)}`;
}

/**
 * Makes sure the terminal is restored however the process ends: on exit, on SIGTERM, SIGHUP and
 * SIGINT (which only arrives outside raw mode; in raw mode ctrl+c is a key), and on an uncaught
 * exception or unhandled rejection. The order is always restore, then the message on stderr, then
 * a non-zero exit, so the message lands on the main screen where the user can read it. Returns a
 * function that removes the hooks.
 */
export function installRestoreGuard(restore: () => void, proc: GuardedProcess = process): () => void {
  const fatal = (label: string, e: unknown): void => {
    restore();
    proc.stderr.write(`librecode: ${label}: ${describeError(e)}\n`);
    proc.exit(1);
  };
  const onException = (e: unknown): void => fatal("uncaught exception", e);
  const onRejection = (e: unknown): void => fatal("unhandled promise rejection", e);
  const onExit = (): void => restore();
  const signals = Object.keys(SIGNAL_EXIT).map((sig) => {
    const handler = (): void => {
      restore();
      proc.stderr.write(`librecode: terminated by ${sig}\n`);
      proc.exit(SIGNAL_EXIT[sig]!);
    };
    proc.on(sig as NodeJS.Signals, handler);
    return [sig, handler] as const;
  });
  proc.on("uncaughtException", onException);
  proc.on("unhandledRejection", onRejection);
  proc.on("exit", onExit);
  return () => {
    for (const [sig, handler] of signals) proc.off(sig as NodeJS.Signals, handler);
    proc.off("uncaughtException", onException);
    proc.off("unhandledRejection", onRejection);
    proc.off("exit", onExit);
  };
}
