// Writes the chat into the `transcript` buffer as blocks the stock renderer draws. Streamed text is
// coalesced: deltas collect in memory and land in one guarded commit per event-loop turn, so a
// burst of deltas between two frames costs one commit (and one frame), each O(delta) in size.
import type { Block } from "../kernel/block.js";
import type { Runtime } from "../kernel/runtime.js";

const TRANSCRIPT = "transcript";

/** Metadata of a `tool` block (what the transcript renderer reads). */
export type ToolBlockMeta = {
  name: string;
  arguments: Record<string, unknown>;
  arguments_json: string;
  tool_call_id: string;
  status: "pending" | "success" | "error";
  result?: string;
};

/** Guards the pending streamed text of open blocks until the next flush. */
export class TranscriptWriter {
  private readonly pending = new Map<string, { buffer: string; id: string; text: string }>();
  private scheduled = false;

  constructor(private readonly rt: Runtime, private readonly defer: (fn: () => void) => void = setImmediate) {}

  /** Appends a finished block (user message, error, command output); returns its id. */
  add(kind: string, role: string, text: string, metadata: Record<string, unknown> = {}): string {
    return this.appendBlock({ kind, role, text, metadata });
  }

  /** Opens a streaming block (assistant text or thinking); deltas go to it with `stream`. */
  open(kind: string, role: string, metadata: Record<string, unknown> = {}): string {
    return this.appendBlock({ kind, role, text: "", streaming: true, metadata });
  }

  /** Queues streamed text for transcript block `id`; written at the next flush. */
  stream(id: string, text: string): void {
    this.queue(TRANSCRIPT, id, text);
  }

  /** Queues text for the end of a side buffer (`thinking`, `tools`), written in the same flush. */
  streamToBuffer(buffer: string, text: string): void {
    this.queue(buffer, "", text);
  }

  /** Ends a streaming block: its pending text is written and `streaming` cleared. */
  close(id: string, metadata?: Record<string, unknown>): void {
    this.flush();
    this.rt.guard("host", "transcript", () => {
      const patch: Record<string, unknown> = { streaming: false };
      if (metadata) patch.metadata = { ...this.metadataOf(id), ...metadata };
      this.rt.buffers.updateBlock(TRANSCRIPT, id, patch);
    });
  }

  /** Merges metadata (and optionally replaces the text) of a block. */
  update(id: string, metadata: Record<string, unknown>, text?: string): void {
    this.flush();
    this.rt.guard("host", "transcript", () => {
      const patch: Record<string, unknown> = { metadata: { ...this.metadataOf(id), ...metadata } };
      if (text !== undefined) patch.text = text;
      this.rt.buffers.updateBlock(TRANSCRIPT, id, patch);
    });
  }

  /** Writes every pending delta now, in one commit. */
  flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.rt.guard("host", "transcript stream", () => {
      for (const p of batch) {
        if (p.buffer === TRANSCRIPT) this.rt.buffers.appendToBlock(TRANSCRIPT, p.id, p.text);
        else this.rt.buffers.append(p.buffer, p.text);
      }
    });
  }

  /** Empties a side buffer (`thinking`, `tools`) at the start of a run or tool. */
  clearBuffer(name: string): void {
    for (const key of [...this.pending.keys()]) if (key.startsWith(`${name}\u0000`)) this.pending.delete(key);
    this.rt.guard("host", "transcript", () => {
      if (this.rt.buffers.getText(name) !== "") this.rt.buffers.setText(name, "");
    });
  }

  // Keyed by buffer and block: a side buffer's text is one entry with no block id.
  private queue(buffer: string, id: string, text: string): void {
    if (text === "") return;
    const key = `${buffer}\u0000${id}`;
    const p = this.pending.get(key);
    if (p) p.text += text;
    else this.pending.set(key, { buffer, id, text });
    if (!this.scheduled) {
      this.scheduled = true;
      this.defer(() => this.flush());
    }
  }

  // From the end without copying: the blocks touched are the newest, whatever the history length.
  private metadataOf(id: string): Record<string, unknown> {
    const blocks = this.rt.buffers.get(TRANSCRIPT)?.blocks ?? [];
    for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.id === id) return blocks[i]!.metadata;
    return {};
  }

  // Pending deltas are written first, so the new block lands after the text streamed before it.
  private appendBlock(block: Partial<Block>): string {
    this.flush();
    let id = "";
    this.rt.guard("host", "transcript", () => {
      id = this.rt.buffers.appendBlock(TRANSCRIPT, block).id;
    });
    return id;
  }
}
