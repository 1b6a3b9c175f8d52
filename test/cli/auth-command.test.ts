import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readKey } from "../../bin/cmd-auth.js";
import { scratch } from "./run-cli.js";
import { cliInProcess as run } from "./run-in-process.js";

describe("librecode auth", () => {
  it("login saves a key in auth.json (mode 0600), list shows it masked, logout removes it", async () => {
    const where = scratch();
    expect(await run(["auth", "login", "openai", "sk-test-1234567890"], where)).toEqual({
      stdout: `saved a key for openai in ${where.home}/auth.json\n`, stderr: "", code: 0,
    });
    expect(JSON.parse(readFileSync(join(where.home, "auth.json"), "utf8"))).toEqual({ openai: { type: "api_key", key: "sk-test-1234567890" } });
    expect(statSync(join(where.home, "auth.json")).mode & 0o777).toBe(0o600);
    expect((await run(["auth", "list"], where)).stdout).toBe("openai  saved key sk-…7890\n");
    expect(await run(["auth", "logout", "openai"], where)).toEqual({ stdout: "removed the saved key for openai\n", stderr: "", code: 0 });
    expect(await run(["auth", "logout", "openai"], where)).toEqual({ stdout: "", stderr: "librecode auth logout: no saved key for openai\n", code: 1 });
  });

  it("list says the environment variable wins over a saved key", async () => {
    const where = scratch();
    await run(["auth", "login", "anthropic", "sk-ant-saved-0000"], where);
    const r = await run(["auth", "list"], where, { ANTHROPIC_API_KEY: "sk-ant-env", GROQ_API_KEY: "gsk-env" });
    expect(r.stdout.split("\n")).toEqual([
      "anthropic  $ANTHROPIC_API_KEY  (a saved key sk-…0000 is unused while it is set)",
      "groq       $GROQ_API_KEY",
      "",
    ]);
  });

  it("login warns when the provider's variable is set, since that key is the one used", async () => {
    const r = await run(["auth", "login", "openai", "sk-saved"], scratch(), { OPENAI_API_KEY: "sk-env" });
    expect(r.stdout.split("\n")[1]).toBe("note: $OPENAI_API_KEY is set and is used instead while it is");
  });

  it("list with no key anywhere says how to add one", async () => {
    expect((await run(["auth", "list"], scratch())).stdout).toBe(
      "no API keys: set a provider's variable (e.g. $ANTHROPIC_API_KEY) or run librecode auth login PROVIDER\n",
    );
  });

  it("login refuses an unknown provider and the offline demo with one line", async () => {
    expect(await run(["auth", "login", "opnai", "k"], scratch())).toEqual({
      stdout: "", code: 2,
      stderr: 'librecode auth login: provider: expected one of openai, anthropic, openrouter, groq, deepseek, ollama, script, got "opnai"\n',
    });
    expect((await run(["auth", "login", "script", "k"], scratch())).stderr).toBe("librecode auth login: script: needs no key (it runs offline)\n");
  });

  it("login refuses a keyless local server, saying how to give it a key", async () => {
    expect(await run(["auth", "login", "ollama", "k"], scratch())).toEqual({
      stdout: "", code: 2,
      stderr: "librecode auth login: ollama: needs no key (to send one, set providers.ollama.api_key_env in the config)\n",
    });
  });

  it("reads the key from piped standard input when it is not an argument (first line, trimmed by login)", async () => {
    const input = new PassThrough();
    const key = readKey(input, "API key for openai: ");
    input.end("sk-piped-key\nrest\n");
    expect(await key).toBe("sk-piped-key");
  });

  it("reads a typed key on a terminal without echoing it: backspace edits, enter ends", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[], setRawMode(on: boolean) { this.modes.push(on); } });
    const key = readKey(input, "");
    input.write("sk-x\u007fyz\r");
    expect([await key, input.modes]).toEqual(["sk-yz", [true, false]]);
  });
});
