// The before-request hook: shows the outgoing payload with secrets redacted and takes back edits,
// except to the headers that carry credentials (a hook must never read or replace a key).
import { REDACTED } from "../auth/redact-secrets.js";
import { isRecord } from "../kernel/is-record.js";
import type { ModelEvent, ProviderPayload } from "./model-types.js";

export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "cookie",
  "proxy-authorization",
  "x-api-key",
  "api-key",
]);

/** The body and header changes to hand to the SDK after the hook ran. */
export type PayloadEdits = {
  body: Record<string, unknown>;
  /** Non-sensitive headers to set (a string) or remove (null), relative to `headers` given. */
  headers: Record<string, string | null>;
};

/** Returns a copy of `headers` with lowercased names and credential values replaced by "[redacted]". */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    out[key] = SENSITIVE_HEADERS.has(key) ? REDACTED : value;
  }
  return out;
}

/** Runs `hook` on a redacted copy of the payload and returns the allowed edits. */
export function applyPayloadHook(
  payload: ProviderPayload,
  hook: ((p: ProviderPayload) => ProviderPayload | void) | undefined,
): PayloadEdits {
  if (!hook) return { body: payload.body, headers: {} };
  const shown = redactHeaders(payload.headers);
  const offered: ProviderPayload = {
    provider: payload.provider,
    model: payload.model,
    url: payload.url,
    headers: { ...shown },
    body: structuredClone(payload.body),
  };
  const result = hook(offered) ?? offered;
  const body = isRecord(result.body) ? result.body : offered.body;
  const edited: Record<string, string> = {};
  if (isRecord(result.headers)) {
    for (const [name, value] of Object.entries(result.headers)) {
      if (typeof value === "string") edited[name.toLowerCase()] = value;
    }
  }
  const headers: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(edited)) {
    if (SENSITIVE_HEADERS.has(key)) continue;
    if (shown[key] !== value) headers[key] = value;
  }
  for (const key of Object.keys(shown)) {
    if (!SENSITIVE_HEADERS.has(key) && !(key in edited)) headers[key] = null;
  }
  return { body, headers };
}

/**
 * Applies the hook, then streams `run(edits)`; a throwing hook ends the request with an error
 * event instead of throwing out of `stream()` (callers rely on exactly one `done`).
 */
export async function* hookedStream(
  label: string,
  payload: ProviderPayload,
  hook: ((p: ProviderPayload) => ProviderPayload | void) | undefined,
  run: (edits: PayloadEdits) => AsyncIterable<ModelEvent>,
): AsyncGenerator<ModelEvent> {
  let edits: PayloadEdits;
  try {
    edits = applyPayloadHook(payload, hook);
  } catch (e) {
    yield { type: "done", stopReason: "error", error: `${label}: request hook failed: ${(e as Error)?.message ?? String(e)}` };
    return;
  }
  yield* run(edits);
}

/** Header names lowercased (HTTP names are case-insensitive; the hook sees one spelling). */
export function lower(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** Values of configured credential headers, to scrub from error messages. */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([k]) => SENSITIVE_HEADERS.has(k.toLowerCase()))
    .map(([, v]) => v);
}
