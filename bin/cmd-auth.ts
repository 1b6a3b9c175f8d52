// `librecode auth login PROVIDER [KEY]`, `auth logout PROVIDER`, `auth list`: the keys saved in
// LIBRECODE_HOME/auth.json, outside the chat (which a missing key stops from starting).
import { AuthStore } from "../engine/auth/auth-store.js";
import { loginRefusal } from "../engine/auth/login-check.js";
import { librecodeHome } from "../engine/config/index.js";
import type { StyledRow } from "../engine/kernel/style.js";
import { providerEntries } from "../engine/model/provider-registry.js";
import { fail } from "./cli-output.js";
import { loadSettings, type ConfigFlags } from "./load-settings.js";
import { printRows } from "./cli-style.js";

/** What a key is read from when it is not an argument: piped text, or a terminal (typed without echo). */
export type KeyInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(on: boolean): unknown };

/** Saves a key for PROVIDER: KEY, or else one line read from standard input. */
export async function runAuthLogin(provider: string, key: string | undefined, flags: ConfigFlags, input: KeyInput = process.stdin): Promise<void> {
  const entries = providerEntries(loadSettings(flags).config);
  const refusal = loginRefusal(entries, provider);
  if (refusal) return fail("auth login", refusal, 2);
  const entry = entries.find((e) => e.id === provider)!;
  const value = (key ?? (await readKey(input, `API key for ${provider}: `))).trim();
  if (value === "") return fail("auth login", "key: expected a key, got nothing", 2);
  const store = new AuthStore(librecodeHome());
  store.login(provider, value);
  const rows: StyledRow[] = [[{ text: `saved a key for ${provider} in ${store.path}` }]];
  const envName = entry.apiKeyEnv;
  if (envName && process.env[envName]?.trim()) {
    rows.push([{ text: `note: $${envName} is set and is used instead while it is`, style: { fg: "warning" } }]);
  }
  printRows(rows);
}

/** Removes the saved key of PROVIDER; exit 1 when there was none. */
export function runAuthLogout(provider: string): void {
  const store = new AuthStore(librecodeHome());
  if (!store.logout(provider)) return fail("auth logout", `no saved key for ${provider}`, 1);
  printRows([[{ text: `removed the saved key for ${provider}` }]]);
}

/** Every provider with a key, and which key a run uses: the environment variable wins over a saved key. */
export function runAuthList(flags: ConfigFlags): void {
  const saved = new AuthStore(librecodeHome()).storedKeys();
  const rows: StyledRow[] = [];
  const hasEnv = (e: { apiKeyEnv?: string }) => e.apiKeyEnv !== undefined && (process.env[e.apiKeyEnv]?.trim() ?? "") !== "";
  const entries = providerEntries(loadSettings(flags).config).filter((e) => hasEnv(e) || saved[e.id] !== undefined);
  const width = Math.max(0, ...entries.map((e) => e.id.length));
  for (const e of entries) {
    const fromEnv = hasEnv(e);
    const hasSaved = saved[e.id] !== undefined;
    const row: StyledRow = [{ text: e.id.padEnd(width), style: { bold: true } }, { text: "  " }];
    if (fromEnv) {
      row.push({ text: `$${e.apiKeyEnv}`, style: { fg: "success" } });
      if (hasSaved) row.push({ text: `  (a saved key ${masked(saved[e.id]!)} is unused while it is set)`, style: { fg: "muted" } });
    } else {
      row.push({ text: `saved key ${masked(saved[e.id]!)}`, style: { fg: "success" } });
    }
    rows.push(row);
  }
  if (rows.length === 0) rows.push([{ text: "no API keys: set a provider's variable (e.g. $ANTHROPIC_API_KEY) or run librecode auth login PROVIDER", style: { fg: "muted" } }]);
  printRows(rows);
}

/** "sk-…wxyz": enough to tell two keys apart, never the key. */
function masked(key: string): string {
  return key.length <= 8 ? "…" : `${key.slice(0, 3)}…${key.slice(-4)}`;
}

/** One line from `input`; on a terminal the prompt goes to stderr and the typing is not echoed. */
export function readKey(input: KeyInput, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const tty = input.isTTY === true && typeof input.setRawMode === "function";
    if (tty) {
      process.stderr.write(prompt);
      input.setRawMode!(true);
    }
    const done = (err?: Error) => {
      input.off("data", onData);
      input.off("end", onEnd);
      if (tty) {
        input.setRawMode!(false);
        process.stderr.write("\n");
      }
      input.pause();
      if (err) reject(err);
      else resolve(text.split(/\r?\n/, 1)[0] ?? "");
    };
    const onData = (chunk: Buffer | string) => {
      const s = chunk.toString();
      if (!tty) {
        text += s;
        return;
      }
      for (const ch of s) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new Error("key: cancelled"));
        if (ch === "\u007f" || ch === "\b") text = text.slice(0, -1);
        else if (ch >= " ") text += ch;
      }
    };
    const onEnd = () => done();
    input.on("data", onData);
    input.on("end", onEnd);
    input.resume();
  });
}
