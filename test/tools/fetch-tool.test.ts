import { afterEach, describe, expect, it } from "vitest";
import type { ServerResponse } from "node:http";
import { fetchTool } from "../../engine/tools/fetch-tool.js";
import { startLoopback, type Loopback, type Received } from "../model/loopback-server.js";
import { toolContext } from "./tool-fixture.js";

const PAGE = `<!doctype html><html><head><title>Notes</title><style>body { color: red }</style>
<script>document.write("tracking")</script></head><body>
<h1>Release notes</h1><p>Version <b>2.0</b> adds <a href="/x">links</a>.</p>
<ul><li>one</li><li>two</li></ul><pre><code class="language-js">let x = 1;</code></pre>
<noscript>enable javascript</noscript></body></html>`;

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(route: (res: ServerResponse, req: Received) => void): Promise<string> {
  server = await startLoopback([route]);
  return server.origin;
}

function html(body: string): (res: ServerResponse) => void {
  return (res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(body);
  };
}

// A roomy deadline for the tests that expect an answer (a loaded CI machine is slow to load undici);
// the time-out tests use their own short one.
const tool = fetchTool({ timeoutMs: 10_000, maxBytes: 4096, maxRedirects: 2 });
const run = (args: Record<string, unknown>) => tool.run(args, toolContext("/"));
const hasty = fetchTool({ timeoutMs: 500 });
const runHasty = (args: Record<string, unknown>) => hasty.run(args, toolContext("/"));

describe("fetch", () => {
  it("turns an HTML page into markdown without scripts or styles", async () => {
    const origin = await serve(html(PAGE));
    const result = await run({ url: `${origin}/notes` });
    expect(result.isError).toBeUndefined();
    expect(result.content.split("\n")).toEqual([
      "# Release notes",
      "",
      "Version **2.0** adds [links](/x).",
      "",
      "-   one",
      "-   two",
      "",
      "```js",
      "let x = 1;",
      "```",
    ]);
    expect(result.details).toEqual({
      url: `${origin}/notes`, finalUrl: `${origin}/notes`, status: 200, contentType: "text/html", bytes: Buffer.byteLength(PAGE), redirects: 0, format: "markdown",
    });
  });

  it("returns plain text, one line per block, when format is text", async () => {
    const origin = await serve(html(PAGE));
    const result = await run({ url: origin, format: "text" });
    expect(result.content.split("\n")).toEqual(["Release notes", "Version 2.0 adds links.", "one", "two", "let x = 1;"]);
  });

  it("returns the raw HTML when format is html", async () => {
    const origin = await serve(html(PAGE));
    expect((await run({ url: origin, format: "html" })).content).toBe(PAGE);
  });

  it("returns non-HTML text as it is", async () => {
    const origin = await serve((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"a": 1}');
    });
    expect((await run({ url: origin })).content).toBe('{"a": 1}');
  });

  it("follows a redirect and says where it landed", async () => {
    const origin = await serve((res, req) => {
      if (req.path === "/old") {
        res.writeHead(301, { location: "/new" });
        res.end();
      } else html("<p>moved here</p>")(res);
    });
    const result = await run({ url: `${origin}/old` });
    expect(result.content).toBe(`(redirected to ${origin}/new)\n\nmoved here`);
    expect(result.details).toMatchObject({ redirects: 1, finalUrl: `${origin}/new` });
  });

  it("stops after the redirect cap", async () => {
    const origin = await serve((res, req) => {
      res.writeHead(302, { location: `${req.path}x` });
      res.end();
    });
    expect(await run({ url: `${origin}/a` })).toEqual({ content: `fetch: ${origin}/a: more than 2 redirects`, isError: true });
  });

  it("does not follow a redirect to another scheme", async () => {
    const origin = await serve((res) => {
      res.writeHead(302, { location: "file:///etc/passwd" });
      res.end();
    });
    expect(await run({ url: `${origin}/a` })).toEqual({
      content: `fetch: ${origin}/a: redirected to "file:///etc/passwd", which is not an http or https URL; not followed`,
      isError: true,
    });
  });

  it("refuses other schemes and relative URLs", async () => {
    expect(await run({ url: "file:///etc/passwd" })).toEqual({
      content: 'fetch: url: expected an absolute http or https URL, got "file:///etc/passwd"', isError: true,
    });
    expect((await run({ url: "notes.html" })).content).toBe('fetch: url: expected an absolute http or https URL, got "notes.html"');
  });

  it("refuses a body over the byte cap by its declared length", async () => {
    const origin = await serve((res) => {
      res.writeHead(200, { "content-type": "text/plain", "content-length": "10000" });
      res.end("x".repeat(10000));
    });
    expect((await run({ url: origin })).content).toBe(`fetch: ${origin}/: the body is 10000 bytes, over the 4096-byte cap; not fetched`);
  });

  it("stops reading a chunked body as soon as it passes the cap", async () => {
    const origin = await serve((res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("x".repeat(3000));
      res.write("y".repeat(3000));
      // never ends: the tool must not wait for the rest
    });
    expect((await run({ url: origin })).content).toBe(`fetch: ${origin}/: the body is over the 4096-byte cap; not fetched`);
  });

  it("times out on a body that stalls", async () => {
    const origin = await serve((res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>first part");
    });
    expect((await runHasty({ url: origin })).content).toBe(`fetch: ${origin}/: timed out after 0.5 s`);
  });

  it("times out on a server that never answers", async () => {
    const origin = await serve(() => undefined);
    expect((await runHasty({ url: origin })).content).toBe(`fetch: ${origin}/: timed out after 0.5 s`);
  });

  it("reports an HTTP error status with the page's text", async () => {
    const origin = await serve((res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not here</h1>");
    });
    const result = await run({ url: `${origin}/missing` });
    expect(result.isError).toBe(true);
    expect(result.content).toBe(`fetch: ${origin}/missing: HTTP 404 Not Found\n\n# Not here`);
  });

  it("refuses binary content", async () => {
    const origin = await serve((res) => {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });
    expect((await run({ url: origin })).content).toBe(`fetch: ${origin}/: binary content (image/png) is not fetched`);
  });

  it("reports a refused connection", async () => {
    const origin = await serve(html(""));
    await server!.close();
    server = undefined;
    expect((await run({ url: origin })).content).toBe(`fetch: ${origin}/: connection failed: ECONNREFUSED`);
  });

  it("stops when the call is aborted", async () => {
    const origin = await serve(() => undefined);
    const controller = new AbortController();
    const pending = fetchTool().run({ url: origin }, toolContext("/", { signal: controller.signal }));
    setImmediate(() => controller.abort());
    expect((await pending).content).toBe(`fetch: ${origin}/: aborted`);
  });
});
