// Commands: `/name args` in the composer and `librecode extension run`.

export type CommandDefinition = {
  desc: string; owner: string; run(args: string): unknown | Promise<unknown>;
  /** True when the command is no use without arguments: the command palette puts `/name ` in the
   *  composer to complete instead of running it. */
  needsArgs?: boolean;
  /** For a command FAMILY whose members are `/FAMILY:MEMBER` (as `/skill:NAME`): the error line for
   *  a member that does not exist, naming what does. */
  unknownMember?(member: string): string;
};
export type CommandEntry = CommandDefinition & { name: string };
/** How one command line ended: its output as text, or why it failed (`unknown`: no such command, and `error` is the whole line to show). */
export type CommandOutcome = { ok: true; name: string; output: string } | { ok: false; name: string; error: string; unknown: boolean };
/** Runs fn for owner at where, catching a throw (Runtime.guard). */
export type CommandGuard = <T>(owner: string, where: string, fn: () => T) => { ok: true; value: T } | { ok: false; error: { message: string } };

/**
 * Splits `/name args`; undefined when the text is not a command line: no leading slash, or a
 * first word holding another slash (`/home/me/notes.md what is this?` is a prompt, not a command).
 */
export function parseCommandLine(text: string): { name: string; args: string } | undefined {
  const m = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text);
  return m ? { name: m[1]!, args: (m[2] ?? "").trim() } : undefined;
}

/** The error line for a failed command line: the unknown-name line (CommandRegistry.unknownText) or `/x: reason`. */
export function commandFailureText(o: Extract<CommandOutcome, { ok: false }>): string {
  return o.unknown ? o.error : `/${o.name}: ${o.error}`;
}

/** The guard site of command NAME; its failures reach the screen as the outcome (commandFailureText), not as a reported error line. */
export function commandWhere(name: string): string {
  return `command ${name}`;
}

/** True for an error reported while a command ran (commandWhere): whoever ran it shows the outcome. */
export function isCommandError(e: { where: string }): boolean {
  return e.where.startsWith("command ");
}

/** A command's return value as the text shown for it (nothing for nil, JSON for a table). */
function outputText(out: unknown): string {
  return out === undefined || out === null ? "" : typeof out === "string" ? out : JSON.stringify(out);
}

/** Named commands; registering a name again replaces it. */
export class CommandRegistry {
  private readonly commands = new Map<string, CommandEntry>();

  /** Registers (or replaces) command name. */
  register(name: string, def: CommandDefinition): void {
    if (typeof name !== "string" || name.trim() === "" || /\s/.test(name)) {
      throw new Error(`register_command: argument 1 'name': expected a name without spaces, got "${String(name)}"`);
    }
    this.commands.set(name, { ...def, name });
  }

  /** The command, or undefined. */
  get(name: string): CommandEntry | undefined {
    return this.commands.get(name);
  }

  /** The line for a name no command has: `unknown command: /x (try /help)`, or what its family
   *  says (`/skill:nope` -> the skill command's unknownMember). */
  unknownText(name: string): string {
    const colon = name.indexOf(":");
    const family = colon > 0 ? this.commands.get(name.slice(0, colon)) : undefined;
    return family?.unknownMember?.(name.slice(colon + 1)) ?? `unknown command: /${name} (try /help)`;
  }

  /** Every command, sorted by name. */
  list(): CommandEntry[] {
    return [...this.commands.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Runs a command line (the one path for the composer, host and `extension run`): undefined when
   * text is no command line (parseCommandLine); otherwise the outcome, a promise of it for an
   * async command. The command runs inside guard; an unknown name is an outcome, not a throw.
   */
  run(text: string, guard: CommandGuard): CommandOutcome | Promise<CommandOutcome> | undefined {
    const line = parseCommandLine(text);
    if (!line) return undefined;
    const cmd = this.commands.get(line.name);
    if (!cmd) return { ok: false, name: line.name, error: this.unknownText(line.name), unknown: true };
    const failed = (e: unknown): CommandOutcome => ({ ok: false, name: cmd.name, error: e instanceof Error ? e.message : String(e), unknown: false });
    const r = guard(cmd.owner, commandWhere(cmd.name), () => cmd.run(line.args));
    if (!r.ok) return { ok: false, name: cmd.name, error: r.error.message, unknown: false };
    if (r.value instanceof Promise) return r.value.then((out: unknown): CommandOutcome => ({ ok: true, name: cmd.name, output: outputText(out) }), failed);
    return { ok: true, name: cmd.name, output: outputText(r.value) };
  }

  /** Removes one command; false when there was none by that name. */
  delete(name: string): boolean {
    return this.commands.delete(name);
  }

  /** Removes every command registered by owner. */
  unregisterOwner(owner: string): void {
    for (const [name, c] of this.commands) if (c.owner === owner) this.commands.delete(name);
  }
}
