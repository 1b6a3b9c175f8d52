import { describe, expect, it } from "vitest";
import type { PickerItem, PickerSpec } from "../../engine/chat/picker.js";
import type { Runtime } from "../../engine/kernel/runtime.js";
import type { StockChat } from "../../engine/chat/stock-chat.js";
import { screenLines } from "../snapshots/screen-fixture.js";

const MODELS = ["openai/gpt-5", "anthropic/claude-sonnet-4-5", "anthropic/claude-haiku-4-5", "groq/llama-3.3-70b"];

/** A screen with a model picker opened at startup, after `keys`, and what the picker reported. */
function withPicker(keys: string, extra: Partial<PickerSpec<string>> = {}, items = MODELS, height = 14) {
  const log: string[] = [];
  let runtime: Runtime | undefined;
  const lines = screenLines({
    width: 50, height, keys,
    setup: (rt: Runtime, chat: StockChat) => {
      runtime = rt;
      chat.pick<string>({
        title: "model", selected: 1,
        items: items.map((m, i): PickerItem<string> => ({ label: m, detail: `${(i + 1) * 100}k`, value: m })),
        onPick: (item) => log.push(`pick ${item.value}`),
        onCancel: () => log.push("cancel"),
        ...extra,
      });
    },
  });
  return { lines, log, rt: runtime! };
}

const COMPOSER_ROWS = [
  "╭─ message ──────────────────────────────────────╮",
  "│ Type a message (/ for commands)                │",
  "╰────────────────────────────────────────────────╯",
  "script (offline demo)                 /srv/project",
];

describe("picker", () => {
  it("opens over the chat: title in the border, the query row with the count, the preselected item marked", () => {
    expect(withPicker("").lines).toEqual([
      " ".repeat(50),
      " ".repeat(50),
      " ".repeat(50),
      " ".repeat(50),
      "   ╭─ model ───────────────────────────────────╮  ",
      "   │ > type to filter                      4/4 │  ",
      "   │   openai/gpt-5                 100k       │  ",
      "   │ › anthropic/claude-sonnet-4-5  200k       │  ",
      "   │   anthropic/claude-haiku-4-5   300k       │  ",
      "   │   groq/llama-3.3-70b           400k       │  ",
      "╭─ ╰───────────────────────────────────────────╯─╮",
      ...COMPOSER_ROWS.slice(1),
    ]);
  });

  it("takes the keys: typing filters fuzzily, best match first and selected", () => {
    const { lines, rt } = withPicker("hku");
    expect(lines.slice(4, 10)).toEqual([
      "   ╭─ model ───────────────────────────────────╮  ",
      "   │ > hku                                 1/4 │  ",
      "   │ › anthropic/claude-haiku-4-5  300k        │  ",
      "   │                                           │  ",
      "   │                                           │  ",
      "   │                                           │  ",
    ]);
    expect(rt.focus).toBe("picker");
    expect(rt.buffers.getText("composer")).toBe("");
    expect(rt.focusInfo()).toMatchObject({ kind: "panel", panel_kind: "picker", window: "picker" });
  });

  it("matches the detail too, and says when nothing matches; backspace widens the query again", () => {
    expect(withPicker("400").lines[6]).toBe("   │ › groq/llama-3.3-70b  400k                │  ");
    expect(withPicker("xyz").lines.slice(5, 7)).toEqual([
      "   │ > xyz                                 0/4 │  ",
      "   │   no match                                │  ",
    ]);
    expect(withPicker("xyz<bs><bs><bs>").lines[5]).toBe("   │ > type to filter                      4/4 │  ");
  });

  it("a paste goes into the query as one line, not into the composer", () => {
    let rt: Runtime | undefined;
    const lines = screenLines({
      width: 50, height: 14,
      setup: (r, chat) => {
        rt = r;
        chat.pick({ title: "model", items: MODELS.map((m) => ({ label: m, value: m })), onPick: () => {} });
        chat.paste("claude\nson");
      },
    });
    expect(lines[5]).toBe("   │ > claude son                          1/4 │  ");
    expect(rt!.buffers.getText("composer")).toBe("");
  });

  it("enter picks the selected item after up/down (which wrap), closes and gives the keys back", () => {
    const { lines, log, rt } = withPicker("<down><down><down><cr>");
    expect(log).toEqual(["pick openai/gpt-5"]);
    expect(rt.focus).toBe("composer");
    expect(rt.windows.get("picker")!.box.visible).toBe(false);
    expect(lines.slice(-4)).toEqual(COMPOSER_ROWS);
    expect(lines[4]).toBe(" ".repeat(50));
  });

  it("escape cancels; typed text never reaches the composer, and what the composer held stays", () => {
    const log: string[] = [];
    const lines = screenLines({
      width: 50, height: 8, keys: "draft <c-p>mod<esc> kept",
      setup: (rt) => rt.commands.register("model", { desc: "pick a model", owner: "host", run: () => log.push("ran") }),
    });
    expect(log).toEqual([]);
    expect(lines.slice(-3, -1)).toEqual([
      "│ draft  kept                                    │",
      "╰────────────────────────────────────────────────╯",
    ]);
  });

  it("pgdn and pgup move a page of the rows shown, scrolling the list", () => {
    const many = Array.from({ length: 30 }, (_, i) => `model-${String(i + 1).padStart(2, "0")}`);
    const { lines } = withPicker("<pagedown>", { selected: 0 }, many, 16);
    expect(lines).toEqual([
      " ".repeat(50),
      " ".repeat(50),
      "   ╭─ model ───────────────────────────────────╮  ",
      "   │ > type to filter                    30/30 │  ",
      "   │   model-02  200k                          │  ",
      "   │   model-03  300k                          │  ",
      "   │   model-04  400k                          │  ",
      "   │   model-05  500k                          │  ",
      "   │   model-06  600k                          │  ",
      "   │   model-07  700k                          │  ",
      "   │   model-08  800k                          │  ",
      "   │   model-09  900k                          │  ",
      "╭─ │   model-10  1000k                         │─╮",
      "│ T│ › model-11  1100k                         │ │",
      "╰──╰───────────────────────────────────────────╯─╯",
      "script (offline demo)                 /srv/project",
    ]);
    expect(withPicker("<pagedown><pagedown><pageup><cr>", { selected: 0 }, many, 16).log).toEqual(["pick model-11"]);
  });
});

describe("command palette (ctrl+p)", () => {
  const commands = (rt: Runtime, log: string[]) => {
    rt.commands.register("model", { desc: "pick a model", owner: "host", run: () => { log.push("model ran"); } });
    rt.commands.register("name", { desc: "name the session: /name NAME", owner: "host", run: () => { log.push("name ran"); }, needsArgs: true });
    rt.commands.register("help", { desc: "list commands and keys", owner: "host", run: () => { log.push("help ran"); } });
  };

  it("lists every command with its description, in name order", () => {
    const lines = screenLines({ width: 50, height: 12, keys: "<c-p>", setup: (rt) => commands(rt, []) });
    expect(lines.slice(3, 8)).toEqual([
      "   ╭─ commands ────────────────────────────────╮  ",
      "   │ > type to filter                      3/3 │  ",
      "   │ › /help   list commands and keys          │  ",
      "   │   /model  pick a model                    │  ",
      "   │   /name   name the session: /name NAME    │  ",
    ]);
  });

  it("enter runs the chosen command", () => {
    const log: string[] = [];
    screenLines({ width: 50, height: 12, keys: "<c-p>mod<cr>", setup: (rt) => commands(rt, log) });
    expect(log).toEqual(["model ran"]);
  });

  it("a command that needs arguments, or tab on any, goes to the composer as `/name `", () => {
    const log: string[] = [];
    let rt: Runtime | undefined;
    screenLines({ width: 50, height: 12, keys: "<c-p>nam<cr>", setup: (r) => { rt = r; commands(r, log); } });
    expect(log).toEqual([]);
    expect(rt!.buffers.getText("composer")).toBe("/name ");
    screenLines({ width: 50, height: 12, keys: "<c-p>hel<tab>", setup: (r) => { rt = r; commands(r, log); } });
    expect(log).toEqual([]);
    expect(rt!.buffers.getText("composer")).toBe("/help ");
  });
});
