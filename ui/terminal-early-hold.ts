// Imported first by the interactive command (bin/cmd-chat.ts): a terminal left broken by a chat
// that was killed (see terminal-marker) is repaired, then the tty goes raw before the rest of its
// imports evaluate, so keys typed meanwhile are held, not cooked (see terminal-early-input).
import { isatty } from "node:tty";
import { librecodeHome } from "../engine/config/librecode-home.js";
import { holdEarlyInput } from "./terminal-early-input.js";
import { repairStaleTerminal } from "./terminal-marker.js";

if (isatty(0) && isatty(1)) {
  for (const pid of repairStaleTerminal(librecodeHome())) {
    process.stderr.write(`librecode: the chat with pid ${pid} was killed without restoring this terminal; restored it\n`);
  }
}
holdEarlyInput();

export {};
