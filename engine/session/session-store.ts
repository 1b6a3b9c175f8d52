// Sessions and their messages in SQLite (`$LIBRECODE_HOME/librecode.db`, WAL).
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { redactSecrets, redactValue } from "../auth/redact-secrets.js";
import { checkDatabasePath, databaseOpenError, databasePath } from "./database-path.js";
import { migrate } from "./session-migrations.js";
import {
  roleForKind,
  type MessageKind,
  type MessageRecord,
  type MessageRole,
  type MessageStatus,
  type NewMessage,
  type SessionInfo,
} from "./session-records.js";

/** The only part of a clock the store needs; engine/scheduler's Clock fits. */
export type NowClock = { now(): number };

export type SessionStoreOptions = {
  clock?: NowClock;
  /** Keys to scrub from everything written, asked at each write (a /login may add one mid-run). */
  secrets?: () => Iterable<string>;
  /** Streaming flush bounds (defaults 250 ms and 2048 characters). */
  flushMs?: number;
  flushChars?: number;
};

type SessionRow = {
  id: string; name: string | null; cwd: string; created_at: number; updated_at: number;
  provider: string | null; model: string | null; message_count: number; parent_id: string | null; fork_seq: number | null;
  first_prompt: string | null;
};
type MessageRow = {
  id: number; session_id: string; seq: number; role: string; kind: string; text: string; payload: string | null;
  status: string; created_at: number; writer_pid: number | null; replaces_through: number | null;
};
type Streaming = { id: number; sessionId: string; text: string; flushedChars: number; flushedAt: number };

const SESSION_COLUMNS = `s.*, (SELECT COUNT(*) FROM messages m WHERE m.session_id = s.id) AS message_count,
  (SELECT substr(m.text, 1, 200) FROM messages m WHERE m.session_id = s.id AND m.kind = 'user' ORDER BY m.seq LIMIT 1) AS first_prompt`;

/** Guards one open database: prepared statements, the streaming partials of this process. */
export class SessionStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly clock: NowClock;
  private readonly secrets: () => Iterable<string>;
  private readonly flushMs: number;
  private readonly flushChars: number;
  private readonly partials = new Map<number, Streaming>();
  private readonly statements = new Map<string, Database.Statement>();

  /** Opens (creating and migrating as needed) `<home>/librecode.db`. */
  static open(home: string, opts: SessionStoreOptions = {}): SessionStore {
    checkDatabasePath(home);
    mkdirSync(home, { recursive: true, mode: 0o700 });
    return new SessionStore(databasePath(home), opts);
  }

  constructor(path: string, opts: SessionStoreOptions = {}) {
    this.path = path;
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.secrets = opts.secrets ?? (() => []);
    this.flushMs = opts.flushMs ?? 250;
    this.flushChars = opts.flushChars ?? 2048;
    try {
      this.db = new Database(path);
      this.db.pragma("journal_mode = WAL");
    } catch (e) {
      throw databaseOpenError(path, e instanceof Error ? e.message : String(e));
    }
    // NORMAL under WAL: a committed message survives a process crash; only an OS crash may lose the last commits.
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("foreign_keys = ON");
    migrate(this.db, path);
  }

  /** The journal mode in effect ("wal"). */
  journalMode(): string {
    return String(this.db.pragma("journal_mode", { simple: true }));
  }

  /** The schema version stored in the database. */
  schemaVersion(): number {
    return (this.stmt("SELECT version FROM schema_version").get() as { version: number }).version;
  }

  /** Writes any streaming text still in memory and closes the database. */
  close(): void {
    for (const id of [...this.partials.keys()]) this.flushPartial(id);
    this.db.close();
  }

  /** A new empty session. */
  create(init: { cwd: string; name?: string; provider?: string; model?: string }): SessionInfo {
    const id = randomBytes(6).toString("hex");
    const now = this.clock.now();
    this.stmt("INSERT INTO sessions (id, name, cwd, created_at, updated_at, provider, model) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(id, init.name ? this.scrub(init.name) : null, init.cwd, now, now, init.provider ?? null, init.model ?? null);
    return this.get(id)!;
  }

  /** Sessions, most recently updated first (optionally only those of one cwd). */
  list(opts: { cwd?: string; limit?: number } = {}): SessionInfo[] {
    const where = opts.cwd === undefined ? "" : "WHERE s.cwd = @cwd";
    const rows = this.stmt(`SELECT ${SESSION_COLUMNS} FROM sessions s ${where} ORDER BY s.updated_at DESC, s.rowid DESC LIMIT @limit`)
      .all({ cwd: opts.cwd, limit: opts.limit ?? -1 }) as SessionRow[];
    return rows.map(toSession);
  }

  /** One session by exact id. */
  get(id: string): SessionInfo | undefined {
    const row = this.stmt(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.id = ?`).get(id) as SessionRow | undefined;
    return row && toSession(row);
  }

  /** A session by exact id, by name (the newest of that name), or by a unique id prefix. */
  find(ref: string): SessionInfo | undefined {
    const exact = this.get(ref);
    if (exact) return exact;
    const named = this.stmt(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.name = ? ORDER BY s.updated_at DESC, s.rowid DESC LIMIT 1`)
      .get(ref) as SessionRow | undefined;
    if (named) return toSession(named);
    if (ref.length < 4) return undefined;
    const prefixed = this.stmt("SELECT id FROM sessions WHERE id LIKE ? || '%' LIMIT 2").all(ref) as { id: string }[];
    return prefixed.length === 1 ? this.get(prefixed[0]!.id) : undefined;
  }

  /** The most recently updated session started in `cwd` that holds a message (what `--resume` opens). */
  latestForCwd(cwd: string): SessionInfo | undefined {
    const row = this.stmt(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.cwd = ? AND EXISTS (SELECT 1 FROM messages m WHERE m.session_id = s.id) ` +
      "ORDER BY s.updated_at DESC, s.rowid DESC LIMIT 1").get(cwd) as SessionRow | undefined;
    return row && toSession(row);
  }

  /** Deletes the session when nothing was said in it and it has no name (a launch that was only
   *  looked at leaves no row behind); true when it was deleted. */
  removeIfEmpty(id: string): boolean {
    const r = this.stmt("DELETE FROM sessions WHERE id = ? AND name IS NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.session_id = sessions.id)").run(id);
    return r.changes > 0;
  }

  /** The newest `limit` prompts typed in `cwd` across its sessions, oldest first, repeats in a row collapsed. */
  recentPrompts(cwd: string, limit = 200): string[] {
    // Newest first by message id (insertion order across sessions), so the scan stops after `limit` rows.
    const rows = this.stmt(
      // A shell escape's note stores what was typed (`!cmd`) in payload.typed: that is what up brings back.
      "SELECT COALESCE(json_extract(m.payload, '$.typed'), m.text) AS text FROM messages m JOIN sessions s ON s.id = m.session_id " +
        "WHERE s.cwd = ? AND m.kind = 'user' AND m.text != '' ORDER BY m.id DESC LIMIT ?",
    ).all(cwd, limit) as { text: string }[];
    const prompts: string[] = [];
    for (let i = rows.length - 1; i >= 0; i--) if (prompts.at(-1) !== rows[i]!.text) prompts.push(rows[i]!.text);
    return prompts;
  }

  /** Sets the session's name (an empty name clears it). */
  rename(id: string, name: string): void {
    this.requireSession("rename", id);
    this.stmt("UPDATE sessions SET name = ? WHERE id = ?").run(name === "" ? null : this.scrub(name), id);
  }

  /** A new session holding copies of `id`'s messages up to seq `throughSeq` (all when omitted), recorded
   *  as its child. Copies keep their seq numbers, so a summary's `replacesThrough` stays true. */
  fork(id: string, opts: { throughSeq?: number; name?: string } = {}): SessionInfo {
    const parent = this.get(id);
    if (!parent) throw new Error(`session fork: ${JSON.stringify(id)}: expected a session id, got no match`);
    this.settleAbandoned(id);
    const last = (this.stmt("SELECT MAX(seq) AS seq FROM messages WHERE session_id = ?").get(id) as { seq: number | null }).seq ?? 0;
    const through = Math.min(opts.throughSeq ?? last, last);
    const child = randomBytes(6).toString("hex");
    const now = this.clock.now();
    this.db.transaction(() => {
      this.stmt("INSERT INTO sessions (id, name, cwd, created_at, updated_at, provider, model, parent_id, fork_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .run(child, opts.name ? this.scrub(opts.name) : null, parent.cwd, now, now, parent.provider, parent.model, id, through);
      this.stmt(
        "INSERT INTO messages (session_id, seq, role, kind, text, payload, status, created_at, writer_pid, replaces_through) " +
          "SELECT ?, seq, role, kind, text, payload, status, created_at, NULL, replaces_through FROM messages WHERE session_id = ? AND seq <= ? ORDER BY seq",
      ).run(child, id, through);
    })();
    return this.get(child)!;
  }

  /** Every session whose parent is `id`, oldest first. */
  children(id: string): SessionInfo[] {
    const rows = this.stmt(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.parent_id = ? ORDER BY s.created_at, s.rowid`).all(id) as SessionRow[];
    return rows.map(toSession);
  }

  /** Deletes a session and its messages; its forks stay, as roots. False when there was none. */
  delete(id: string): boolean {
    return this.db.transaction(() => {
      this.stmt("UPDATE sessions SET parent_id = NULL WHERE parent_id = ?").run(id);
      return this.stmt("DELETE FROM sessions WHERE id = ?").run(id).changes > 0;
    })();
  }

  /** Records the provider and model a session now talks to. */
  setModel(id: string, provider: string, model: string): void {
    this.requireSession("setModel", id);
    this.stmt("UPDATE sessions SET provider = ?, model = ? WHERE id = ?").run(provider, model, id);
  }

  /** Appends one finished message, committed before this returns. */
  appendMessage(sessionId: string, m: NewMessage): MessageRecord {
    this.requireSession("appendMessage", sessionId);
    const id = this.insert(sessionId, m.kind, m.role ?? roleForKind(m.kind), m.text ?? "", m.payload, m.status ?? "complete", null);
    return this.message(id);
  }

  /** Appends a compaction summary (`payload`: its details): the model's context restarts from it, the older messages stay stored. */
  appendSummary(sessionId: string, text: string, replacesThrough: number, payload?: unknown): MessageRecord {
    this.requireSession("appendSummary", sessionId);
    const id = this.insert(sessionId, "summary", "system", text, payload, "complete", replacesThrough);
    return this.message(id);
  }

  /** Starts a streamed message (assistant text, thinking...) saved as `partial`; returns its id. */
  beginPartial(sessionId: string, kind: MessageKind = "assistant", role?: MessageRole): number {
    this.requireSession("beginPartial", sessionId);
    const id = this.insert(sessionId, kind, role ?? roleForKind(kind), "", undefined, "partial", null, process.pid);
    this.partials.set(id, { id, sessionId, text: "", flushedChars: 0, flushedAt: this.clock.now() });
    return id;
  }

  /** Adds streamed text; written to disk at a bounded rate so a killed process keeps what had streamed. */
  updatePartial(id: number, delta: string): void {
    const p = this.partials.get(id);
    if (!p) throw new Error(`session.updatePartial: message ${id}: expected a streaming message, got none`);
    p.text += delta;
    // The size trigger grows with the text so a very long answer is not rewritten quadratically.
    const sizeDue = p.text.length - p.flushedChars >= Math.max(this.flushChars, p.flushedChars >> 2);
    if (sizeDue || this.clock.now() - p.flushedAt >= this.flushMs) this.flushPartial(id);
  }

  /** Writes the streamed text so far now. */
  flushPartial(id: number): void {
    const p = this.partials.get(id);
    if (!p) return;
    this.stmt("UPDATE messages SET text = ? WHERE id = ?").run(this.scrub(p.text), id);
    p.flushedChars = p.text.length;
    p.flushedAt = this.clock.now();
  }

  /** Ends a streamed message: complete, or interrupted (kept as streamed) when the run was cancelled. */
  finishPartial(id: number, end: { status?: "complete" | "interrupted"; text?: string; payload?: unknown } = {}): MessageRecord {
    const p = this.partials.get(id);
    if (!p) throw new Error(`session.finishPartial: message ${id}: expected a streaming message, got none`);
    this.partials.delete(id);
    const text = end.text ?? p.text;
    const payload = this.payloadJson(end.payload);
    this.db.transaction(() => {
      this.stmt("UPDATE messages SET text = ?, payload = COALESCE(?, payload), status = ?, writer_pid = NULL WHERE id = ?")
        .run(this.scrub(text), payload, end.status ?? "complete", id);
      this.stmt("UPDATE sessions SET updated_at = ? WHERE id = ?").run(this.clock.now(), p.sessionId);
    })();
    return this.message(id);
  }

  /** Every stored message in order; partials whose writer is gone are marked interrupted first. */
  loadMessages(sessionId: string): MessageRecord[] {
    this.settleAbandoned(sessionId);
    const rows = this.stmt("SELECT * FROM messages WHERE session_id = ? ORDER BY seq").all(sessionId) as MessageRow[];
    return rows.map(toMessage);
  }

  /**
   * The newest `limit` messages before seq `beforeSeq` (all seqs when undefined), oldest first: what
   * a resumed chat shows a page at a time. A page never starts with a tool result (its call is in
   * the message before), so it reaches further back until it does not.
   */
  loadPage(sessionId: string, beforeSeq: number | undefined, limit: number): MessageRecord[] {
    this.settleAbandoned(sessionId);
    const st = this.stmt("SELECT * FROM messages WHERE session_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?");
    const rows = st.all(sessionId, beforeSeq ?? Number.MAX_SAFE_INTEGER, Math.max(1, limit)) as MessageRow[];
    while (rows.length > 0 && rows.at(-1)!.kind === "tool_result") {
      const more = st.all(sessionId, rows.at(-1)!.seq, 16) as MessageRow[];
      if (more.length === 0) break;
      for (const r of more) {
        rows.push(r);
        if (r.kind !== "tool_result") break; // the call: the page may start here
      }
    }
    return rows.reverse().map(toMessage);
  }

  /**
   * USD the session's responses cost at the prices known: the `cost_usd` of every assistant message
   * that stored its usage (what sessionUsage sums), without reading the messages; undefined when none was priced.
   */
  costOf(sessionId: string): number | undefined {
    const row = this.stmt("SELECT SUM(json_extract(payload, '$.cost_usd')) AS cost FROM messages WHERE session_id = ? AND kind = 'assistant' " +
      "AND json_type(payload, '$.usage') = 'object' AND json_type(payload, '$.cost_usd') IN ('integer', 'real')").get(sessionId) as { cost: number | null };
    return row.cost ?? undefined;
  }

  /** The messages a resumed model sees: the latest summary, then everything after what it replaces. */
  loadContext(sessionId: string): MessageRecord[] {
    const all = this.loadMessages(sessionId);
    let summary: MessageRecord | undefined;
    for (const m of all) if (m.kind === "summary") summary = m;
    if (!summary) return all;
    const after = all.filter((m) => m.kind !== "summary" && m.seq > (summary.replacesThrough ?? 0));
    return [summary, ...after];
  }

  private settleAbandoned(sessionId: string): void {
    const rows = this.stmt("SELECT id, writer_pid FROM messages WHERE session_id = ? AND status = 'partial'")
      .all(sessionId) as { id: number; writer_pid: number | null }[];
    for (const row of rows) {
      if (this.partials.has(row.id)) continue;
      if (row.writer_pid !== null && row.writer_pid !== process.pid && processAlive(row.writer_pid)) continue;
      this.stmt("UPDATE messages SET status = 'interrupted', writer_pid = NULL WHERE id = ?").run(row.id);
    }
  }

  private insert(
    sessionId: string, kind: MessageKind, role: MessageRole, text: string, payload: unknown,
    status: MessageStatus, replacesThrough: number | null, writerPid: number | null = null,
  ): number {
    const now = this.clock.now();
    const json = this.payloadJson(payload);
    return this.db.transaction(() => {
      const row = this.stmt(
          `INSERT INTO messages (session_id, seq, role, kind, text, payload, status, created_at, writer_pid, replaces_through)
           SELECT @sid, COALESCE(MAX(seq), 0) + 1, @role, @kind, @text, @json, @status, @now, @pid, @through
           FROM messages WHERE session_id = @sid RETURNING id`,
        )
        .get({ sid: sessionId, role, kind, text: this.scrub(text), json, status, now, pid: writerPid, through: replacesThrough }) as { id: number };
      this.stmt("UPDATE sessions SET updated_at = ? WHERE id = ?").run(now, sessionId);
      return row.id;
    }).immediate();
  }

  private message(id: number): MessageRecord {
    return toMessage(this.stmt("SELECT * FROM messages WHERE id = ?").get(id) as MessageRow);
  }

  private requireSession(what: string, id: string): void {
    if (!this.stmt("SELECT 1 FROM sessions WHERE id = ?").get(id)) {
      throw new Error(`session.${what}: session ${JSON.stringify(id)}: expected an existing session, got none`);
    }
  }

  // Prepared once per SQL text: flushes and appends run often while an answer streams.
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private secretList(): string[] {
    return [...this.secrets()];
  }

  private payloadJson(payload: unknown): string | null {
    return payload === undefined ? null : JSON.stringify(redactValue(payload, this.secretList()));
  }

  private scrub(text: string): string {
    return redactSecrets(text, this.secretList());
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function toSession(r: SessionRow): SessionInfo {
  return {
    id: r.id, name: r.name, cwd: r.cwd, createdAt: r.created_at, updatedAt: r.updated_at,
    provider: r.provider, model: r.model, messageCount: r.message_count, parentId: r.parent_id, forkSeq: r.fork_seq,
    firstPrompt: r.first_prompt ?? null,
  };
}

function toMessage(r: MessageRow): MessageRecord {
  const m: MessageRecord = {
    id: r.id, sessionId: r.session_id, seq: r.seq, role: r.role as MessageRole, kind: r.kind as MessageKind,
    text: r.text, status: r.status as MessageStatus, createdAt: r.created_at,
  };
  if (r.payload !== null) m.payload = JSON.parse(r.payload);
  if (r.replaces_through !== null) m.replacesThrough = r.replaces_through;
  return m;
}
