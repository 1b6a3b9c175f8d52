// The original's safe provider-error diagnostics (`provider_error`'s `provider_code`,
// `provider_type`, `provider_param`, `body_preview`, `body_truncated`, `request_shape`): what the
// error body said, a bounded preview of it, and a content-free outline of the request that failed.

/** The original's provider-error fields; each present only when known. */
export type ProviderErrorDetails = {
  provider_code?: string;
  provider_type?: string;
  provider_param?: string;
  body_preview?: string;
  body_truncated?: true;
  request_shape?: Record<string, unknown>;
};

/** Most bytes (UTF-8) of an error body `body_preview` keeps, as the original. */
export const BODY_PREVIEW_BYTES = 4096;

/** `text` trimmed and cut to BODY_PREVIEW_BYTES on a character boundary; whether it was cut. */
export function bodyPreview(text: string): { preview: string; truncated: boolean } {
  const t = text.trim();
  if (Buffer.byteLength(t) <= BODY_PREVIEW_BYTES) return { preview: t, truncated: false };
  let bytes = 0;
  let end = 0;
  for (const ch of t) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > BODY_PREVIEW_BYTES) break;
    bytes += n;
    end += ch.length;
  }
  return { preview: t.slice(0, end), truncated: true };
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

/**
 * The fields of an HTTP error from either SDK. The SDKs keep the body parsed (OpenAI's SDK only
 * its `error` member), so a JSON body is previewed re-serialised in the provider's envelope; a
 * body that was not JSON is the SDK's message. `scrub` removes known keys.
 */
export function httpErrorDetails(e: unknown, scrub: (s: string) => string): ProviderErrorDetails {
  const err = e as { error?: unknown; message?: unknown; constructor?: { name?: string } } | null;
  const body = err?.error;
  const out: ProviderErrorDetails = {};
  let text = "";
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    // Anthropic's SDK keeps the whole body ({type: "error", error: {...}}); OpenAI's only the inner error.
    const anthropic = b.type === "error" && typeof b.error === "object";
    const inner = (anthropic ? b.error : b) as Record<string, unknown>;
    text = JSON.stringify(anthropic ? b : { error: b });
    if (str(inner.code)) out.provider_code = str(inner.code);
    if (str(inner.type)) out.provider_type = str(inner.type);
    if (str(inner.param)) out.provider_param = str(inner.param);
  } else if (typeof body === "string") {
    text = body;
  } else if (typeof err?.message === "string") {
    // The SDKs' message for a non-JSON body: "<status> <body text>".
    text = err.message.replace(/^\d{3}\s+/, "");
  }
  const { preview, truncated } = bodyPreview(scrub(text));
  if (preview !== "") out.body_preview = preview;
  if (truncated) out.body_truncated = true;
  return out;
}

/** The original's content-free outline of a request body: its keys, size and item counts. */
export function requestShape(body: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(body).sort();
  if (keys.length === 0) return {};
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const input = list(body.input) as { type?: unknown }[];
  const shape: Record<string, unknown> = {
    keys, key_count: keys.length,
    has_include: list(body.include).length > 0,
    has_parallel_tool_calls: body.parallel_tool_calls === true,
    has_prompt_cache_key: typeof body.prompt_cache_key === "string" && body.prompt_cache_key.trim() !== "",
    has_reasoning: typeof body.reasoning === "object" && body.reasoning !== null && Object.keys(body.reasoning).length > 0,
  };
  const counts: [string, number][] = [
    ["byte_size", Buffer.byteLength(JSON.stringify(body))],
    ["input_count", input.length],
    ["function_call_count", input.filter((i) => i?.type === "function_call").length],
    ["function_call_output_count", input.filter((i) => i?.type === "function_call_output").length],
    ["message_count", list(body.messages).length],
    ["tool_count", list(body.tools).length],
  ];
  for (const [k, n] of counts) if (n > 0) shape[k] = n;
  return shape;
}
