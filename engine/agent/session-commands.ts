// The chat's commands for sessions as a tree: /fork, /clone, /tree and /clear. Registered like every
// stock command (owner "host"); each works on the loop's current session through the store.
import type { OpenPicker } from "../chat/picker.js";
import { formatSessionTree, treeOf } from "../session/format-session-tree.js";
import type { MessageRecord } from "../session/session-records.js";
import type { ChatLoop } from "./chat-loop.js";
import { reportPicked, switchToPicked } from "./picked-command.js";
import { treeItems } from "./picker-items.js";

/** The user prompts of a session, numbered from 1 as /fork counts them. */
export function forkPoints(messages: readonly MessageRecord[]): MessageRecord[] {
  return messages.filter((m) => m.kind === "user" && m.text.trim() !== "");
}

/** A prompt as the user typed it (`!cmd` for a shell escape, whose stored text is the note the model read). */
export function typedText(m: MessageRecord): string {
  const typed = (m.payload as { typed?: unknown } | undefined)?.typed;
  return typeof typed === "string" ? typed : m.text;
}

/** Registers /fork [N], /clone, /tree and /clear on the loop's runtime; with `pick` (a screen),
 *  /tree is a picker that moves to the chosen branch, also opened by the action `transcript.tree`. */
export function registerSessionCommands(loop: ChatLoop, pick?: OpenPicker): void {
  const reg = (name: string, desc: string, run: (args: string) => unknown) => loop.rt.commands.register(name, { desc, owner: "host", run });
  // The dispatcher prefixes "/name: " to a command's error.
  const idle = () => {
    if (loop.working) throw new Error("expected an idle chat, got a running request (escape interrupts it)");
  };

  reg("fork", "branch from prompt N into a new session (no N: list the prompts)", (args) => {
    const prompts = forkPoints(loop.store.loadMessages(loop.session.id));
    if (args === "") {
      if (prompts.length === 0) return "Nothing to fork yet: this session has no prompts.";
      return ["Prompts (/fork N branches before prompt N and puts it in the composer to edit):",
        ...prompts.map((m, i) => `${String(i + 1).padStart(3)}  ${typedText(m).split("\n")[0]!.slice(0, 100)}`)].join("\n");
    }
    idle();
    const n = Number(args);
    if (!Number.isInteger(n) || n < 1 || n > prompts.length) {
      throw new Error(`expected a prompt number from 1 to ${prompts.length}, got ${JSON.stringify(args)}`);
    }
    const at = prompts[n - 1]!;
    const child = loop.store.fork(loop.session.id, { throughSeq: at.seq - 1 });
    loop.openSession(child, true);
    loop.rt.buffers.setText("composer", typedText(at));
    return `Forked into session ${child.id} before prompt ${n}; edit it and press enter.`;
  });

  reg("clone", "copy this whole session into a new one and switch to it", () => {
    idle();
    const child = loop.store.fork(loop.session.id);
    loop.openSession(child, true);
    return `Cloned into session ${child.id}.`;
  });

  const openTree = (): string => {
    const tree = treeOf(loop.store.list({ cwd: loop.session.cwd }), loop.session.id);
    if (!pick || tree.length === 0) return formatSessionTree(tree, loop.session.id).join("\n");
    pick({ title: "session tree", ...treeItems(tree, loop.session.id), onPick: (item) => switchToPicked(loop, item.value, "/tree") });
    return "";
  };
  reg("tree", "move between the branches of this session's fork tree", openTree);
  // The original's `action.run("transcript.tree")` opens its tree panel: here the same picker as /tree.
  if (pick) loop.rt.actions.register("transcript.tree", () => reportPicked(loop, "/tree", openTree));

  reg("clear", "start over in a new session (the old one stays in /resume)", () => {
    idle();
    loop.openSession(loop.store.create({ cwd: loop.session.cwd, provider: loop.model.providerId, model: loop.model.model }), false);
    return "";
  });
}
