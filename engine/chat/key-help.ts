// The stock chat's keys as /help lists them: one place to read, checked against docs/keys.md by
// test/chat/key-help.test.ts, so the in-app list and the docs cannot drift apart silently.

/** One line of the key list: the key(s) and what they do. */
export type KeyHelp = { keys: string; does: string };

/** The stock chat's keys (stock-chat.ts onKey and composer-keys.ts), in the order /help shows them. */
export const STOCK_KEY_HELP: readonly KeyHelp[] = [
  { keys: "enter", does: "send (while working: steer the running request)" },
  { keys: "alt+enter", does: "queue a follow-up for after the run" },
  { keys: "alt+up", does: "take the newest queued follow-up back" },
  { keys: "ctrl+j, shift+enter", does: "insert a newline" },
  { keys: "up / down", does: "prompt history (on the first / last line)" },
  { keys: "escape", does: "interrupt the running request" },
  { keys: "ctrl+c", does: "clear the prompt; when empty: interrupt while working, quit when idle (press twice)" },
  { keys: "ctrl+d", does: "quit when the prompt is empty (press twice)" },
  { keys: "ctrl+g", does: "edit the prompt in $VISUAL / $EDITOR" },
  { keys: "ctrl+p", does: "command palette: pick a command, filtered as you type" },
  { keys: "@", does: "complete a project file path (as git sees the tree)" },
  { keys: "ctrl+z", does: "suspend to the shell (fg resumes)" },
  { keys: "ctrl+l", does: "clear and repaint the screen" },
  { keys: "pageup / pagedown", does: "scroll the transcript" },
  { keys: "ctrl+t", does: "show / hide thinking" },
  { keys: "ctrl+o", does: "expand / collapse tool output" },
  { keys: "!cmd, !!cmd", does: "run a shell command (!! keeps it out of the model's context)" },
];

/** Two columns: each name padded to the longest, then two spaces and its description. */
export function formatColumns(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const width = rows.reduce((w, [name]) => Math.max(w, name.length), 0);
  return rows.map(([name, desc]) => `${indent}${name.padEnd(width)}  ${desc}`.trimEnd());
}
