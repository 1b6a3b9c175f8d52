// A real terminal for end-to-end tests: a tmux server on its own socket, one pane running a
// plain shell, keys sent as a user types them, and the screen read back with capture-pane.
import { execFileSync } from "node:child_process";

const POLL_MS = 25;

/** One tmux server (private socket) with one window of the given size. */
export class TmuxSession {
  private readonly socket = `librecode-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(width: number, height: number, env: Record<string, string>, cwd: string) {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`).join(" ");
    this.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height), "-c", cwd,
      `env -i ${vars} bash --norc --noprofile`);
  }

  /** Runs a tmux command against this server. */
  tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    this.tmux("send-keys", "-t", "e2e", "-l", text);
  }

  /** Sends tmux key names: Enter, C-c, C-d, Escape... */
  keys(...names: string[]): void {
    this.tmux("send-keys", "-t", "e2e", ...names);
  }

  /** The visible screen, one string per row. */
  screen(): string[] {
    return this.tmux("capture-pane", "-p", "-t", "e2e").replace(/\n$/, "").split("\n");
  }

  /** Resizes the window (the program gets SIGWINCH). */
  resize(width: number, height: number): void {
    this.tmux("resize-window", "-t", "e2e", "-x", String(width), "-y", String(height));
  }

  /** Polls the screen until `ok` holds; throws with the last screen after `timeoutMs`. */
  async waitFor(what: string, ok: (lines: string[]) => boolean, timeoutMs = 10000): Promise<string[]> {
    const end = Date.now() + timeoutMs;
    let lines = this.screen();
    while (!ok(lines)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${lines.join("\n")}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
      lines = this.screen();
    }
    return lines;
  }

  /** Stops the tmux server and everything in it. */
  kill(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
