import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseExtensionSource, validateConfigFiles } from "../../engine/config/index.js";
import { configFixture } from "./config-fixture.js";

/** The error lines loadConfig throws for a project config made of `lines`. */
function errorsFor(lines: string[], env: Record<string, string> = {}): string[] {
  const f = configFixture();
  f.write("proj/.librecode/config.yaml", lines);
  try {
    loadConfig({ cwd: f.cwd, home: f.home, env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).lines();
  }
  throw new Error("expected a ConfigError");
}

describe("config validation errors", () => {
  it("names file, line and key for a wrong enum value", () => {
    expect(errorsFor([
      "assistant:",
      "  provider: local",
      "providers:",
      "  local:",
      "    api: openai",
      "    base_url: http://127.0.0.1:8080/v1",
    ])).toEqual(['config: .librecode/config.yaml:5: providers.local.api: expected openai-chat or anthropic-messages, got "openai"']);
  });

  it("requires each extensions.settings entry to be a table", () => {
    expect(errorsFor([
      "extensions:",
      "  settings:",
      "    notes: {dir: notes}",
      "    todo: 3",
    ])).toEqual(["config: .librecode/config.yaml:4: extensions.settings.todo: expected a table, got 3"]);
  });

  it("throws the first problem as the message", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["theme: blue"]);
    expect(() => loadConfig({ cwd: f.cwd, home: f.home, env: {} })).toThrow(
      'config: .librecode/config.yaml:1: theme: expected dark or light, got "blue"',
    );
  });

  it("rejects an unknown key and suggests a near name", () => {
    expect(errorsFor(["assistant:", "  modle: x"])).toEqual([
      "config: .librecode/config.yaml:2: assistant.modle: unknown key (did you mean model?)",
    ]);
  });

  it("rejects an unknown key with no near name plainly", () => {
    expect(errorsFor(["telemetry: true"])).toEqual(["config: .librecode/config.yaml:1: telemetry: unknown key"]);
  });

  it("reports every problem of a file, each with its line", () => {
    expect(errorsFor([
      "assistant:",
      "  thinking_level: max",
      "  max_turns: 0",
      "  model: 12",
      "ui:",
      "  mouse: yes",
      "  fps: 500",
      "  tool_lines: many",
      "  bare: please",
      "tools:",
      "  output_cap: [1]",
      "theme_tokens:",
      "  accent: red",
      "  border: \"#00ff00\"",
      "session: on",
      "layout: 3",
    ])).toEqual([
      'config: .librecode/config.yaml:2: assistant.thinking_level: expected off, minimal, low, medium or high, got "max"',
      "config: .librecode/config.yaml:3: assistant.max_turns: expected an integer >= 1, got 0",
      "config: .librecode/config.yaml:4: assistant.model: expected a non-empty string, got 12",
      'config: .librecode/config.yaml:6: ui.mouse: expected true or false, got "yes"',
      "config: .librecode/config.yaml:7: ui.fps: expected an integer from 1 to 240, got 500",
      'config: .librecode/config.yaml:8: ui.tool_lines: expected an integer >= 0, got "many"',
      'config: .librecode/config.yaml:9: ui.bare: expected true or false, got "please"',
      "config: .librecode/config.yaml:11: tools.output_cap: expected an integer >= 1, got a list",
      'config: .librecode/config.yaml:13: theme_tokens.accent: expected a color "#rrggbb", got "red"',
      'config: .librecode/config.yaml:15: session: expected a table, got "on"',
      "config: .librecode/config.yaml:16: layout: expected a table, got 3",
    ]);
  });

  it("checks tools.approve: a list of tool names", () => {
    expect(errorsFor(["tools:", "  approve: [bash, \"rm -rf\", 3]"])).toEqual([
      `config: .librecode/config.yaml:2: tools.approve[1]: expected a tool name (letters, digits, '_' or '-'), got "rm -rf"`,
      "config: .librecode/config.yaml:2: tools.approve[2]: expected a tool name (letters, digits, '_' or '-'), got 3",
    ]);
    expect(errorsFor(["tools:", "  approve: bash"])).toEqual([
      'config: .librecode/config.yaml:2: tools.approve: expected a list, got "bash"',
    ]);
  });

  it("checks provider tables: list items, header values and required keys", () => {
    expect(errorsFor([
      "providers:",
      "  local:",
      "    api: anthropic-messages",
      "    models: [ok, 3]",
      "    headers: {X-Team: 7}",
      "    context_window: -1",
    ])).toEqual([
      "config: .librecode/config.yaml:4: providers.local.models[1]: expected a non-empty string, got 3",
      "config: .librecode/config.yaml:5: providers.local.headers.X-Team: expected a string, got 7",
      "config: .librecode/config.yaml:6: providers.local.context_window: expected an integer >= 1, got -1",
      "config: .librecode/config.yaml:2: providers.local: missing required key base_url",
    ]);
  });

  it("names the file and line of a YAML syntax error", () => {
    expect(errorsFor(["assistant:", "  model: a", "  model: b"])).toEqual([
      "config: .librecode/config.yaml:3: invalid YAML: Map keys must be unique",
    ]);
  });

  it("names the file of a --config FILE that does not exist", () => {
    const f = configFixture();
    expect(() => loadConfig({ cwd: f.cwd, home: f.home, configFile: "missing.yaml", env: {} })).toThrow(
      "config: missing.yaml: file not found",
    );
  });

  it("rejects a root that is not a table", () => {
    expect(errorsFor(["- a", "- b"])).toEqual(["config: .librecode/config.yaml:1: (root): expected a table, got a list"]);
  });
});

describe("environment variable errors", () => {
  it("names the variable when a value does not coerce", () => {
    expect(errorsFor([], { LIBRECODE_UI_FPS: "fast" })).toEqual([
      'config: env:LIBRECODE_UI_FPS: ui.fps: expected an integer from 1 to 240, got "fast"',
    ]);
  });

  it("names the variable for a bad boolean and a bad enum", () => {
    expect(errorsFor([], { LIBRECODE_UI_MOUSE: "maybe", LIBRECODE_THEME: "blue" })).toEqual([
      'config: env:LIBRECODE_THEME: theme: expected dark or light, got "blue"',
      'config: env:LIBRECODE_UI_MOUSE: ui.mouse: expected true or false, got "maybe"',
    ]);
  });

  it("checks range after coercion", () => {
    expect(errorsFor([], { LIBRECODE_TOOLS_BASH_TIMEOUT_MS: "0" })).toEqual([
      "config: env:LIBRECODE_TOOLS_BASH_TIMEOUT_MS: tools.bash_timeout_ms: expected an integer >= 1, got 0",
    ]);
  });
});

describe("extension source validation", () => {
  it("reports each bad extensions.use entry with its line", () => {
    expect(errorsFor([
      "extensions:",
      "  use:",
      "    - \"http://example.com/x.lua\"",
      "    - \"path:\"",
      "    - \"path:../outside\"",
      "    - \"path:./here\"",
      "    - \"official:team/tool\"",
      "    - \"github:just-owner\"",
      "    - {source: \"github:o/r//a/../b\", version: \"1\"}",
      "    - {version: \"1\"}",
      "    - {source: \"official:x\", pin: true}",
      "    - 12",
    ])).toEqual([
      'config: .librecode/config.yaml:3: extensions.use[0]: expected a source path:, official:, github: or git:, got "http://example.com/x.lua"',
      'config: .librecode/config.yaml:4: extensions.use[1]: expected a value after "path:", got "path:"',
      'config: .librecode/config.yaml:5: extensions.use[2]: expected no "." or ".." path segments, got "path:../outside"',
      'config: .librecode/config.yaml:6: extensions.use[3]: expected no "." or ".." path segments, got "path:./here"',
      'config: .librecode/config.yaml:7: extensions.use[4]: expected an official extension name without "/", got "official:team/tool"',
      'config: .librecode/config.yaml:8: extensions.use[5]: expected github:<owner>/<repo>[//<subdir>], got "github:just-owner"',
      'config: .librecode/config.yaml:9: extensions.use[6].source: expected no "." or ".." path segments, got "github:o/r//a/../b"',
      "config: .librecode/config.yaml:10: extensions.use[7]: missing required key source",
      "config: .librecode/config.yaml:11: extensions.use[8].pin: unknown key",
      "config: .librecode/config.yaml:12: extensions.use[9]: expected a source string or a table {source, version}, got 12",
    ]);
  });

  it("parses valid sources into scheme and parts", () => {
    expect(parseExtensionSource("path:.librecode/extensions")).toEqual({ scheme: "path", value: ".librecode/extensions" });
    expect(parseExtensionSource({ source: "official:vim-mode", version: "2" })).toEqual({
      scheme: "official", value: "vim-mode", version: "2",
    });
    expect(parseExtensionSource("github:me/tools//lua/ext")).toEqual({
      scheme: "github", value: "me/tools//lua/ext", owner: "me", repo: "tools", subdir: "lua/ext",
    });
  });

  it("throws the validation message for an invalid source", () => {
    expect(() => parseExtensionSource("ftp:x")).toThrow('expected a source path:, official:, github: or git:, got "ftp:x"');
  });
});

describe("validateConfigFiles", () => {
  it("lists the files read and all problems across layers", () => {
    const f = configFixture();
    f.write("home/config.yaml", ["ui:", "  fps: 0"]);
    f.write("proj/.librecode/config.yaml", ["theme: blue"]);
    expect(validateConfigFiles({ cwd: f.cwd, home: f.home, env: {} })).toEqual({
      ok: false,
      files: [`${f.home}/config.yaml`, ".librecode/config.yaml"],
      errors: [
        `config: ${f.home}/config.yaml:2: ui.fps: expected an integer from 1 to 240, got 0`,
        'config: .librecode/config.yaml:1: theme: expected dark or light, got "blue"',
      ],
    });
  });

  it("is ok for valid files", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["theme: light"]);
    expect(validateConfigFiles({ cwd: f.cwd, home: f.home, env: {} })).toEqual({
      ok: true, files: [".librecode/config.yaml"], errors: [],
    });
  });
});
