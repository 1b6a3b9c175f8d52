import { describe, expect, it } from "vitest";
import { installStockChat, QUIT_WINDOW_MS, type StockChat } from "../../engine/chat/stock-chat.js";
import type { ChatController } from "../../engine/chat/chat-controller.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { completionPopup } from "../../ui/renderers/composer-renderer.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";

function setup(controller?: ChatController): { rt: Runtime; chat: StockChat; clock: FakeClock } {
  const clock = new FakeClock();
  const rt = new Runtime({ clock, width: 40, height: 12 });
  const chat = installStockChat(rt, controller ? { controller } : {});
  return { rt, chat, clock };
}

function type(rt: Runtime, keys: string): void {
  for (const k of parseKeys(keys)) rt.dispatchKey(k);
}

function composer(rt: Runtime): { text: string; cursor: number } {
  return { text: rt.buffers.getText("composer"), cursor: rt.buffers.getCursor("composer") };
}

/** A controller that records calls and can pretend to be working. */
function recorder(): ChatController & { calls: string[]; busy: boolean; queue: string[] } {
  const c = {
    calls: [] as string[],
    busy: false,
    queue: [] as string[],
    submit(t: string) { c.calls.push(`submit ${t}`); },
    steer(t: string) { c.calls.push(`steer ${t}`); },
    queueFollowUp(t: string) { c.calls.push(`queue ${t}`); c.queue.push(t); },
    dequeueFollowUp() { return c.queue.pop(); },
    interrupt() { c.calls.push("interrupt"); c.busy = false; },
    get working() { return c.busy; },
  };
  return c;
}

describe("stock chat: setup", () => {
  it("focuses the composer, labels it, and creates the optional pane windows", () => {
    const { rt } = setup();
    expect(rt.focus).toBe("composer");
    expect(rt.buffers.get("composer")!.label).toBe("message");
    expect(rt.windows.get("thinking")!.box.visible).toBe(false);
    expect(rt.windows.get("tools")!.box.visible).toBe(false);
    expect(rt.windows.get("transcript")!.vars).toEqual({ scroll_marker: true, show_thinking: false, expand_tools: false });
  });
  it("registers every host action of lua-api.md", () => {
    const { rt } = setup();
    expect(rt.actions.names()).toEqual([
      "autocomplete.accept", "followup.dequeue", "followup.queue", "history.next", "history.prev", "interrupt",
      "prompt.cancel", "submit",
    ]);
  });
});

describe("stock chat: composer editing", () => {
  it("types printable keys at the cursor", () => {
    const { rt } = setup();
    type(rt, "helo<left>l");
    expect(composer(rt)).toEqual({ text: "hello", cursor: 4 });
  });
  it("backspace and delete remove one code point", () => {
    const { rt } = setup();
    type(rt, "a😀bc<left><bs><del>");
    expect(composer(rt)).toEqual({ text: "a😀", cursor: 2 });
  });
  it("home/end and ctrl+a/ctrl+e go to the line ends", () => {
    const { rt } = setup();
    type(rt, "abc<home>x<end>y<c-a>1<c-e>2");
    expect(composer(rt)).toEqual({ text: "1xabcy2", cursor: 7 });
  });
  it("word motions with alt and ctrl", () => {
    const { rt } = setup();
    type(rt, "foo bar baz<m-left><m-left>X<c-right>Y<c-left>Z");
    expect(composer(rt)).toEqual({ text: "foo ZXbarY baz", cursor: 5 });
  });
  it("ctrl+u and ctrl+k kill to the line start and end", () => {
    const { rt } = setup();
    type(rt, "hello world<c-left><c-k>");
    expect(composer(rt)).toEqual({ text: "hello ", cursor: 6 });
    type(rt, "<c-u>");
    expect(composer(rt)).toEqual({ text: "", cursor: 0 });
  });
  it("ctrl+w and alt+backspace delete the word before the cursor", () => {
    const { rt } = setup();
    type(rt, "git commit -m<c-w>");
    expect(composer(rt).text).toBe("git commit -");
    type(rt, "<m-bs>");
    expect(composer(rt)).toEqual({ text: "git ", cursor: 4 });
  });
  it("ctrl+j and shift+enter insert a newline", () => {
    const { rt } = setup();
    type(rt, "a<c-j>b<s-cr>c");
    expect(composer(rt)).toEqual({ text: "a\nb\nc", cursor: 5 });
  });
  it("up and down move between lines before reaching history", () => {
    const { rt } = setup();
    type(rt, "first<cr>ab<c-j>cdef<up>");
    expect(composer(rt)).toEqual({ text: "ab\ncdef", cursor: 2 });
    type(rt, "<down>");
    expect(composer(rt).cursor).toBe(5);
    type(rt, "<up><up>");
    expect(composer(rt)).toEqual({ text: "first", cursor: 5 });
    type(rt, "<down>");
    expect(composer(rt)).toEqual({ text: "ab\ncdef", cursor: 7 });
  });
  it("a paste is inserted as one edit with line endings normalized", () => {
    const { rt, chat } = setup();
    type(rt, "[]<left>");
    const rev = rt.buffers.get("composer")!.rev;
    chat.paste("one\r\ntwo");
    expect(composer(rt)).toEqual({ text: "[one\ntwo]", cursor: 8 });
    expect(rt.buffers.get("composer")!.rev).toBe(rev + 1);
  });
  it("a paste handler that consumes the event keeps the composer as it was", () => {
    const { rt, chat } = setup();
    rt.events.on("paste", () => true);
    chat.paste("ignored");
    expect(composer(rt).text).toBe("");
  });
  it("keymaps and key handlers run before the stock behaviour and can consume a key", () => {
    const { rt } = setup();
    rt.keymaps.set("global", "x", () => true);
    type(rt, "axb");
    expect(composer(rt).text).toBe("ab");
  });
});

describe("stock chat: submitting", () => {
  it("enter submits to the controller, clears the composer and records history", () => {
    const c = recorder();
    const { rt, chat } = setup(c);
    type(rt, "hi<cr>");
    expect(c.calls).toEqual(["submit hi"]);
    expect(composer(rt)).toEqual({ text: "", cursor: 0 });
    expect(chat.history.list()).toEqual(["hi"]);
  });
  it("the default controller appends the user message to the transcript", () => {
    const { rt } = setup();
    type(rt, "hi<cr>");
    expect(rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.role, b.text])).toEqual([["message", "user", "hi"]]);
  });
  it("an empty or blank composer submits nothing", () => {
    const c = recorder();
    const { rt } = setup(c);
    type(rt, "<cr>  <cr>");
    expect(c.calls).toEqual([]);
  });
  it("enter while working steers, alt+enter queues a follow-up, alt+up takes it back", () => {
    const c = recorder();
    const { rt } = setup(c);
    c.busy = true;
    type(rt, "left<cr>later<m-cr>");
    expect(c.calls).toEqual(["steer left", "queue later"]);
    type(rt, "<m-up>");
    expect(composer(rt)).toEqual({ text: "later", cursor: 5 });
  });
  it("escape interrupts a running request", () => {
    const c = recorder();
    const { rt } = setup(c);
    c.busy = true;
    type(rt, "<esc>");
    expect(c.calls).toEqual(["interrupt"]);
  });
  it("the default controller runs /commands and reports unknown ones in the transcript", () => {
    const { rt } = setup();
    const got: string[] = [];
    rt.commands.register("hello", { desc: "greet", owner: "test", run: (args) => { got.push(args); } });
    type(rt, "/hello world<cr>/nope<cr>");
    expect(got).toEqual(["world"]);
    expect(rt.buffers.getBlocks("transcript").map((b) => b.text)).toEqual(["unknown command: /nope (try /help)"]);
  });
  it("the default controller shows a command's output as the chat does: a system line (render and snapshots match the chat)", async () => {
    const { rt } = setup();
    rt.commands.register("note", { desc: "note", owner: "test", run: (args) => `noted ${args}` });
    rt.commands.register("later", { desc: "async", owner: "test", run: async () => "done later" });
    type(rt, "/note milk<cr>/later<cr>");
    await new Promise((r) => setImmediate(r));
    expect(rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.role, b.text])).toEqual([
      ["system", "system", "noted milk"],
      ["system", "system", "done later"],
    ]);
  });
  it("keeps a mistyped command in the composer to be fixed", () => {
    const c = recorder();
    const { rt } = setup(c);
    type(rt, "/hlep<cr>");
    expect(c.calls).toEqual([]);
    expect(composer(rt).text).toBe("/hlep");
    expect(rt.buffers.getBlocks("transcript").map((b) => b.text)).toEqual(["unknown command: /hlep (try /help)"]);
  });
  it("a prompt starting with a path is a prompt, not a command", () => {
    const c = recorder();
    const { rt } = setup(c);
    type(rt, "/home/me/notes.md what is this?<cr>");
    expect(c.calls).toEqual(["submit /home/me/notes.md what is this?"]);
    expect(composer(rt).text).toBe("");
  });
  it("history persists through setHistory and browses newest first", () => {
    const { rt, chat } = setup();
    chat.setHistory(["old", "new"]);
    type(rt, "draft<up>");
    expect(composer(rt).text).toBe("new");
    type(rt, "<up>");
    expect(composer(rt).text).toBe("old");
    type(rt, "<down><down>");
    expect(composer(rt).text).toBe("draft");
  });
});

describe("stock chat: ctrl+c, ctrl+d, ctrl+g", () => {
  function withApp(rt: Runtime): string[] {
    const ran: string[] = [];
    rt.actions.register("app.quit", () => ran.push("quit"));
    rt.actions.register("app.editor", () => ran.push("editor"));
    return ran;
  }
  it("ctrl+c clears a non-empty composer, then quits when pressed twice", () => {
    const { rt } = setup();
    const ran = withApp(rt);
    type(rt, "abc<c-c>");
    expect(composer(rt).text).toBe("");
    expect(ran).toEqual([]);
    type(rt, "<c-c><c-c>");
    expect(ran).toEqual(["quit"]);
  });
  it("a first ctrl+c on an empty composer names the second in the composer's title; waiting or another key forgets it", () => {
    const { rt, clock } = setup();
    const ran = withApp(rt);
    type(rt, "<c-c>");
    expect([ran, rt.buffers.get("composer")!.label]).toEqual([[], "message · ctrl+c again to quit"]);
    clock.advance(QUIT_WINDOW_MS);
    expect(rt.buffers.get("composer")!.label).toBe("message");
    type(rt, "<c-c>");
    type(rt, "<c-d>");
    expect([ran, rt.buffers.get("composer")!.label]).toEqual([[], "message · ctrl+d again to quit"]);
    type(rt, "x");
    expect([ran, rt.buffers.get("composer")!.label, composer(rt).text]).toEqual([[], "message", "x"]);
  });
  it("ctrl+c on an empty composer while a request runs interrupts it instead of quitting", () => {
    const c = recorder();
    const { rt } = setup(c);
    const ran = withApp(rt);
    c.busy = true;
    type(rt, "<c-c>");
    expect([c.calls, ran]).toEqual([["interrupt"], []]);
    c.busy = false;
    type(rt, "<c-c><c-c>");
    expect(ran).toEqual(["quit"]);
  });
  it("ctrl+d quits only on an empty composer, else deletes forward", () => {
    const { rt } = setup();
    const ran = withApp(rt);
    type(rt, "ab<home><c-d>");
    expect(composer(rt)).toEqual({ text: "b", cursor: 0 });
    type(rt, "<c-d><c-d><c-d>");
    expect(ran).toEqual(["quit"]);
  });
  it("ctrl+g asks the app for the editor hand-off", () => {
    const { rt } = setup();
    const ran = withApp(rt);
    type(rt, "<c-g>");
    expect(ran).toEqual(["editor"]);
  });
});

describe("stock chat: transcript window", () => {
  it("pageup and pagedown scroll by a page from the bottom, never below 0", () => {
    const { rt } = setup();
    const page = rt.windows.get("transcript")!.box.content.height - 1;
    type(rt, "<pageup><pageup>");
    expect(rt.windows.get("transcript")!.scroll).toBe(2 * page);
    type(rt, "<pagedown><pagedown><pagedown>");
    expect(rt.windows.get("transcript")!.scroll).toBe(0);
  });
  it("ctrl+t toggles show_thinking and ctrl+o toggles expand_tools", () => {
    const { rt } = setup();
    type(rt, "<c-t><c-o>");
    expect(rt.windows.get("transcript")!.vars).toEqual({ scroll_marker: true, show_thinking: true, expand_tools: true });
    type(rt, "<c-t>");
    expect(rt.windows.get("transcript")!.vars.show_thinking).toBe(false);
  });
  it("shows thinking in one place: ctrl+t shows it inline, and the thinking pane stays closed", () => {
    const { rt } = setup();
    rt.guard("test", "x", () => rt.buffers.setText("thinking", "hmm"));
    type(rt, "<c-t>");
    expect([rt.windows.get("transcript")!.vars.show_thinking, rt.windows.get("thinking")!.box.visible]).toEqual([true, false]);
  });
  it("the tools pane appears while the tools buffer has content", () => {
    const { rt } = setup();
    rt.guard("test", "x", () => rt.buffers.setText("tools", "$ ls"));
    rt.updateLayout(); // what the next frame does first
    expect(rt.windows.get("tools")!.box.visible).toBe(true);
    rt.guard("test", "x", () => rt.buffers.setText("tools", ""));
    rt.updateLayout();
    expect(rt.windows.get("tools")!.box.visible).toBe(false);
  });
});

describe("stock chat: slash completion", () => {
  function withCommands(): Runtime {
    const { rt } = setup();
    for (const [name, desc] of [["help", "show help"], ["hello", "greet"], ["model", "pick a model"]]) {
      rt.commands.register(name!, { desc: desc!, owner: "host", run: () => {} });
    }
    return rt;
  }
  it("offers the commands matching what follows /", () => {
    const rt = withCommands();
    type(rt, "/he");
    expect(rt.buffers.get("composer")!.metadata.completion).toEqual({
      items: [{ name: "hello", desc: "greet" }, { name: "help", desc: "show help" }], selected: 0,
    });
  });
  it("up/down move the selection and tab accepts it", () => {
    const rt = withCommands();
    type(rt, "/he<down><tab>");
    expect(composer(rt)).toEqual({ text: "/help ", cursor: 6 });
    expect(rt.buffers.get("composer")!.metadata.completion).toBeUndefined();
  });
  it("escape dismisses the menu until the text changes", () => {
    const rt = withCommands();
    type(rt, "/h<esc>");
    expect(rt.buffers.get("composer")!.metadata.completion).toBeUndefined();
    type(rt, "e");
    expect((rt.buffers.get("composer")!.metadata.completion as { items: unknown[] }).items).toHaveLength(2);
  });
  it("no menu once arguments are being typed", () => {
    const rt = withCommands();
    type(rt, "/help x");
    expect(rt.buffers.get("composer")!.metadata.completion).toBeUndefined();
  });
});

describe("stock chat: enter while the command menu is shown", () => {
  // /log, /login and /logout start alike, as in the chat; /name needs an argument.
  function withLogCommands() {
    const c = recorder();
    const { rt } = setup(c);
    for (const name of ["help", "log", "login", "logout", "model"]) rt.commands.register(name, { desc: name, owner: "host", run: () => {} });
    rt.commands.register("name", { desc: "name", owner: "host", run: () => {}, needsArgs: true });
    return { rt, c };
  }
  const transcript = (rt: Runtime) => rt.buffers.getBlocks("transcript").map((b) => b.text);

  it("runs the command named exactly what was typed, though longer names match too", () => {
    const { rt, c } = withLogCommands();
    type(rt, "/log<cr>");
    expect([c.calls, composer(rt).text]).toEqual([["submit /log"], ""]);
  });
  it("highlights the exact name, even after typing past it and back", () => {
    const { rt } = withLogCommands();
    type(rt, "/logi<bs>");
    expect(rt.buffers.get("composer")!.metadata.completion).toMatchObject({ selected: 0, items: [{ name: "log" }, { name: "login" }, { name: "logout" }] });
  });
  it("runs the only command offered", () => {
    const { rt, c } = withLogCommands();
    type(rt, "/mo<cr>");
    expect(c.calls).toEqual(["submit /model"]);
  });
  it("runs the highlighted command once the user moved to it", () => {
    const { rt, c } = withLogCommands();
    type(rt, "/log<down><down><cr>");
    expect(c.calls).toEqual(["submit /logout"]);
  });
  it("picks none of several matches the user did not choose between, and says why in the menu", () => {
    const { rt, c } = withLogCommands();
    type(rt, "/lo<cr>");
    expect([c.calls, composer(rt).text, transcript(rt)]).toEqual([[], "/lo", []]);
    expect(completionPopup(rt.buffers.get("composer")!.metadata.completion, 70)!.lines.map((l) => l.map((s) => s.text).join("").trimEnd())).toEqual([
      " /log     log",
      " /login   login",
      " /logout  logout",
      " 3 commands start with /lo: pick one with up/down, or type more",
    ]);
  });
  it("drops the note once the user moves in the menu", () => {
    const { rt } = withLogCommands();
    type(rt, "/lo<cr><down>");
    expect(rt.buffers.get("composer")!.metadata.completion).toMatchObject({ selected: 1, moved: true });
    expect(rt.buffers.get("composer")!.metadata.completion).not.toHaveProperty("note");
  });
  it("puts a command that needs arguments in the composer as /name to complete", () => {
    const { rt, c } = withLogCommands();
    type(rt, "/na<cr>");
    expect([c.calls, composer(rt)]).toEqual([[], { text: "/name ", cursor: 6 }]);
  });
});

describe("stock chat: queued messages", () => {
  it("the composer's title counts queued follow-ups and steering messages, and drops them when empty", () => {
    const { rt, chat } = setup();
    chat.setStatus({ follow_ups: 2, steering: 1 });
    expect(rt.buffers.get("composer")!.label).toBe("message · 2 queued · 1 steering");
    chat.setStatus({ follow_ups: 1, steering: 0 });
    expect(rt.buffers.get("composer")!.label).toBe("message · 1 queued");
    chat.setStatus({ follow_ups: 0 });
    expect(rt.buffers.get("composer")!.label).toBe("message");
  });
  it("leaves a title an extension set alone", () => {
    const { rt, chat } = setup();
    rt.guard("ext", "label", () => rt.buffers.setLabel("composer", "INSERT"));
    chat.setStatus({ follow_ups: 2 });
    expect(rt.buffers.get("composer")!.label).toBe("INSERT");
  });
});

describe("stock chat: working spinner", () => {
  it("ticks on the runtime clock only while the controller works", () => {
    const c = recorder();
    const { rt, clock } = setup(c);
    c.busy = true;
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    type(rt, "<cr>");
    expect(rt.buffers.get("status")!.metadata).toMatchObject({ working: true, spinner: 0 });
    clock.advance(250);
    expect(rt.buffers.get("status")!.metadata.spinner).toBe(2);
    expect(rt.buffers.getText("status")).toBe("⠹ working");
    c.busy = false;
    clock.advance(100);
    expect(rt.buffers.get("status")!.metadata.working).toBe(false);
    expect(rt.scheduler.live()).toEqual([]);
  });
  it("while working, the empty composer says what enter, alt+enter and escape do; idle, the default again", () => {
    const c = recorder();
    const { rt, chat } = setup(c);
    c.busy = true;
    chat.syncWorking();
    expect(rt.buffers.get("composer")!.metadata.placeholder).toBe("enter steers the answer · alt+enter queues a follow-up · esc stops");
    c.busy = false;
    chat.syncWorking();
    expect(rt.buffers.get("composer")!.metadata.placeholder).toBeUndefined();
  });
  it("while the approval panel waits, the composer says the keys are the panel's; closed, the working hint again", () => {
    const c = recorder();
    const { rt, chat, clock } = setup(c);
    c.busy = true;
    chat.syncWorking();
    rt.guard("host", "approval", () => rt.setOverlay("approval", { window: "approval", left: 0, bottom: 1, width: "100%", height: "content", z: 50 }));
    clock.advance(100);
    expect(rt.buffers.get("composer")!.metadata.placeholder).toBe("the panel above has the keys: y allows once · a always · n or esc denies");
    rt.guard("host", "approval", () => rt.setOverlay("approval", undefined));
    clock.advance(100);
    expect(rt.buffers.get("composer")!.metadata.placeholder).toBe("enter steers the answer · alt+enter queues a follow-up · esc stops");
  });

  it("leaves a placeholder an extension set alone", () => {
    const c = recorder();
    const { rt, chat } = setup(c);
    rt.guard("ext", "setup", () => rt.buffers.setMetadata("composer", "placeholder", "Ask me"));
    c.busy = true;
    chat.syncWorking();
    c.busy = false;
    chat.syncWorking();
    expect(rt.buffers.get("composer")!.metadata.placeholder).toBe("Ask me");
  });
  it("stops at once when the controller reports the end through syncWorking", () => {
    const c = recorder();
    const { rt, chat } = setup(c);
    c.busy = true;
    type(rt, "x<cr>");
    c.busy = false;
    chat.syncWorking();
    expect(rt.buffers.get("status")!.metadata.working).toBe(false);
    expect(rt.buffers.getText("status")).toBe("");
    expect(rt.scheduler.live()).toEqual([]);
  });
});
