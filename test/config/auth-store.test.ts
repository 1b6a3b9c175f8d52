import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AuthStore } from "../../engine/auth/auth-store.js";
import { redactSecrets, redactValue } from "../../engine/auth/redact-secrets.js";
import { tempDir } from "../support/temp-tree.js";

function freshHome(): string {
  return join(tempDir("librecode-auth-"), "home");
}

describe("AuthStore", () => {
  it("creates auth.json with mode 0600 in a 0700 directory", () => {
    const home = freshHome();
    new AuthStore(home).login("openai", "sk-test-0123456789abcdef");
    expect(statSync(join(home, "auth.json")).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it("round-trips a key through the file", () => {
    const home = freshHome();
    new AuthStore(home).login("groq", "gsk_abcdefghijklmnopqrstuvwxyz");
    expect(new AuthStore(home).getKey("groq", {})).toEqual({ key: "gsk_abcdefghijklmnopqrstuvwxyz", source: "auth.json" });
    expect(JSON.parse(readFileSync(join(home, "auth.json"), "utf8"))).toEqual({
      groq: { type: "api_key", key: "gsk_abcdefghijklmnopqrstuvwxyz" },
    });
  });

  it("leaves no temp file behind", () => {
    const home = freshHome();
    const store = new AuthStore(home);
    store.login("openai", "k1-aaaaaaaa");
    store.login("anthropic", "k2-bbbbbbbb");
    expect(readdirSync(home)).toEqual(["auth.json"]);
    expect(store.providers()).toEqual(["anthropic", "openai"]);
  });

  it("keeps mode 0600 when an existing file is replaced", () => {
    const home = freshHome();
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, "auth.json"), "{}", { mode: 0o644 });
    new AuthStore(home).login("openai", "sk-replace-0123456789");
    expect(statSync(join(home, "auth.json")).mode & 0o777).toBe(0o600);
  });

  it("prefers the provider's environment variable over the file", () => {
    const home = freshHome();
    const store = new AuthStore(home);
    store.login("anthropic", "from-file-key");
    expect(store.getKey("anthropic", { ANTHROPIC_API_KEY: "from-env-key" })).toEqual({
      key: "from-env-key", source: "env:ANTHROPIC_API_KEY",
    });
  });

  it("reads a configured api_key_env first", () => {
    const store = new AuthStore(freshHome());
    const env = { LOCAL_API_KEY: "local-key", OPENAI_API_KEY: "openai-key" };
    expect(store.getKey("openai", env, "LOCAL_API_KEY")).toEqual({ key: "local-key", source: "env:LOCAL_API_KEY" });
  });

  it("ignores empty environment variables", () => {
    const store = new AuthStore(freshHome());
    store.login("deepseek", "stored-key-1");
    expect(store.getKey("deepseek", { DEEPSEEK_API_KEY: "" })?.source).toBe("auth.json");
  });

  it("returns undefined when no key exists anywhere", () => {
    expect(new AuthStore(freshHome()).getKey("openrouter", {})).toBeUndefined();
  });

  it("returns the stored keys by provider", () => {
    const store = new AuthStore(freshHome());
    store.login("openai", "key-one-aaaa");
    store.login("groq", "key-two-bbbb");
    expect(store.storedKeys()).toEqual({ openai: "key-one-aaaa", groq: "key-two-bbbb" });
  });

  it("logs out one provider", () => {
    const store = new AuthStore(freshHome());
    store.login("openai", "key-one-aaaa");
    store.login("groq", "key-two-bbbb");
    expect(store.logout("openai")).toBe(true);
    expect(store.logout("openai")).toBe(false);
    expect(store.providers()).toEqual(["groq"]);
  });

  it("rejects a bad provider id and an empty key", () => {
    const store = new AuthStore(freshHome());
    expect(() => store.login("", "k")).toThrow('login: provider: expected a provider id (letters, digits, . _ -), got ""');
    expect(() => store.login("openai", " ")).toThrow("login: key: expected a key without spaces, got an empty or spaced value");
  });

  it("names the file when auth.json is not a JSON object", () => {
    const home = freshHome();
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, "auth.json"), "[1]");
    expect(() => new AuthStore(home).getKey("openai", {})).toThrow(`auth: ${home}/auth.json: expected a JSON object, got a list`);
  });

  it("lists every known key for redaction", () => {
    const store = new AuthStore(freshHome());
    store.login("openai", "stored-key-123");
    expect(store.knownKeys({ GROQ_API_KEY: "env-key-456", MY_KEY: "custom-789" }, ["MY_KEY"]).sort()).toEqual([
      "custom-789", "env-key-456", "stored-key-123",
    ]);
  });
});

describe("redactSecrets", () => {
  it("replaces literal configured keys", () => {
    expect(redactSecrets("using key local-secret-1 now", ["local-secret-1"])).toBe("using key [redacted] now");
  });

  it("replaces known key shapes without being told the key", () => {
    expect(redactSecrets("OPENAI sk-proj-AbCdEfGhIjKlMnOpQrSt and groq gsk_0123456789abcdefghij")).toBe(
      "OPENAI [redacted] and groq [redacted]",
    );
    expect(redactSecrets("anthropic sk-ant-api03-abcdefghijklmnopqrstuvwxyz")).toBe("anthropic [redacted]");
  });

  it("keeps the header name of a bearer token or api key field", () => {
    expect(redactSecrets("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123")).toBe("Authorization: Bearer [redacted]");
    expect(redactSecrets('{"x-api-key": "abcdefghijklmnopqrstuvwxyz"}')).toBe('{"x-api-key": "[redacted]"}');
  });

  it("leaves short literal keys alone so ordinary words survive", () => {
    expect(redactSecrets("the cat sat", ["cat"])).toBe("the cat sat");
  });

  it("redacts every string inside a payload", () => {
    expect(redactValue({ cmd: "curl -H 'Bearer abcdefghijklmnopqrstuvwx'", n: 3, list: ["my-literal-key"] }, ["my-literal-key"])).toEqual({
      cmd: "curl -H 'Bearer [redacted]'", n: 3, list: ["[redacted]"],
    });
  });
});
