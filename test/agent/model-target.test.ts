import { describe, expect, it } from "vitest";
import { modelTarget } from "../../engine/agent/open-chat-loop.js";
import type { ModelListEntry } from "../../engine/model/provider-registry.js";

const entry = (provider: string, models: string[]): ModelListEntry => ({
  provider, api: "openai-chat", baseUrl: "http://127.0.0.1:1/v1", keyFound: null,
  models: models.map((id) => ({ id, contextWindow: 8192, images: false, reasoning: false })),
});
const catalog = [entry("openrouter", ["anthropic/claude-sonnet-4-5"]), entry("anthropic", ["claude-sonnet-4-5"]), entry("local", ["m1"])];

describe("modelTarget (/model SPEC)", () => {
  it("takes a model id of the current provider first, slash and all", () => {
    expect(modelTarget("anthropic/claude-sonnet-4-5", catalog, "openrouter")).toEqual({ provider: "openrouter", model: "anthropic/claude-sonnet-4-5" });
  });

  it("reads a provider id as that provider's default model", () => {
    expect(modelTarget("local", catalog, "openrouter")).toEqual({ provider: "local" });
  });

  it("splits provider/model when the part before the slash is a provider", () => {
    expect(modelTarget("anthropic/claude-opus-4", catalog, "local")).toEqual({ provider: "anthropic", model: "claude-opus-4" });
  });

  it("takes anything else as a model of the current provider", () => {
    expect(modelTarget("m2", catalog, "local")).toEqual({ provider: "local", model: "m2" });
  });
});
