// Removes API keys from text bound for logs, sessions and hook payloads.

export const REDACTED = "[redacted]";

// Shapes of keys the usual providers issue; the configured keys themselves are matched literally too.
const KEY_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI, Anthropic (sk-ant-), OpenRouter (sk-or-), DeepSeek
  /\bgsk_[A-Za-z0-9]{16,}/g, // Groq
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google
  /\bxai-[A-Za-z0-9]{16,}/g, // xAI
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{16,}/g,
  /(\b(?:x-api-key|api[_-]?key)["']?\s*[:=]\s*["']?)[A-Za-z0-9._-]{16,}/gi,
];

// Shorter literal keys would also match ordinary words, so they are left to the patterns.
const MIN_LITERAL = 8;

/** `text` with every known key shape and every literal key in `keys` replaced by "[redacted]". */
export function redactSecrets(text: string, keys: Iterable<string> = []): string {
  let out = text;
  for (const key of keys) {
    if (key.length >= MIN_LITERAL && out.includes(key)) out = out.split(key).join(REDACTED);
  }
  for (const pattern of KEY_PATTERNS) {
    // A pattern with a group keeps that prefix ("Bearer "); without one, replace() passes the
    // match offset (a number) in its place.
    out = out.replace(pattern, (_match: string, prefix?: string) =>
      typeof prefix === "string" ? prefix + REDACTED : REDACTED,
    );
  }
  return out;
}

/** A JSON-safe value with every string redacted (object keys kept), for hook payloads and stored JSON. */
export function redactValue<T>(value: T, keys: Iterable<string> = []): T {
  const list = [...keys];
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactSecrets(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
