// `fetch`: one explicit http(s) URL, as markdown (HTML pages), plain text or raw HTML. Redirects are
// followed by hand so each hop is checked (scheme, count); the body is read as a stream so the size
// cap holds before the bytes are in memory; one deadline covers connect, headers and body.
import type { ToolDefinition, ToolResult } from "../kernel/tool-registry.js";
import { parsePage, pageToMarkdown, pageToText } from "./html-convert.js";
import { toolFailure } from "./tool-failure.js";

export type FetchFormat = "markdown" | "text" | "html";
export type FetchOptions = { timeoutMs?: number; maxBytes?: number; maxRedirects?: number; maxChars?: number };
export type FetchDetails = {
  url: string; finalUrl: string; status: number; contentType: string; bytes: number; redirects: number; format: FetchFormat;
};

export const FETCH_TIMEOUT_MS = 30_000;
export const FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const FETCH_MAX_REDIRECTS = 5;
export const FETCH_MAX_CHARS = 100_000;

const TEXTUAL = /^(text\/|application\/(json|xml|xhtml\+xml|javascript|x-javascript|ld\+json|yaml|x-yaml|toml)|[^;]*\+(json|xml))/i;

/** The fetch tool definition. */
export function fetchTool(options: FetchOptions = {}): ToolDefinition {
  const limits = {
    timeoutMs: options.timeoutMs ?? FETCH_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? FETCH_MAX_BYTES,
    maxRedirects: options.maxRedirects ?? FETCH_MAX_REDIRECTS,
    maxChars: options.maxChars ?? FETCH_MAX_CHARS,
  };
  return {
    name: "fetch",
    owner: "host",
    description:
      "Fetch one http(s) URL the user gave or that you found, and return it as markdown (HTML pages; scripts and " +
      "styles dropped), plain text, or raw HTML. Other content types that are text come back as they are; " +
      `binary content is refused. At most ${limits.maxRedirects} redirects, ${limits.maxBytes} bytes and ` +
      `${limits.timeoutMs / 1000} s.`,
    schema: {
      type: "object",
      properties: {
        url: { type: "string", description: "An absolute http:// or https:// URL" },
        format: { type: "string", enum: ["markdown", "text", "html"], description: "How to return an HTML page (default markdown)" },
      },
      required: ["url"],
      additionalProperties: false,
    },
    run: (args, ctx) => fetchUrl(String(args.url), (args.format as FetchFormat | undefined) ?? "markdown", limits, ctx.signal),
  };
}

type Limits = Required<FetchOptions>;

function httpUrl(text: string, base?: string): URL | undefined {
  try {
    const url = new URL(text, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

async function fetchUrl(raw: string, format: FetchFormat, limits: Limits, signal: AbortSignal): Promise<ToolResult> {
  const start = httpUrl(raw);
  if (!start) return toolFailure(`fetch: url: expected an absolute http or https URL, got ${JSON.stringify(raw)}`);
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const both = AbortSignal.any([signal, deadline]);
  const why = (err: unknown): string => {
    if (deadline.aborted) return `timed out after ${limits.timeoutMs / 1000} s`;
    if (signal.aborted) return "aborted";
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return `connection failed: ${cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))}`;
  };
  let url = start;
  let redirects = 0;
  try {
    for (;;) {
      const res = await fetch(url, { redirect: "manual", signal: both, headers: { accept: "text/html, text/markdown, text/plain, */*;q=0.5", "user-agent": "librecode" } });
      if (res.status >= 300 && res.status < 400 && res.headers.has("location")) {
        await res.body?.cancel();
        const location = res.headers.get("location")!;
        const next = httpUrl(location, url.href);
        if (!next) return toolFailure(`fetch: ${url.href}: redirected to ${JSON.stringify(location)}, which is not an http or https URL; not followed`);
        if (++redirects > limits.maxRedirects) return toolFailure(`fetch: ${start.href}: more than ${limits.maxRedirects} redirects`);
        url = next;
        continue;
      }
      return await readResponse(res, start.href, url.href, redirects, format, limits);
    }
  } catch (err) {
    return toolFailure(`fetch: ${url.href}: ${why(err)}`);
  }
}

async function readResponse(res: Response, requested: string, final: string, redirects: number, format: FetchFormat, limits: Limits): Promise<ToolResult> {
  const contentType = (res.headers.get("content-type") ?? "").trim();
  const mime = contentType.split(";")[0]!.trim().toLowerCase();
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > limits.maxBytes) {
    await res.body?.cancel();
    return toolFailure(`fetch: ${final}: the body is ${declared} bytes, over the ${limits.maxBytes}-byte cap; not fetched`);
  }
  if (mime !== "" && !TEXTUAL.test(mime)) {
    await res.body?.cancel();
    return toolFailure(`fetch: ${final}: binary content (${mime}) is not fetched`);
  }
  const bytes = await readCapped(res, limits.maxBytes);
  if (bytes === undefined) return toolFailure(`fetch: ${final}: the body is over the ${limits.maxBytes}-byte cap; not fetched`);
  const text = decode(bytes, contentType);
  const html = mime === "text/html" || mime === "application/xhtml+xml" || (mime === "" && /^\s*<(!doctype html|html)/i.test(text));
  let body = text;
  if (html && format !== "html") {
    const page = parsePage(text);
    body = format === "markdown" ? pageToMarkdown(page) : pageToText(page);
    if (page.title !== "" && format === "markdown" && !body.startsWith("# ")) body = `# ${page.title}\n\n${body}`;
  }
  if (body.length > limits.maxChars) {
    body = `${body.slice(0, limits.maxChars)}\n\n[cut: ${body.length - limits.maxChars} more characters; fetch shows at most ${limits.maxChars}]`;
  }
  const details: FetchDetails = { url: requested, finalUrl: final, status: res.status, contentType: mime, bytes: bytes.length, redirects, format };
  const moved = final !== requested ? `(redirected to ${final})\n\n` : "";
  if (!res.ok) return toolFailure(`fetch: ${final}: HTTP ${res.status} ${res.statusText}`.trimEnd() + (body.trim() ? `\n\n${body}` : ""), details);
  return { content: moved + (body === "" ? "(empty body)" : body), details };
}

/** The whole body, or undefined as soon as it passes maxBytes (the rest is never read). */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
