import { describe, expect, it } from "vitest";
import { formatConfigShow, loadConfig } from "../../engine/config/index.js";
import { configFixture } from "./config-fixture.js";

describe("formatConfigShow", () => {
  it("prints each effective value with the source (file:line, env:NAME or default)", () => {
    const f = configFixture();
    f.write("home/config.yaml", [
      "providers:",
      "  local:",
      "    api: openai-chat",
      "    base_url: http://127.0.0.1:8080/v1",
    ]);
    f.write("proj/.librecode/config.yaml", ["assistant:", "  provider: local", "theme: light"]);
    const loaded = loadConfig({ cwd: f.cwd, home: f.home, env: { LIBRECODE_ASSISTANT_MODEL: "m1" } });
    const lines = formatConfigShow(loaded).map((l) => l.replace(f.home, "$HOME"));
    expect(lines).toEqual([
      'assistant.provider = "local"                      # .librecode/config.yaml:2',
      'assistant.model = "m1"                            # env:LIBRECODE_ASSISTANT_MODEL',
      'assistant.thinking_level = "off"                  # default',
      "assistant.max_turns = 50                          # default",
      'providers.local.api = "openai-chat"               # $HOME/config.yaml:3',
      'providers.local.base_url = "http://127.0.0.1:8080/v1"  # $HOME/config.yaml:4',
      "providers.local.models = []                       # default",
      "extensions.enabled = true                         # default",
      'extensions.use = ["path:.librecode/extensions"]   # default',
      "extensions.watch = false                          # default",
      'theme = "light"                                   # .librecode/config.yaml:3',
      "ui.mouse = false                                  # default",
      "ui.fps = 60                                       # default",
      "ui.tool_lines = 12                                # default",
      "ui.bare = false                                   # default",
      "tools.bash_timeout_ms = 120000                    # default",
      "tools.output_cap = 262144                         # default",
      "tools.approve = []                                # default",
      "session.auto_compact = true                       # default",
    ]);
  });

  it("shows a layout table as one JSON value from its file", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["layout:", "  direction: row", "  children: [{window: chat}]"]);
    const lines = formatConfigShow(loadConfig({ cwd: f.cwd, home: f.home, env: {} }));
    expect(lines).toContain(
      'layout = {"direction":"row","children":[{"window":"chat"}]}  # .librecode/config.yaml:1',
    );
  });
});
