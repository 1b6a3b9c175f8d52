// Announcing the session a chat opens: `session_start` for a new one; for a resumed one its newest
// page in the transcript now (or the page put there before the first frame), `session_load`, then
// on a later timer tick its context and its older pages. Guards the resumed session's history.
import type { LiveContext } from "./live-context.js";
import type { LoopCore } from "./loop-core.js";
import { newestPageSize, SessionHistory, showNewest, type ShownHistory } from "./session-history.js";

/** Guards the history of the session last announced (its older pages load in the background). */
export class SessionAnnouncer {
  private history: SessionHistory | undefined;

  constructor(private readonly loop: LoopCore, private readonly live: LiveContext) {}

  /**
   * Announces the loop's session (`session_start`, or `session_load` with its messages shown) and
   * fills the status. A resumed session shows its newest page now (or `shown`, put there before
   * the first frame); older pages and the model's context are read on later timer ticks.
   */
  announce(resumed: boolean, shown?: ShownHistory): void {
    const loop = this.loop;
    const s = loop.session;
    // The original's session fields: name "" when unnamed, times as RFC 3339 text, the parent session's id.
    const about = {
      session_id: s.id, name: s.name ?? "", cwd: s.cwd, parent_session: s.parentId ?? "",
      created_at: new Date(s.createdAt).toISOString(), updated_at: new Date(s.updatedAt).toISOString(),
    };
    this.history?.stop();
    this.history = undefined;
    if (resumed) {
      const page = shown?.sessionId === s.id ? shown : showNewest(loop.rt, loop.store, s.id, newestPageSize(loop.rt.height));
      this.history = new SessionHistory(loop.rt, loop.store, page);
      this.live.resume(s.id);
      loop.cost = loop.store.costOf(s.id);
      const history = this.history;
      loop.rt.scheduler.defer(0, () => {
        if (!this.live.unreadFor(s.id)) return;
        this.live.read();
        loop.pushStatus();
        history.loadInBackground();
      }, "host");
      loop.rt.emit("session_load", { ...about, messages: s.messageCount });
    } else loop.rt.emit("session_start", { ...about, provider: loop.model.providerId, model: loop.model.model });
    loop.emitOut({ type: "session", id: s.id, name: s.name, resumed, provider: loop.model.providerId, model: loop.model.model });
    loop.pushStatus();
  }
}
