// create_namespace: a stable integer per name, so extensions can tag what they draw or mark.

/** Namespace ids, from 1, stable per name for the life of the runtime. */
export class Namespaces {
  private readonly ids = new Map<string, number>();

  /** The id of name, allocating the next one on first use. */
  create(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(name, id);
    }
    return id;
  }

  /** Every namespace as [name, id], in allocation order. */
  list(): Array<[string, number]> {
    return [...this.ids];
  }
}
