// API keys: from the provider's environment variable, else `$LIBRECODE_HOME/auth.json` (mode 0600).
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** The environment variable each built-in provider's key is read from. */
export const PROVIDER_KEY_ENV: Readonly<Record<string, string>> = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  openrouter: "OPENROUTER_API_KEY",
  groq: "GROQ_API_KEY",
  deepseek: "DEEPSEEK_API_KEY",
};

/** A key and where it was found: `env:NAME` or `auth.json`. */
export type KeyLookup = { key: string; source: string };

type AuthFile = Record<string, { type: "api_key"; key: string }>;

const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Guards `auth.json`: every write replaces the file atomically with mode 0600 in a 0700 directory. */
export class AuthStore {
  readonly home: string;
  readonly path: string;

  constructor(home: string) {
    this.home = home;
    this.path = join(home, "auth.json");
  }

  /** Stores `key` for `provider` (`/login PROVIDER KEY`). */
  login(provider: string, key: string): void {
    checkProvider("login", provider);
    if (typeof key !== "string" || key.trim() === "" || /\s/.test(key.trim())) {
      throw new Error("login: key: expected a key without spaces, got an empty or spaced value");
    }
    const data = this.read();
    data[provider] = { type: "api_key", key: key.trim() };
    this.write(data);
  }

  /** Removes the stored key of `provider`; false when there was none. */
  logout(provider: string): boolean {
    checkProvider("logout", provider);
    const data = this.read();
    if (!(provider in data)) return false;
    delete data[provider];
    this.write(data);
    return true;
  }

  /** The providers that have a stored key, sorted. */
  providers(): string[] {
    return Object.keys(this.read()).sort();
  }

  /** Stored keys by provider id (what `/login` saved), for code that resolves keys itself. */
  storedKeys(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, entry] of Object.entries(this.read())) out[id] = entry.key;
    return out;
  }

  /** The key for `provider`: the configured `apiKeyEnv`, then the provider's usual variable, then auth.json. */
  getKey(provider: string, env: Record<string, string | undefined> = process.env, apiKeyEnv?: string): KeyLookup | undefined {
    for (const name of [apiKeyEnv, PROVIDER_KEY_ENV[provider]]) {
      const value = name ? env[name]?.trim() : undefined;
      if (name && value) return { key: value, source: `env:${name}` };
    }
    const stored = this.read()[provider];
    return stored ? { key: stored.key, source: "auth.json" } : undefined;
  }

  /** Every key this process could send (stored ones and those in the usual variables), for redaction. */
  knownKeys(env: Record<string, string | undefined> = process.env, extraEnv: string[] = []): string[] {
    const keys = new Set(Object.values(this.read()).map((e) => e.key));
    for (const name of [...Object.values(PROVIDER_KEY_ENV), ...extraEnv]) {
      const v = env[name]?.trim();
      if (v) keys.add(v);
    }
    return [...keys];
  }

  private read(): AuthFile {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw err;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error(`auth: ${this.path}: expected JSON, got unparsable text`);
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      throw new Error(`auth: ${this.path}: expected a JSON object, got ${Array.isArray(data) ? "a list" : typeof data}`);
    }
    const out: AuthFile = {};
    for (const [id, entry] of Object.entries(data as Record<string, unknown>)) {
      const key = (entry as { key?: unknown } | null)?.key;
      if (typeof key === "string" && key !== "") out[id] = { type: "api_key", key };
    }
    return out;
  }

  // Written to a private temp file then renamed, so a reader never sees a half-written or world-readable file.
  private write(data: AuthFile): void {
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    chmodSync(this.home, 0o700);
    // node:crypto on the first save, not at start-up (~3 ms).
    const { randomBytes } = createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
    const tmp = join(this.home, `.auth.json.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    const fd = openSync(tmp, "wx", 0o600);
    try {
      writeSync(fd, JSON.stringify(data, null, 2) + "\n");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      chmodSync(tmp, 0o600);
      renameSync(tmp, this.path);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
}

function checkProvider(what: string, provider: string): void {
  if (typeof provider !== "string" || !PROVIDER_ID.test(provider)) {
    throw new Error(`${what}: provider: expected a provider id (letters, digits, . _ -), got ${JSON.stringify(provider)}`);
  }
}
