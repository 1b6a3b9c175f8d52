// Host actions (`librecode.action.run`): submit, history.prev, interrupt... The ui/bin layer
// registers the real implementations; the kernel only names and runs them.

/** Named host actions. */
export class ActionRegistry {
  private readonly actions = new Map<string, () => void>();

  /** Registers (or replaces) action name. */
  register(name: string, fn: () => void): void {
    this.actions.set(name, fn);
  }

  /** Runs action name; false when no such action is registered. */
  run(name: string): boolean {
    const fn = this.actions.get(name);
    if (!fn) return false;
    fn();
    return true;
  }

  /** Registered action names, sorted. */
  names(): string[] {
    return [...this.actions.keys()].sort();
  }
}
