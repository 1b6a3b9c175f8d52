import { describe, expect, it } from "vitest";
import { GenericRenderer } from "../../ui/renderers/generic-renderer.js";
import { ThinkingRenderer, ToolsRenderer } from "../../ui/renderers/panel-renderers.js";
import { compactCount, contextUse, statusText } from "../../engine/chat/status-line.js";
import { statusLine, StatusRenderer } from "../../ui/renderers/status-renderer.js";
import { tooSmall, tooSmallLines } from "../../ui/renderers/too-small.js";
import { block, input, screen, texts } from "./render-fixtures.js";

describe("status line", () => {
  const meta = { provider: "anthropic", model: "claude-sonnet-4-5", thinking_level: "high", context_tokens: 24_000, context_window: 200_000, cwd: "/home/u/proj", session: "s1" };

  it("shows model, thinking level and context use left, cwd and session right", () => {
    expect(screen([statusLine(meta, 90, "/home/u")], 90)).toEqual([
      "anthropic/claude-sonnet-4-5 · thinking high · ctx 12% of 200k          ~/proj · session s1",
    ]);
  });

  it("shows the session cost after the context use once a price is known", () => {
    expect(texts([statusLine({ ...meta, thinking_level: "off", cost_usd: 0.0421 }, 80, "/home/u")])).toEqual([
      "anthropic/claude-sonnet-4-5 · ctx 12% of 200k · $0.042       ~/proj · session s1",
    ]);
    expect(statusText({ model_label: "m", cost_usd: 0.00004 })).toBe("m · <$0.0001");
  });

  it("labels the script provider as the offline demo", () => {
    expect(texts([statusLine({ provider: "script", model: "demo" }, 40)])).toEqual(["script (offline demo)"]);
  });

  it("leads with a spinner frame while working", () => {
    expect(texts([statusLine({ working: true, spinner: 3, model_label: "m" }, 20)])).toEqual(["⠸ m"]);
    expect(statusLine({ working: true, spinner: 3, model_label: "m" }, 20)[0]!.style).toEqual({ fg: "accent" });
  });

  describe("at narrow widths, gives way least important first and keeps the session id", () => {
    const full = { ...meta, cost_usd: 0.0421, cwd: "/home/u/work/librecode", session: "3f2a9c01b7de" };
    it("100 columns: the directory's last component, no thinking level", () => {
      expect(screen([statusLine(full, 100, "/home/u")], 100)).toEqual([
        "anthropic/claude-sonnet-4-5 · ctx 12% of 200k · $0.042            …/librecode · session 3f2a9c01b7de",
      ]);
    });
    it("80 columns: the context share alone, no cost", () => {
      expect(screen([statusLine(full, 80, "/home/u")], 80)).toEqual([
        "anthropic/claude-sonnet-4-5 · ctx 12%         …/librecode · session 3f2a9c01b7de",
      ]);
    });
    it("60 columns: no directory", () => {
      expect(screen([statusLine(full, 60, "/home/u")], 60)).toEqual([
        "anthropic/claude-sonnet-4-5 · ctx 12%   session 3f2a9c01b7de",
      ]);
    });
    it("40 columns: the bare id, the model cut", () => {
      expect(screen([statusLine(full, 40, "/home/u")], 40)).toEqual(["anthropic/claude-sonnet-4…  3f2a9c01b7de"]);
    });
    it("20 columns: a prefix of the id", () => {
      expect(screen([statusLine(full, 20, "/home/u")], 20)).toEqual(["anthrop…  3f2a9c01b…"]);
    });
    it("a cut keeps each part's style", () => {
      expect(statusLine({ working: true, spinner: 1, model_label: "anthropic/claude-sonnet-4-5", session: "3f2a9c01b7de" }, 30)).toEqual([
        { text: "⠙", style: { fg: "accent" } }, { text: " " }, { text: "anthropic/cla…", style: { fg: "text" } },
        { text: "  " }, { text: "3f2a9c01b7de", style: { fg: "muted" } },
      ]);
    });
  });

  it("formats context sizes compactly", () => {
    expect([compactCount(200_000), compactCount(1_000_000), compactCount(1500), contextUse({ context_percent: 50 })]).toEqual(["200k", "1M", "1.5k", "ctx 50%"]);
  });

  it("writes the same line into the status buffer's text as the screen shows, its parts joined by dots instead of padding", () => {
    expect(statusText(meta, "/home/u")).toBe("anthropic/claude-sonnet-4-5 · thinking high · ctx 12% of 200k · ~/proj · session s1");
    expect(statusText({ working: true, spinner: 2 })).toBe("⠹ working");
    expect(texts([statusLine({ working: true, spinner: 2 }, 20)])).toEqual(["⠹ working"]);
  });

  it("says compacting, in the warning colour, while a compaction summarises older turns", () => {
    expect(statusText({ working: true, spinner: 0, model_label: "m", compacting: true, context_percent: 91 })).toBe("⠋ m · compacting · ctx 91%");
    expect(statusLine({ model_label: "m", compacting: true }, 20).find((s) => s.text === "compacting")!.style).toEqual({ fg: "warning" });
  });

  it("shortens only a whole home directory to ~", () => {
    expect(statusText({ cwd: "/home/u/proj" }, "/home/u")).toBe("~/proj");
    expect(statusText({ cwd: "/home/user2/proj" }, "/home/u")).toBe("/home/user2/proj");
  });

  it("shows the context figure from the window and tokens alone, and warns at 90%", () => {
    expect(statusText({ model_label: "m", context_tokens: 180_000, context_window: 200_000 })).toBe("m · ctx 90% of 200k");
    expect(statusLine({ model_label: "m", context_tokens: 180_000, context_window: 200_000 }, 40).at(-1)!.style).toEqual({ fg: "warning" });
  });

  it("shows the buffer text when the metadata has none of the status keys", () => {
    const out = new StatusRenderer().render(input({ role: "status", text: "custom status\nsecond", width: 20, height: 1 }));
    expect(texts(out.lines)).toEqual(["custom status"]);
  });
});

describe("generic renderer", () => {
  it("wraps the buffer text to the content box, top-aligned and cut at its height", () => {
    const r = new GenericRenderer();
    const out = r.render(input({ text: "alpha beta gamma delta", width: 11, height: 1 }));
    expect(texts(out.lines)).toEqual(["alpha beta"]);
    expect(r.measure(input({ text: "alpha beta gamma delta" }), 11)).toBe(2);
  });
});

describe("panes", () => {
  it("thinking shows the tail of its text dim italic and measures its wrapped height", () => {
    const r = new ThinkingRenderer();
    const i = input({ role: "thinking", text: "one two three four", width: 8, height: 2 });
    expect(texts(r.render(i).lines)).toEqual(["three", "four"]);
    expect(r.render(i).lines[0]![0]!.style).toEqual({ fg: "thinkingText", italic: true });
    expect(r.measure(i, 8)).toBe(3);
  });

  it("tools lists one line per tool block with its state", () => {
    const blocks = [
      block("1", { kind: "tool", metadata: { name: "read", arguments: { path: "a.ts" }, status: "success" } }),
      block("2", { kind: "tool", metadata: { name: "bash", arguments: { command: "false" }, status: "error" } }),
      block("3", { kind: "tool", streaming: true, metadata: { name: "grep", arguments: { pattern: "x" } } }),
    ];
    const r = new ToolsRenderer();
    expect(texts(r.render(input({ role: "tools", blocks, width: 20, height: 3 })).lines)).toEqual(["✓ read a.ts", "✗ bash false", "… grep x"]);
    expect(r.measure(input({ role: "tools", blocks }), 20)).toBe(3);
  });
});

describe("too-small screen", () => {
  it("applies below 20x8", () => {
    expect([tooSmall(19, 8), tooSmall(20, 7), tooSmall(20, 8)]).toEqual([true, true, false]);
  });
  it("centres its message", () => {
    expect(screen(tooSmallLines(19, 5), 19)).toEqual([
      "                   ",
      "Terminal too small ",
      "  19x5, need 20x8  ",
      "                   ",
      "                   ",
    ].slice(0, 3));
  });
});
