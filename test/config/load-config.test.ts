import { describe, expect, it } from "vitest";
import { defaultConfig, loadConfig, librecodeHome } from "../../engine/config/index.js";
import { configFixture } from "./config-fixture.js";

describe("loadConfig layering", () => {
  it("returns the defaults, each sourced 'default', when no file or variable exists", () => {
    const f = configFixture();
    const { config, sources, files } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config).toEqual(defaultConfig());
    expect(files).toEqual([]);
    expect(sources.get("assistant.model")).toBe("default");
    expect(sources.get("extensions.use")).toBe("default");
  });

  it("keeps extensions.settings tables per extension name", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["extensions:", "  settings:", "    notes: {dir: notes, max: 3, tags: [a, b]}"]);
    const { config } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config.extensions.settings).toEqual({ notes: { dir: "notes", max: 3, tags: ["a", "b"] } });
  });

  it("home config overrides the defaults", () => {
    const f = configFixture();
    f.write("home/config.yaml", ["assistant:", "  model: home-model"]);
    const { config, sources } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config.assistant.model).toBe("home-model");
    expect(config.assistant.provider).toBe("openai");
    expect(sources.get("assistant.model")).toBe(`${f.home}/config.yaml`);
  });

  it("project config overrides home config", () => {
    const f = configFixture();
    f.write("home/config.yaml", ["assistant:", "  model: home-model", "  max_turns: 7"]);
    f.write("proj/.librecode/config.yaml", ["assistant:", "  model: project-model"]);
    const { config, sources } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config.assistant).toMatchObject({ model: "project-model", max_turns: 7 });
    expect(sources.get("assistant.model")).toBe(".librecode/config.yaml");
    expect(sources.get("assistant.max_turns")).toBe(`${f.home}/config.yaml`);
  });

  it("--config FILE overrides project config", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["assistant:", "  model: project-model"]);
    f.write("proj/ci.yaml", ["assistant:", "  model: ci-model"]);
    const { config, sources } = loadConfig({ cwd: f.cwd, home: f.home, configFile: "ci.yaml", env: {} });
    expect(config.assistant.model).toBe("ci-model");
    expect(sources.get("assistant.model")).toBe("ci.yaml");
  });

  it("environment variables override every file", () => {
    const f = configFixture();
    f.write("proj/ci.yaml", ["assistant:", "  provider: local", "  model: ci-model"]);
    const env = { LIBRECODE_ASSISTANT_MODEL: "env-model", LIBRECODE_ASSISTANT_PROVIDER: "anthropic" };
    const { config, sources } = loadConfig({ cwd: f.cwd, home: f.home, configFile: "ci.yaml", env });
    expect(config.assistant).toMatchObject({ provider: "anthropic", model: "env-model" });
    expect(sources.get("assistant.provider")).toBe("env:LIBRECODE_ASSISTANT_PROVIDER");
  });

  it("coerces LIBRECODE_<SECTION>_<KEY> to the schema type", () => {
    const f = configFixture();
    const env = { LIBRECODE_UI_FPS: "30", LIBRECODE_UI_MOUSE: "true", LIBRECODE_UI_BARE: "1", LIBRECODE_SESSION_AUTO_COMPACT: "0",
      LIBRECODE_THEME: "light", LIBRECODE_ASSISTANT_THINKING_LEVEL: "high", LIBRECODE_EXTENSIONS_BUDGET_MS: "5" };
    const { config } = loadConfig({ cwd: f.cwd, home: f.home, env });
    expect(config.ui).toEqual({ mouse: true, fps: 30, tool_lines: 12, bare: true });
    expect(config.session.auto_compact).toBe(false);
    expect(config.theme).toBe("light");
    expect(config.assistant.thinking_level).toBe("high");
    expect(config.extensions.budget_ms).toBe(5);
  });

  it("merges provider tables key by key across layers", () => {
    const f = configFixture();
    f.write("home/config.yaml", [
      "providers:",
      "  local:",
      "    api: openai-chat",
      "    base_url: http://127.0.0.1:8080/v1",
      "    models: [a, b]",
    ]);
    f.write("proj/.librecode/config.yaml", ["providers:", "  local:", "    base_url: http://127.0.0.1:9090/v1"]);
    const { config, sources } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config.providers.local).toEqual({
      api: "openai-chat",
      base_url: "http://127.0.0.1:9090/v1",
      models: ["a", "b"],
      headers: {},
    });
    expect(sources.get("providers.local.base_url")).toBe(".librecode/config.yaml");
    expect(sources.get("providers.local.api")).toBe(`${f.home}/config.yaml`);
  });

  it("replaces lists and the layout table whole instead of merging them", () => {
    const f = configFixture();
    f.write("home/config.yaml", ["extensions:", "  use: [\"official:vim-mode\", \"path:ext\"]", "layout: {direction: row, children: []}"]);
    f.write("proj/.librecode/config.yaml", ["extensions:", "  use: [\"github:me/tools//lua-ext\"]", "layout: {window: chat}"]);
    const { config } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config.extensions.use).toEqual(["github:me/tools//lua-ext"]);
    expect(config.layout).toEqual({ window: "chat" });
  });

  it("keeps an extension entry written as a table", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["extensions:", "  use:", "    - {source: \"official:git-status\", version: \"1.2\"}"]);
    const { config } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config.extensions.use).toEqual([{ source: "official:git-status", version: "1.2" }]);
  });

  it("reads an empty or comment-only file as no settings", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["# nothing yet"]);
    const { config, files } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config).toEqual(defaultConfig());
    expect(files).toEqual([".librecode/config.yaml"]);
  });
});

describe("librecodeHome", () => {
  it("is $LIBRECODE_HOME when set", () => {
    expect(librecodeHome({ LIBRECODE_HOME: "/srv/lc" })).toBe("/srv/lc");
  });

  it("defaults to ~/.librecode", () => {
    expect(librecodeHome({})).toMatch(/\/\.librecode$/);
  });
});

describe("provider overrides from the environment", () => {
  it("sets a scalar key of a provider the files define with LIBRECODE_PROVIDERS_<ID>_<KEY>", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", [
      "providers:",
      "  my-local:",
      "    api: openai-chat",
      "    base_url: http://127.0.0.1:8080/v1",
    ]);
    const env = { LIBRECODE_PROVIDERS_MY_LOCAL_BASE_URL: "http://127.0.0.1:41234/v1", LIBRECODE_PROVIDERS_MY_LOCAL_CONTEXT_WINDOW: "8192" };
    const { config, sources } = loadConfig({ cwd: f.cwd, home: f.home, env });
    expect(config.providers["my-local"]).toMatchObject({ base_url: "http://127.0.0.1:41234/v1", context_window: 8192 });
    expect(sources.get("providers.my-local.base_url")).toBe("env:LIBRECODE_PROVIDERS_MY_LOCAL_BASE_URL");
  });
});

describe("empty sections", () => {
  it("reads a section whose children are all commented out as empty", () => {
    const f = configFixture();
    f.write("proj/.librecode/config.yaml", ["assistant:", "  # model: x", "providers:"]);
    const { config } = loadConfig({ cwd: f.cwd, home: f.home, env: {} });
    expect(config.assistant.model).toBe("gpt-4.1-mini");
    expect(config.providers).toEqual({});
  });
});
