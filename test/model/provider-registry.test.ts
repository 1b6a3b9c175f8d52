import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../engine/config/load-config.js";
import { contextWindow } from "../../engine/model/model-catalog.js";
import { filterModelList, formatModelList, listModels, resolveProvider } from "../../engine/model/provider-registry.js";
import { collect, sse, startLoopback, type Loopback } from "./loopback-server.js";
import { tempDir } from "../support/temp-tree.js";

/** Loads the real layered config from a temp project whose .librecode/config.yaml is `yaml`. */
function load(yaml: string | undefined, env: Record<string, string> = {}) {
  const cwd = tempDir("librecode-reg-");
  const home = join(cwd, "home");
  mkdirSync(home);
  if (yaml !== undefined) {
    mkdirSync(join(cwd, ".librecode"));
    writeFileSync(join(cwd, ".librecode", "config.yaml"), yaml);
  }
  return { cwd, loaded: loadConfig({ cwd, home, env }) };
}

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("resolveProvider", () => {
  it("runs the offline demo on a fresh install with no key", () => {
    const { loaded } = load(undefined);
    const r = resolveProvider(loaded.config, { sources: loaded.sources }, {});
    expect([r.providerId, r.model, r.label, r.offline, r.provider.api]).toEqual(["script", "demo", "script (offline demo)", true, "script"]);
  });

  it("uses a provider whose key is in the environment when none is configured", () => {
    const { loaded } = load(undefined);
    const r = resolveProvider(loaded.config, { sources: loaded.sources }, { ANTHROPIC_API_KEY: "sk-ant" });
    expect([r.label, r.offline, r.provider.api, r.contextWindow]).toEqual(["anthropic/claude-sonnet-4-5", false, "anthropic-messages", 200_000]);
  });

  it("streams from a configured openai-chat provider with its key from api_key_env", async () => {
    const frame = `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "some-model", choices: [{ index: 0, delta: { content: "hi" }, finish_reason: "stop" }] })}\n\n`;
    server = await startLoopback([sse([frame, "data: [DONE]\n\n"])]);
    const { loaded } = load(
      `assistant:\n  provider: local\n  model: some-model\nproviders:\n  local:\n    api: openai-chat\n    base_url: ${server.origin}/v1\n    api_key_env: LOCAL_API_KEY\n    headers: {x-team: core}\n`,
    );
    const r = resolveProvider(loaded.config, { sources: loaded.sources }, { LOCAL_API_KEY: "local-key" });
    expect(r.label).toBe("local/some-model");
    const events = await collect(r.provider.stream({ model: r.model, system: "", messages: [{ role: "user", text: "x" }], tools: [], thinkingLevel: "off" }, { signal: new AbortController().signal }));
    expect(events.map((e) => e.type)).toEqual(["text_delta", "done"]);
    expect(server.requests[0].headers.authorization).toBe("Bearer local-key");
    expect(server.requests[0].headers["x-team"]).toBe("core");
  });

  it("fails clearly when a chosen provider has no key, without falling back", () => {
    const { loaded } = load(undefined);
    expect(() => resolveProvider(loaded.config, { provider: "openai", sources: loaded.sources }, {})).toThrow(
      "openai: no API key: expected it in $OPENAI_API_KEY or saved by \"librecode auth login openai\", got none",
    );
  });

  it("uses a saved key when the environment has none", () => {
    const { loaded } = load("assistant:\n  provider: groq\n");
    const r = resolveProvider(loaded.config, { sources: loaded.sources }, {}, { groq: "gsk-saved" });
    expect(r.label).toBe("groq/llama-3.3-70b-versatile");
  });

  it("sends the environment variable's key over a saved one, and the saved key once the variable is unset", async () => {
    const frame = `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "hi" }, finish_reason: "stop" }] })}\n\n`;
    server = await startLoopback([sse([frame, "data: [DONE]\n\n"]), sse([frame, "data: [DONE]\n\n"])]);
    const { loaded } = load(`assistant:\n  provider: local\n  model: m\nproviders:\n  local:\n    api: openai-chat\n    base_url: ${server.origin}/v1\n    api_key_env: LOCAL_API_KEY\n`);
    const ask = (r: ReturnType<typeof resolveProvider>) => collect(r.provider.stream({ model: r.model, system: "", messages: [{ role: "user", text: "x" }], tools: [], thinkingLevel: "off" }, { signal: new AbortController().signal }));
    await ask(resolveProvider(loaded.config, { sources: loaded.sources }, { LOCAL_API_KEY: "env-key" }, { local: "saved-key" }));
    await ask(resolveProvider(loaded.config, { sources: loaded.sources }, { LOCAL_API_KEY: "" }, { local: "saved-key" }));
    expect(server.requests.map((q) => q.headers.authorization)).toEqual(["Bearer env-key", "Bearer saved-key"]);
  });

  it("names the known providers when the id is unknown", () => {
    const { loaded } = load(undefined);
    expect(() => resolveProvider(loaded.config, { provider: "nope" }, {})).toThrow(
      '--provider: expected one of openai, anthropic, openrouter, groq, deepseek, ollama, script, got "nope"',
    );
  });

  it("lets --provider and --model override the config", () => {
    const { loaded } = load("assistant:\n  provider: anthropic\n  model: claude-opus-4-1\n");
    const r = resolveProvider(loaded.config, { provider: "ollama", model: "qwen2.5-coder:7b", sources: loaded.sources }, {});
    expect([r.label, r.contextWindow]).toEqual(["ollama/qwen2.5-coder:7b", 32_768]);
  });

  it("honours LIBRECODE_ASSISTANT_PROVIDER and LIBRECODE_ASSISTANT_MODEL", () => {
    const { loaded } = load(undefined, { LIBRECODE_ASSISTANT_PROVIDER: "deepseek", LIBRECODE_ASSISTANT_MODEL: "deepseek-reasoner" });
    const r = resolveProvider(loaded.config, { sources: loaded.sources }, { DEEPSEEK_API_KEY: "k" });
    expect(r.label).toBe("deepseek/deepseek-reasoner");
  });

  it("plays a script file named as the script provider's model", async () => {
    const { cwd, loaded } = load(undefined);
    writeFileSync(join(cwd, "talk.yaml"), "- text: scripted hello\n  delay_ms: 0\n");
    const r = resolveProvider(loaded.config, { provider: "script", model: "talk.yaml", cwd }, {});
    expect(r.label).toBe("script (talk.yaml)");
    const events = await collect(r.provider.stream({ model: r.model, system: "", messages: [], tools: [], thinkingLevel: "off" }, { signal: new AbortController().signal }));
    expect(events[0]).toEqual({ type: "text_delta", text: "scripted" });
  });
});

describe("listModels", () => {
  it("lists built-in and configured providers with key status and every catalog column", () => {
    const { loaded } = load("providers:\n  local:\n    api: openai-chat\n    base_url: http://127.0.0.1:8080/v1\n    models: [some-model]\n    context_window: 8192\n");
    const lines = formatModelList(listModels(loaded.config, { ANTHROPIC_API_KEY: "x" }), "anthropic/claude-sonnet-4-5");
    expect(lines).toEqual([
      "    model                          context  max out  images  reasoning  $/M in  $/M out  $/M cache read  $/M cache write",
      "openai  openai-chat  https://api.openai.com/v1  $OPENAI_API_KEY not set",
      "    gpt-4.1                      1,047,576   32,768  yes     no           2.00     8.00            0.50                -",
      "    gpt-4.1-mini                 1,047,576   32,768  yes     no           0.40     1.60            0.10                -",
      "    gpt-4o                         128,000   16,384  yes     no           2.50    10.00            1.25                -",
      "    gpt-4o-mini                    128,000   16,384  yes     no           0.15     0.60           0.075                -",
      "    o3                             200,000  100,000  yes     yes          2.00     8.00            0.50                -",
      "    o4-mini                        200,000  100,000  yes     yes          1.10     4.40           0.275                -",
      "anthropic  anthropic-messages  https://api.anthropic.com  $ANTHROPIC_API_KEY set",
      "  * claude-sonnet-4-5              200,000   64,000  yes     yes          3.00    15.00            0.30             3.75",
      "    claude-opus-4-1                200,000   32,000  yes     yes         15.00    75.00            1.50            18.75",
      "    claude-haiku-4-5               200,000   64,000  yes     yes          1.00     5.00            0.10             1.25",
      "openrouter  openai-chat  https://openrouter.ai/api/v1  $OPENROUTER_API_KEY not set",
      "    anthropic/claude-sonnet-4.5    200,000   64,000  yes     yes          3.00    15.00            0.30             3.75",
      "    openai/gpt-4.1-mini          1,047,576   32,768  yes     no           0.40     1.60            0.10                -",
      "    deepseek/deepseek-chat         128,000        -  no      no              -        -               -                -",
      "groq  openai-chat  https://api.groq.com/openai/v1  $GROQ_API_KEY not set",
      "    llama-3.3-70b-versatile        131,072   32,768  no      no           0.59     0.79               -                -",
      "    llama-3.1-8b-instant           131,072  131,072  no      no           0.05     0.08               -                -",
      "deepseek  openai-chat  https://api.deepseek.com/v1  $DEEPSEEK_API_KEY not set",
      "    deepseek-chat                  128,000    8,192  no      no           0.28     0.42           0.028                -",
      "    deepseek-reasoner              128,000   65,536  no      yes          0.28     0.42           0.028                -",
      "ollama  openai-chat  http://127.0.0.1:11434/v1  no key needed",
      "    (any model the server has; pass --model)",
      "script  script  (offline)  no key needed",
      "    demo                           200,000        -  no      yes             -        -               -                -",
      "local  openai-chat  http://127.0.0.1:8080/v1  no key needed",
      "    some-model                       8,192        -  no      no              -        -               -                -",
    ]);
  });
});

describe("filterModelList (model list SEARCH)", () => {
  const all = () => listModels(load(undefined).loaded.config, {});

  it("keeps the models whose provider/id contains the search, in any case", () => {
    expect(filterModelList(all(), "4O-").map((e) => [e.provider, e.models.map((m) => m.id)])).toEqual([["openai", ["gpt-4o-mini"]]]);
  });

  it("keeps every model of a provider whose id matches", () => {
    const [anthropic] = filterModelList(all(), "anthropic").filter((e) => e.provider === "anthropic");
    expect(anthropic!.models).toEqual(all().find((e) => e.provider === "anthropic")!.models);
  });

  it("keeps nothing when nothing matches, and everything for an empty search", () => {
    expect(filterModelList(all(), "no-such-model")).toEqual([]);
    expect(filterModelList(all(), "  ")).toEqual(all());
  });
});

describe("contextWindow", () => {
  it("matches dated snapshots and vendor prefixes by the longest known prefix", () => {
    expect([contextWindow("gpt-4o-2024-08-06"), contextWindow("openai/gpt-4.1-mini"), contextWindow("claude-sonnet-4-5-20250929")]).toEqual([128_000, 1_047_576, 200_000]);
  });
  it("prefers the configured size and falls back to the default", () => {
    expect([contextWindow("gpt-4o", 4096), contextWindow("my-local-model")]).toEqual([4096, 32_768]);
  });
});
