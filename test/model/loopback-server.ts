// A real HTTP server on 127.0.0.1 that answers each request with the next scripted handler and
// records what it received, so provider tests exercise the SDKs' real network and SSE code.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { method: string; path: string; headers: IncomingMessage["headers"]; body: any };
export type Handler = (res: ServerResponse, req: Received) => void;

export type Loopback = { origin: string; requests: Received[]; close(): Promise<void> };

/** Starts a server on 127.0.0.1:0 that serves `handlers` in order (the last one repeats). */
export async function startLoopback(handlers: Handler[]): Promise<Loopback> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      const received: Received = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : null };
      requests.push(received);
      const handler = handlers[Math.min(requests.length - 1, handlers.length - 1)];
      handler(res, received);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with an SSE body made of `frames` (each already "event: ...\ndata: ...\n\n" text). */
export function sse(frames: string[]): Handler {
  return (res) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const f of frames) res.write(f);
    res.end();
  };
}

/** Writes `frames`, then destroys the socket as a dropped connection would. */
export function sseThenCut(frames: string[]): Handler {
  return (res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const f of frames) res.write(f);
    setImmediate(() => res.socket?.destroy());
  };
}

/** Writes `frames` and then never writes again (a stalled upstream). */
export function sseThenStall(frames: string[]): Handler {
  return (res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const f of frames) res.write(f);
  };
}

/** Answers with a JSON error body and status. */
export function jsonError(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
}

/** Collects every event of a stream. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const ev of it) out.push(ev);
  return out;
}
