// Retrying a provider request: backoff with jitter, Retry-After, and the rule that a stream which
// already showed content to the caller is never replayed (the user would see it twice).
import { REDACTED, redactSecrets } from "../auth/redact-secrets.js";
import type { ModelEvent, RetryOptions } from "./model-types.js";
import { httpErrorDetails, type ProviderErrorDetails } from "./provider-error-details.js";

/** One try at the request: yields events and ends with `done`, or throws the SDK's error. */
export type Attempt = (signal: AbortSignal) => AsyncIterable<ModelEvent>;

/**
 * `status`: the HTTP status; `code`: the provider's error code or type (`rate_limit_error`), when
 * known; `details`: the original's provider-error fields (provider-error-details.ts).
 */
export type ErrorClass = { retryable: boolean; reason: string; retryAfterMs?: number; status?: number; code?: string; details?: ProviderErrorDetails };

/** Default of `providers.<id>.timeout_ms`: the first event of a try must come within this. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Default of `providers.<id>.idle_timeout_ms`: the most silence between two events. */
export const DEFAULT_IDLE_TIMEOUT_MS = 90_000;

/** A try that waited too long for its first event or for the next one; retried like a dropped connection. */
export class StreamTimeout extends Error {
  override name = "StreamTimeout";
  constructor(ms: number, first: boolean) {
    super(`timed out after ${ms / 1000} s ${first ? "waiting for a response" : "without data"}`);
  }
}

const RETRYABLE_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]);

const RETRYABLE_TYPES = new Set(["overloaded_error", "api_error", "rate_limit_error"]);

/** The `{type?, code?, message}` inside an SDK APIError's JSON body: OpenAI nests it once, Anthropic twice. */
function apiErrorBody(e: unknown): { type?: string; code?: string; message: string } | undefined {
  const body = (e as { error?: unknown } | null)?.error as { error?: unknown; message?: unknown; type?: unknown } | undefined;
  if (!body || typeof body !== "object") return undefined;
  const inner = (body.error && typeof body.error === "object" ? body.error : body) as { message?: unknown; type?: unknown; code?: unknown };
  if (typeof inner.message !== "string") return undefined;
  return {
    message: inner.message, ...(typeof inner.type === "string" ? { type: inner.type } : {}),
    ...(typeof inner.code === "string" ? { code: inner.code } : {}),
  };
}

/** The innermost message of a cause chain ("fetch failed" says less than "other side closed"). */
function rootCause(cause: unknown): string | undefined {
  let msg: string | undefined;
  for (let c = cause as { message?: unknown; cause?: unknown } | undefined, depth = 0; c && depth < 5; c = c.cause as typeof c, depth++) {
    if (typeof c.message === "string" && c.message) msg = c.message;
  }
  return msg;
}

/** Sleeps `ms` unless `signal` aborts first (then resolves early; callers check the signal). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Reads `retry-after-ms`, then `retry-after` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(headers: unknown, now: number): number | undefined {
  const get = (name: string): string | null => {
    if (headers && typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    return null;
  };
  const ms = Number.parseFloat(get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get("retry-after");
  if (raw === null || raw.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Number.parseFloat(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Sorts an error from either SDK (or fetch) into retryable or not, with a one-line reason. */
export function classifyError(e: unknown, now: number): ErrorClass {
  const err = e as { status?: unknown; headers?: unknown; message?: unknown; code?: unknown; cause?: unknown; name?: unknown };
  const message = typeof err?.message === "string" ? err.message : String(e);
  if (e instanceof StreamTimeout) return { retryable: true, reason: message };
  const api = apiErrorBody(e);
  if (typeof err?.status === "number") {
    const s = err.status;
    const retryable = s === 408 || s === 409 || s === 429 || s >= 500;
    const reason = api ? `${s} ${api.message}` : message;
    const code = api?.code ?? api?.type;
    return { retryable, reason, retryAfterMs: parseRetryAfter(err.headers, now), status: s, ...(code ? { code } : {}), details: httpErrorDetails(e, (t) => t) };
  }
  if (api?.type) {
    // An error event inside the stream (Anthropic's `event: error`), not an HTTP status.
    return {
      retryable: RETRYABLE_TYPES.has(api.type), reason: `${api.type}: ${api.message}`, code: api.code ?? api.type,
      ...(api.code ? { details: { provider_code: api.code } } : {}),
    };
  }
  if (e instanceof SyntaxError) return { retryable: false, reason: `malformed stream event: ${message}` };
  const ctor = (e as object | null)?.constructor?.name ?? "";
  if (ctor === "APIConnectionError" || ctor === "APIConnectionTimeoutError") {
    const cause = rootCause(err.cause);
    return { retryable: true, reason: cause ? `connection error: ${cause}` : "connection error" };
  }
  const code = typeof err?.code === "string" ? err.code : (err?.cause as { code?: string } | undefined)?.code;
  if ((code && RETRYABLE_CODES.has(code)) || message === "terminated" || message === "fetch failed") {
    return { retryable: true, reason: `connection error: ${message}` };
  }
  return { retryable: false, reason: message };
}

/** The delay before try `attempt + 1`: Retry-After when given, else exponential backoff with jitter. */
export function retryDelay(attempt: number, cls: ErrorClass, opts: RetryOptions): number {
  if (cls.retryAfterMs !== undefined) return Math.min(cls.retryAfterMs, opts.maxRetryAfterMs ?? 60_000);
  const base = opts.baseDelayMs ?? 500;
  const capped = Math.min(base * 2 ** (attempt - 1), opts.maxDelayMs ?? 8_000);
  const random = opts.random ?? Math.random;
  return Math.round(capped * (0.5 + random() * 0.5));
}

const CONTENT = new Set(["text_delta", "thinking_delta", "tool_call_start", "tool_call_delta", "tool_call_end"]);

/**
 * Runs `attempt` until it finishes, retrying retryable failures before any content reached the
 * caller; always ends with exactly one `done`. `label` prefixes errors ("local: http://...").
 */
export async function* streamWithRetry(
  attempt: Attempt,
  signal: AbortSignal,
  label: string,
  opts: RetryOptions,
  secrets: string[] = [],
): AsyncGenerator<ModelEvent> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
  const sleep = opts.sleep ?? abortableSleep;
  const now = opts.now ?? Date.now;
  const scrub = (s: string) => scrubError(s, secrets);
  let streamed = false;
  for (let n = 1; ; n++) {
    if (signal.aborted) return yield { type: "done", stopReason: "aborted" };
    const inner = new AbortController();
    const onAbort = () => inner.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    const it = attempt(inner.signal)[Symbol.asyncIterator]();
    let failure: unknown;
    let first = true;
    try {
      for (;;) {
        const isFirst = first;
        const waitMs = isFirst ? (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) : (opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
        const step = await nextOrAbort(it, signal, waitMs);
        first = false;
        if (step === "aborted") {
          void it.return?.().catch(() => undefined);
          return yield { type: "done", stopReason: "aborted" };
        }
        if (step === "timeout") {
          // Cancel the stalled request (its socket with it) before trying again.
          inner.abort();
          void it.return?.().catch(() => undefined);
          throw new StreamTimeout(waitMs, isFirst);
        }
        if (step.done) return yield { type: "done", stopReason: "stop" };
        const ev = step.value;
        if (CONTENT.has(ev.type)) streamed = true;
        if (ev.type === "done") {
          return yield ev.error ? { ...ev, error: scrub(ev.error) } : ev;
        }
        yield ev;
      }
    } catch (e) {
      failure = e;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    if (signal.aborted) return yield { type: "done", stopReason: "aborted" };
    const cls = classifyError(failure, now());
    const reason = scrub(cls.reason);
    const details = cls.details?.body_preview !== undefined ? { ...cls.details, body_preview: scrub(cls.details.body_preview) } : cls.details;
    const detail = { ...(cls.status !== undefined ? { status: cls.status } : {}), ...(cls.code ? { code: cls.code } : {}), ...(details ? { details } : {}) };
    if (streamed) return yield { type: "done", stopReason: "error", error: `${label}: stream interrupted: ${reason}`, ...detail };
    if (!cls.retryable) return yield { type: "done", stopReason: "error", error: `${label}: ${reason}`, ...detail };
    if (n >= maxAttempts) {
      const tries = n === 1 ? "1 attempt" : `${n} attempts`;
      return yield { type: "done", stopReason: "error", error: `${label}: request failed after ${tries}: ${reason}`, ...detail };
    }
    const delayMs = retryDelay(n, cls, opts);
    yield { type: "retry", attempt: n + 1, delayMs, reason };
    await sleep(delayMs, signal);
  }
}

/**
 * Awaits the next event, "aborted" as soon as `signal` fires, or "timeout" after `timeoutMs`
 * without one (a stalled socket must not hold us).
 */
function nextOrAbort<T>(it: AsyncIterator<T>, signal: AbortSignal, timeoutMs: number): Promise<IteratorResult<T> | "aborted" | "timeout"> {
  if (signal.aborted) return Promise.resolve("aborted");
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      settle();
      resolve("aborted");
    };
    signal.addEventListener("abort", onAbort, { once: true });
    if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
      timer = setTimeout(() => {
        settle();
        resolve("timeout");
      }, timeoutMs);
    }
    it.next().then(
      (r) => {
        settle();
        resolve(r);
      },
      (e) => {
        settle();
        if (signal.aborted) resolve("aborted");
        else reject(e);
      },
    );
  });
}

/**
 * An error message with the keys taken out: long keys and key shapes as everywhere
 * (redactSecrets); a short key ("k", "none" for a local server) only as a whole token, so it is
 * not shown when the server echoes it, yet "internal" keeps its "e".
 */
export function scrubError(text: string, keys: readonly string[]): string {
  let out = redactSecrets(text, keys);
  for (const key of keys) {
    if (key === "" || key.length >= 8) continue;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, "g"), REDACTED);
  }
  return out;
}
