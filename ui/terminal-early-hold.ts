// Imported first by the interactive command (bin/cmd-chat.ts): the tty goes raw before the rest
// of its imports evaluate, so keys typed meanwhile are held, not cooked (see terminal-early-input).
import { holdEarlyInput } from "./terminal-early-input.js";

holdEarlyInput();

export {};
