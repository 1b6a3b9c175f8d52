// The terminal's clipboard: OSC 52 asks the terminal (and tmux with set-clipboard on, and most SSH
// sessions, where no local clipboard tool can reach) to put text on the system clipboard.

/** The OSC 52 sequence that sets the clipboard to `text` (UTF-8, base64, BEL-terminated). */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, "utf8").toString("base64")}\x07`;
}
