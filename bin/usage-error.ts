/** A mistake in how librecode was called or in a file it was given: exit code 2, one line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Prints an error the way the CLI promises (one line on stderr) and returns the exit code. */
export function reportFailure(err: unknown): number {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`librecode: ${msg.split("\n")[0]}\n`);
  return err instanceof UsageError || isInputError(err) ? 2 : 1;
}

// Errors a user causes with bad input carry one of these names across the layers.
function isInputError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // An error that names a command-line flag (`--session: ...`, `--provider: ...`) is bad usage too.
  return ["LayoutError", "ConfigError", "UsageError", "ToolArgumentError"].includes(err.name)
    || /^(layout|config): |^--[a-z][a-z-]*: /.test(err.message);
}
