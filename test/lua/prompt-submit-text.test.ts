import { describe, expect, it } from "vitest";
import { PROMPT_TEXT_LIMIT } from "../../lua/event-table.js";
import { withExtension } from "./harness.js";

const ext = (body: string) => withExtension(`local lc = require("librecode")\nlc.on("prompt_submit", function(ev)\n${body}\nend)`);

describe("prompt_submit data.text from Lua", () => {
  it("writes a rewritten data.text back to the host", () => {
    const { rt, errors } = ext(`ev.data.text = "[lua] " .. ev.data.text`);
    const data: Record<string, unknown> = { text: "fix the bug" };
    rt.emit("prompt_submit", data);
    expect(errors()).toEqual([]);
    expect(data).toEqual({ text: "[lua] fix the bug" });
  });

  it("reads back the text it wrote, and can write it again", () => {
    const { rt } = ext(`ev.data.text = ev.data.text .. "!"\nev.data.text = ev.data.text .. "?"`);
    const data: Record<string, unknown> = { text: "go" };
    rt.emit("prompt_submit", data);
    expect(data.text).toBe("go!?");
  });

  it("keeps other fields Lua sets inside Lua: only text is written back", () => {
    const { rt, errors } = ext(`ev.data.extra = "x"\nev.data.text = ev.data.extra .. ev.data.text\nlocal keys = {}\nfor k in pairs(ev.data) do table.insert(keys, k) end\ntable.sort(keys)\nlc.buf.set_text("log", table.concat(keys, ","))`);
    const data: Record<string, unknown> = { text: "hi" };
    rt.emit("prompt_submit", data);
    expect(errors()).toEqual([]);
    expect(data).toEqual({ text: "xhi" });
    expect(rt.buffers.getText("log")).toBe("extra,text");
  });

  it("refuses a text that is not a string or longer than the limit, and keeps the prompt", () => {
    const { rt, errors } = ext(`if ev.data.text == "n" then ev.data.text = 5 else ev.data.text = string.rep("a", ${PROMPT_TEXT_LIMIT + 1}) end`);
    const long: Record<string, unknown> = { text: "long" };
    rt.emit("prompt_submit", long);
    const num: Record<string, unknown> = { text: "n" };
    rt.emit("prompt_submit", num);
    expect(long).toEqual({ text: "long" });
    expect(num).toEqual({ text: "n" });
    expect(errors().map((e) => e.split("\n")[0])).toEqual([
      `extension ext: prompt_submit handler failed: data.text: expected a string of at most ${PROMPT_TEXT_LIMIT} characters, got ${PROMPT_TEXT_LIMIT + 1}`,
      "extension ext: prompt_submit handler failed: data.text: expected a string, got number",
    ]);
  });

  it("runs the docs/lua-api.md example", () => {
    const { rt, errors } = ext(`ev.data.text = ev.data.text:gsub("^tl;dr ", "Summarise briefly: ")`);
    const data: Record<string, unknown> = { text: "tl;dr the README" };
    rt.emit("prompt_submit", data);
    expect(errors()).toEqual([]);
    expect(data.text).toBe("Summarise briefly: the README");
  });
});
