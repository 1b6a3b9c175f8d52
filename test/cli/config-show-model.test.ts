// `librecode config show` ends with what a chat here would run on: the config's provider may have
// no key, and then the run picks another (or the offline demo) without the table saying so.
import { describe, expect, it } from "vitest";
import { scratch } from "./run-cli.js";
import { cliInProcess as run } from "./run-in-process.js";

const lastLine = async (env: Record<string, string> = {}): Promise<string> => (await run(["config", "show"], scratch(), env)).stdout.trimEnd().split("\n").at(-1)!;

describe("config show: the model a chat uses", () => {
  it("names the offline demo when no provider has a key", async () => {
    expect(await lastLine()).toBe("# a chat here uses script/demo (the offline demo: no provider has a key)");
  });

  it("names the configured provider's default model when its key is set", async () => {
    expect(await lastLine({ OPENAI_API_KEY: "sk-test-0123456789abcdef" })).toBe("# a chat here uses openai/gpt-4.1-mini");
  });

  it("says why a chat cannot start when the chosen provider has no key", async () => {
    expect(await lastLine({ LIBRECODE_ASSISTANT_PROVIDER: "anthropic" })).toBe(
      '# a chat here cannot start: anthropic: no API key: expected it in $ANTHROPIC_API_KEY or saved by "librecode auth login anthropic", got none',
    );
  });
});
