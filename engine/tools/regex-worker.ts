// The JS regex search of grep's walker, run in a worker thread: a pattern that backtracks
// catastrophically (`^(a|a)+$`) costs that thread, never the chat's, and terminating the worker
// stops it at the deadline or on abort (escape).
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import type { GrepMatch } from "./ripgrep.js";

// Self-contained (node built-ins only) so it runs from the sources, the build and a bundle alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const regex = new RegExp(workerData.source, workerData.flags);
const matches = [];
let done = false;
function search(file) {
  let text;
  try {
    if (fs.statSync(file).size > workerData.maxFileBytes) return;
    text = fs.readFileSync(file, "utf8");
  } catch { return; }
  if (text.slice(0, 8192).includes("\\0")) return;
  const lines = text.split("\\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith("\\r") ? lines[i].slice(0, -1) : lines[i];
    if (!regex.test(line)) continue;
    matches.push({ file, line: i + 1, text: line });
    if (matches.length > workerData.limit) return;
  }
}
parentPort.on("message", (m) => {
  if (done) return;
  for (const file of m.files ?? []) {
    search(file);
    if (matches.length > workerData.limit) break;
  }
  if (m.end || matches.length > workerData.limit) {
    done = true;
    parentPort.postMessage(matches);
  }
});
`;

/** What a worker search came to: the matches, or why it stopped early. */
export type WorkerOutcome = { kind: "done"; matches: GrepMatch[] } | { kind: "timeout" } | { kind: "aborted" };

/** A regex search over files fed to it in batches, bounded by a deadline and an abort signal. */
export class RegexWorker {
  private readonly worker: Worker;
  private settled = false;
  /** Resolves once: the matches (limit + 1 at most), the deadline, or the abort. */
  readonly outcome: Promise<WorkerOutcome>;

  constructor(source: string, flags: string, limit: number, maxFileBytes: number, timeoutMs: number, signal: AbortSignal) {
    // node:worker_threads on the first grep, not at start-up (~3 ms).
    const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, flags, limit, maxFileBytes } });
    this.outcome = new Promise<WorkerOutcome>((resolve) => {
      const finish = (o: WorkerOutcome) => {
        if (this.settled) return;
        this.settled = true;
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        void this.worker.terminate();
        resolve(o);
      };
      const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
      const onAbort = () => finish({ kind: "aborted" });
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
      this.worker.on("message", (matches: GrepMatch[]) => finish({ kind: "done", matches }));
      this.worker.on("error", () => finish({ kind: "done", matches: [] }));
    });
  }

  /** True once the search has an outcome (the caller can stop walking). */
  get finished(): boolean {
    return this.settled;
  }

  /** Queues files to search, in order. */
  send(files: string[]): void {
    if (!this.settled && files.length > 0) this.worker.postMessage({ files });
  }

  /** No more files: the worker answers once it has searched what it was sent. */
  end(): void {
    if (!this.settled) this.worker.postMessage({ end: true });
  }
}
