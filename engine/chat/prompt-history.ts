/**
 * Prompt history for the composer's up/down keys, like a shell: browsing starts after the newest
 * entry, and the draft being typed is kept so stepping back past the newest restores it.
 */
// `/login PROVIDER KEY` carries an API key: up-arrow must never bring it back.
const SECRET_COMMAND = /^\/login\s/;

export class PromptHistory {
  private entries: string[] = [];
  private pos = -1; // -1: not browsing
  private draft = "";

  constructor(private readonly limit = 500) {}

  /** Records a submitted prompt (consecutive duplicates collapse; prompts carrying a secret are not kept). */
  push(text: string): void {
    const t = text.trim();
    this.pos = -1;
    if (!t || this.entries[this.entries.length - 1] === text || SECRET_COMMAND.test(t)) return;
    this.entries.push(text);
    if (this.entries.length > this.limit) this.entries.shift();
  }

  /** Replaces the whole history (loading a session). */
  load(entries: string[]): void {
    this.entries = entries.filter((e) => !SECRET_COMMAND.test(e.trim())).slice(-this.limit);
    this.pos = -1;
  }

  /** The previous (older) entry, or null when there is none. */
  prev(current: string): string | null {
    if (this.entries.length === 0) return null;
    if (this.pos === -1) {
      this.draft = current;
      this.pos = this.entries.length - 1;
    } else if (this.pos > 0) {
      this.pos--;
    } else {
      return null;
    }
    return this.entries[this.pos];
  }

  /** The next (newer) entry, the saved draft past the newest, or null when not browsing. */
  next(): string | null {
    if (this.pos === -1) return null;
    if (this.pos < this.entries.length - 1) {
      this.pos++;
      return this.entries[this.pos];
    }
    this.pos = -1;
    return this.draft;
  }

  /** All entries, oldest first. */
  list(): readonly string[] {
    return this.entries;
  }
}
