// The records the session store reads and writes.

export type MessageRole = "user" | "assistant" | "tool" | "system";
export type MessageKind = "user" | "assistant" | "thinking" | "tool_call" | "tool_result" | "system" | "summary";
/** `partial`: still streaming (or its writer died); `interrupted`: cut off and kept as it was. */
export type MessageStatus = "complete" | "partial" | "interrupted";

export type SessionInfo = {
  id: string;
  name: string | null;
  cwd: string;
  createdAt: number;
  updatedAt: number;
  provider: string | null;
  model: string | null;
  messageCount: number;
  /** The session this one was forked from (null for a root, or when the parent was deleted). */
  parentId: string | null;
  /** The parent's last message seq the fork copied (null for a root). */
  forkSeq: number | null;
  /** The start of the first user message (up to 200 characters), for lists; null before one. */
  firstPrompt?: string | null;
};

export type MessageRecord = {
  id: number;
  sessionId: string;
  seq: number;
  role: MessageRole;
  kind: MessageKind;
  text: string;
  payload?: unknown;
  status: MessageStatus;
  createdAt: number;
  /** Summaries only: the last seq this summary stands for in the model's context. */
  replacesThrough?: number;
};

/** What a caller gives to append: role defaults from kind, status to complete. */
export type NewMessage = {
  kind: MessageKind;
  role?: MessageRole;
  text?: string;
  payload?: unknown;
  status?: MessageStatus;
};

/** The role a kind implies when the caller gives none. */
export function roleForKind(kind: MessageKind): MessageRole {
  switch (kind) {
    case "user":
      return "user";
    case "assistant":
    case "thinking":
    case "tool_call":
      return "assistant";
    case "tool_result":
      return "tool";
    case "system":
    case "summary":
      return "system";
  }
}
