import { describe, expect, it } from "vitest";
import { ConfigError, configEntries, loadConfig } from "../../engine/config/index.js";
import { modelInfo } from "../../engine/model/model-catalog.js";
import { formatModelList, listModels, resolveProvider } from "../../engine/model/provider-registry.js";
import { formatCost, usageCost } from "../../engine/model/usage-cost.js";
import { configFixture } from "../config/config-fixture.js";

/** The effective config of a project whose .librecode/config.yaml is `lines`. */
function load(lines: string[]) {
  const f = configFixture();
  f.write("proj/.librecode/config.yaml", lines);
  return loadConfig({ cwd: f.cwd, home: f.home, env: {} });
}

/** The error lines of a project config made of `lines`. */
function errorsFor(lines: string[]): string[] {
  try {
    load(lines);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).lines();
  }
  throw new Error("expected a ConfigError");
}

describe("modelInfo (the shipped catalog)", () => {
  it("knows a built-in provider's model: window, output limit, images, reasoning and prices", () => {
    expect(modelInfo("anthropic", "claude-sonnet-4-5")).toEqual({
      contextWindow: 200_000, maxOutput: 64_000, images: true, reasoning: true,
      price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    });
  });

  it("takes a dated snapshot or -latest as the model it names", () => {
    expect(modelInfo("anthropic", "claude-sonnet-4-5-20250929")).toEqual(modelInfo("anthropic", "claude-sonnet-4-5"));
    expect(modelInfo("openai", "gpt-4o-2024-08-06").price).toEqual({ input: 2.5, output: 10, cacheRead: 1.25 });
  });

  it("prices no model it does not know exactly: o3-pro is not o3", () => {
    expect(modelInfo("openai", "o3-pro")).toEqual({ contextWindow: 200_000, images: false, reasoning: false });
  });

  it("gives the same model behind another provider its capabilities but no price", () => {
    expect(modelInfo("proxy", "claude-haiku-4-5")).toEqual({ contextWindow: 200_000, maxOutput: 64_000, images: true, reasoning: true });
    expect(modelInfo("local", "anthropic/claude-sonnet-4.5").price).toBeUndefined();
  });

  it("falls back to family windows, then 32,768, for models it does not know", () => {
    expect(modelInfo("ollama", "qwen3:8b")).toEqual({ contextWindow: 40_960, images: false, reasoning: false });
    expect(modelInfo("ollama", "my-model")).toEqual({ contextWindow: 32_768, images: false, reasoning: false });
  });
});

describe("models.<provider>/<id> in config", () => {
  it("overrides a shipped model's fields and replaces its price", () => {
    const loaded = load([
      "models:",
      "  openai/gpt-4.1:",
      "    max_output: 16000",
      "    price: {input: 1.5, output: 6}",
    ]);
    const r = resolveProvider(loaded.config, { provider: "openai", model: "gpt-4.1" }, { OPENAI_API_KEY: "k" });
    expect(r.info).toEqual({ contextWindow: 1_047_576, maxOutput: 16_000, images: true, reasoning: false, price: { input: 1.5, output: 6 } });
  });

  it("adds a model the provider does not list, shown by model list with its columns", () => {
    const loaded = load([
      "providers:",
      "  local:",
      "    api: openai-chat",
      "    base_url: http://127.0.0.1:8080/v1",
      "    models: [qwen2.5-coder]",
      "models:",
      "  local/llava:",
      "    context_window: 4096",
      "    images: true",
      "    price: {input: 0, output: 0}",
    ]);
    const local = listModels(loaded.config).filter((e) => e.provider === "local");
    expect(formatModelList(local)).toEqual([
      "    model          context  max out  images  reasoning  $/M in  $/M out  $/M cache read  $/M cache write",
      "local  openai-chat  http://127.0.0.1:8080/v1  no key needed",
      "    qwen2.5-coder   32,768        -  no      no              -        -               -                -",
      "    llava            4,096        -  yes     no           0.00     0.00               -                -",
    ]);
  });

  it("fits a narrow width: every other column goes before an id (what /model takes) is cut", () => {
    const loaded = load(["providers:", "  local:", "    api: openai-chat", "    base_url: http://127.0.0.1:8080/v1", "    models: [qwen2.5-coder-32b-instruct]"]);
    const local = listModels(loaded.config).filter((e) => e.provider === "local");
    expect(formatModelList(local, undefined, 24)).toEqual([
      "    model",
      "local  no key needed",
      "    qwen2.5-coder-32b-i…",
      "  (8 more columns on a …",
    ]);
  });

  it("keeps a model id with dots as one key in config show", () => {
    const loaded = load(["models:", "  openai/gpt-4.1-mini:", "    images: false"]);
    expect(configEntries(loaded).filter((e) => e.path.startsWith("models."))).toEqual([
      { path: "models.openai/gpt-4.1-mini.images", value: false, source: ".librecode/config.yaml:3" },
    ]);
  });

  it("refuses a key that is not provider/model", () => {
    expect(errorsFor(["models:", "  gpt-4o:", "    images: true"]))
      .toEqual(['config: .librecode/config.yaml:2: models.gpt-4o: expected a key "provider/model", got "gpt-4o"']);
  });

  it("refuses a provider nobody defines", () => {
    expect(errorsFor(["models:", "  nope/m1:", "    images: true"]))
      .toEqual(['config: .librecode/config.yaml:2: models.nope/m1: unknown provider "nope" (expected openai, anthropic, openrouter, groq, deepseek, ollama or script)']);
  });

  it("requires input and output in a price", () => {
    expect(errorsFor(["models:", "  openai/gpt-4o:", "    price:", "      input: 2"]))
      .toEqual(["config: .librecode/config.yaml:3: models.openai/gpt-4o.price: missing required key output"]);
  });

  it("names a negative price, a wrong type and an unknown field", () => {
    expect(errorsFor([
      "models:",
      "  openai/gpt-4o:",
      "    price: {input: -1, output: 2}",
      "    images: yes please",
      "    vision: true",
    ])).toEqual([
      "config: .librecode/config.yaml:3: models.openai/gpt-4o.price.input: expected a number >= 0, got -1",
      'config: .librecode/config.yaml:4: models.openai/gpt-4o.images: expected true or false, got "yes please"',
      "config: .librecode/config.yaml:5: models.openai/gpt-4o.vision: unknown key",
    ]);
  });
});

describe("usageCost", () => {
  const sonnet = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

  it("prices fresh input, cache reads, cache writes and output at their own rates", () => {
    // 1,000 fresh + 2,000 read + 500 written = 3,500 prompt tokens; 400 out.
    expect(usageCost(sonnet, { input: 3500, output: 400, cacheRead: 2000, cacheWrite: 500 })).toBeCloseTo(0.003 + 0.0006 + 0.001875 + 0.006, 12);
  });

  it("is unknown without a price, or with cached tokens the price has no rate for", () => {
    expect(usageCost(undefined, { input: 10, output: 10 })).toBeUndefined();
    expect(usageCost({ input: 1, output: 2 }, { input: 10, output: 10, cacheRead: 5 })).toBeUndefined();
  });

  it("shows dollars with three decimals, four below a tenth of a cent", () => {
    expect([formatCost(0.0421), formatCost(0), formatCost(0.00042), formatCost(0.00004), formatCost(12.3456)])
      .toEqual(["$0.042", "$0.000", "$0.0004", "<$0.0001", "$12.346"]);
  });
});
