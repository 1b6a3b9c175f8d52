// One streamed SDK request, the way both HTTP providers make it: the request hook sees the payload
// (credentials redacted), then the edited body and headers go to retried attempts.
import type { ModelEvent, ProviderPayload, RetryOptions, StreamOptions } from "./model-types.js";
import { hookedStream, secretHeaderValues } from "./provider-payload.js";
import { requestShape } from "./provider-error-details.js";
import { streamWithRetry } from "./retry.js";

export type SdkStreamSpec = {
  label: string;
  payload: ProviderPayload;
  apiKey: string;
  /** The configured extra headers (their credential values are scrubbed from errors too). */
  configHeaders: Record<string, string> | undefined;
  retry: RetryOptions | undefined;
  opts: StreamOptions;
  /** One attempt: the SDK call with the hook's body (stream on) and header edits. */
  attempt(body: Record<string, unknown>, headers: Record<string, string | null>, signal: AbortSignal): AsyncIterable<ModelEvent>;
};

/** Streams one request through the payload hook and the retry loop. */
export function sdkStream(spec: SdkStreamSpec): AsyncGenerator<ModelEvent> {
  const secrets = [spec.apiKey, ...secretHeaderValues(spec.configHeaders)];
  return hookedStream(spec.label, spec.payload, spec.opts.onPayload, (edits) => {
    const body = { ...edits.body, stream: true };
    return withRequestShape(body, streamWithRetry((signal) => spec.attempt(body, edits.headers, signal), spec.opts.signal, spec.label, spec.retry ?? {}, secrets));
  });
}

/** An HTTP error's `done` gains the outline of the body that was sent (the original's `request_shape`). */
async function* withRequestShape(body: Record<string, unknown>, events: AsyncIterable<ModelEvent>): AsyncGenerator<ModelEvent> {
  for await (const ev of events) {
    if (ev.type === "done" && ev.status !== undefined) yield { ...ev, details: { ...ev.details, request_shape: requestShape(body) } };
    else yield ev;
  }
}
