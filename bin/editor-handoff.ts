// ctrl+g: the composer text goes to $VISUAL/$EDITOR in a temp file and comes back edited.
import { childProcess } from "../engine/kernel/child-process.js";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The editor command: $VISUAL, then $EDITOR, then vi. */
export function editorCommand(env: Record<string, string | undefined> = process.env): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || "vi";
}

/**
 * Runs the editor on `text` with the terminal handed over (the caller left the alternate screen
 * and raw mode) and returns the edited text, or an error line when the editor failed. A final
 * newline the editor adds is dropped.
 */
export function editText(text: string, env: Record<string, string | undefined> = process.env): { text: string } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), "librecode-edit-"));
  const file = join(dir, "prompt.md");
  try {
    writeFileSync(file, text);
    // Through the shell, so EDITOR="code --wait" works as it does for git.
    const r = childProcess().spawnSync("/bin/sh", ["-c", `${editorCommand(env)} "$1"`, "sh", file], { stdio: "inherit", env: env as NodeJS.ProcessEnv });
    if (r.error) return { error: `editor: ${r.error.message}` };
    if (r.status !== 0) return { error: `editor: ${editorCommand(env)} exited with status ${r.status ?? r.signal}` };
    return { text: readFileSync(file, "utf8").replace(/\r?\n$/, "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
