// Host actions (`librecode.action.run`): submit, history.prev, interrupt... The ui/bin layer
// registers the real implementations; the kernel only names and runs them.

/** Named host actions. */
export class ActionRegistry {
  private readonly actions = new Map<string, (arg?: string) => void>();

  /** Registers (or replaces) action name; a few host actions take one string (`app.copy` its text). */
  register(name: string, fn: (arg?: string) => void): void {
    this.actions.set(name, fn);
  }

  /** Runs action name (with its argument, if it takes one); false when no such action is registered. */
  run(name: string, arg?: string): boolean {
    const fn = this.actions.get(name);
    if (!fn) return false;
    fn(arg);
    return true;
  }

  /** Registered action names, sorted. */
  names(): string[] {
    return [...this.actions.keys()].sort();
  }
}
