// What /model, /resume and /tree offer in a picker: one item per model or session, with the facts
// that tell them apart in the detail (context window and prices; age, size and id).
import type { PickerItem } from "../chat/picker.js";
import { formatPrice, type ModelListEntry } from "../model/format-model-list.js";
import { formatTime } from "../session/format-session-list.js";
import { sessionForest } from "../session/format-session-tree.js";
import type { SessionInfo } from "../session/session-records.js";

/** Items and the one to select first. */
export type PickerChoice<T> = { items: PickerItem<T>[]; selected: number };

function contextText(n: number | undefined): string | undefined {
  if (n === undefined) return undefined;
  return n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)}M context` : `${Math.round(n / 1000)}k context`;
}

/** One item per configured model (`provider/model`, its value is that spec for /model); a provider
 *  that lists no models is one item (its default model). `current` ("provider/model") is selected. */
export function modelItems(entries: readonly ModelListEntry[], current: string): PickerChoice<string> {
  const items: PickerItem<string>[] = [];
  for (const e of entries) {
    const noKey = e.keyFound === false ? ["no key"] : [];
    if (e.models.length === 0) {
      items.push({ label: e.provider, detail: ["its default model", ...noKey].join(" · "), value: e.provider });
      continue;
    }
    for (const m of e.models) {
      const price = m.price ? [`$${formatPrice(m.price.input)}/$${formatPrice(m.price.output)} per M`] : [];
      const ctx = contextText(m.contextWindow);
      // A missing key first: it decides whether the choice can work at all.
      const detail = [...noKey, ...(ctx ? [ctx] : []), ...price].join(" · ");
      items.push({ label: `${e.provider}/${m.id}`, ...(detail ? { detail } : {}), value: `${e.provider}/${m.id}` });
    }
  }
  return { items, selected: Math.max(0, items.findIndex((i) => i.value === current)) };
}

/** A session as a list names it: its name and its first prompt (one line, cut to 60 characters),
 *  either alone when the other is missing, else its id. */
function sessionTitle(s: SessionInfo): string {
  const line = (s.firstPrompt ?? "").replace(/\s+/g, " ").trim();
  const prompt = line.length > 60 ? `${line.slice(0, 59)}…` : line;
  if (s.name) return prompt === "" ? s.name : `${s.name}: ${prompt}`;
  return prompt === "" ? s.id : prompt;
}

// The id goes last: a narrow picker cuts it first, and it still matches what is typed.
function sessionDetail(s: SessionInfo, current: string): string {
  const parts = [`${s.messageCount} ${s.messageCount === 1 ? "msg" : "msgs"}`, formatTime(s.updatedAt), s.id];
  return (s.id === current ? ["this session", ...parts] : parts).join(" · ");
}

/** One item per session other than the current one (newest first as given); the value is the session. */
export function sessionItems(sessions: readonly SessionInfo[], current: string): PickerChoice<SessionInfo> {
  const items = sessions.filter((s) => s.id !== current).map((s) => ({ label: sessionTitle(s), detail: sessionDetail(s, current), value: s }));
  return { items, selected: 0 };
}

/** The fork tree as items: tree lines as the prefix, the current session selected. */
export function treeItems(sessions: readonly SessionInfo[], current: string): PickerChoice<SessionInfo> {
  const rows = sessionForest(sessions);
  const items = rows.map((r) => ({ prefix: r.branch, label: sessionTitle(r.session), detail: sessionDetail(r.session, current), value: r.session }));
  return { items, selected: Math.max(0, rows.findIndex((r) => r.session.id === current)) };
}
