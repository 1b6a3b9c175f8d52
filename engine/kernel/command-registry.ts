// Commands: `/name args` in the composer and `librecode extension run`.

export type CommandDefinition = { desc: string; owner: string; run(args: string): unknown | Promise<unknown> };
export type CommandEntry = CommandDefinition & { name: string };

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

  /** Every command, sorted by name. */
  list(): CommandEntry[] {
    return [...this.commands.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
