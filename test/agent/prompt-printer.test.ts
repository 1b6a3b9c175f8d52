import { describe, expect, it } from "vitest";
import { printer } from "../../bin/cmd-prompt.js";
import type { AgentEvent } from "../../engine/agent/agent-events.js";

// Both streams into one log, as a terminal shows them.
function printed(events: AgentEvent[]): { screen: string; stdout: string } {
  let screen = "";
  let stdout = "";
  const p = printer(false, { stdout: { write: (s: string) => { screen += s; stdout += s; } }, stderr: { write: (s: string) => { screen += s; } } });
  for (const ev of events) p.write(ev);
  p.end();
  return { screen, stdout };
}

describe("librecode prompt's plain output", () => {
  it("puts a [tool ...] note on its own line, after the answer's open line", () => {
    const out = printed([
      { type: "turn_start", turn: 1 },
      { type: "text_delta", text: "Let me read it." },
      { type: "tool_start", tool_call_id: "c1", name: "read", arguments: { path: "a.txt" } },
      { type: "turn_end", turn: 1, stop_reason: "tool_use" },
      { type: "tool_end", tool_call_id: "c1", name: "read", content: "no such file", is_error: true },
      { type: "turn_start", turn: 2 },
      { type: "text_delta", text: "It is missing." },
      { type: "turn_end", turn: 2, stop_reason: "stop" },
    ]);
    expect(out.screen.split("\n")).toEqual([
      "Let me read it.",
      '[tool read {"path":"a.txt"}]',
      "[tool read failed: no such file]",
      "",
      "It is missing.",
      "",
    ]);
    expect(out.stdout).toBe("Let me read it.\n\nIt is missing.\n");
  });

  it("puts a retry note on its own line too", () => {
    const out = printed([{ type: "text_delta", text: "Partial" }, { type: "retry", attempt: 2, delay_ms: 500, reason: "503 overloaded" }]);
    expect(out.screen).toBe("Partial\n[retry 2 in 500 ms: 503 overloaded]\n");
  });
});
