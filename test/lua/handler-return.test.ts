// The original's handler return tables on terminal events, merged in handler order inside the
// handler's savepoint.
import { describe, expect, it } from "vitest";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { lcRuntime } from "./harness.js";

describe("terminal event return tables", () => {
  it("a default buffer changes only in the fields returned: the host's metadata and blocks stay", () => {
    const { rt, run } = lcRuntime();
    const chat = installStockChat(rt);
    chat.setStatus({ provider: "local", model: "m1" });
    rt.guard("test", "block", () => rt.buffers.appendBlock("transcript", { role: "user", text: "q" }));
    run(`lc.on("render", function() return { buffers = { status = { text = "mine" }, transcript = { label = "log" } } } end)`);
    rt.emit("render", rt.frameData());
    const status = rt.buffers.get("status")!;
    expect([status.text, status.metadata.provider, status.metadata.model]).toEqual(["mine", "local", "m1"]);
    expect(rt.buffers.get("transcript")!.blocks.map((b) => b.text)).toEqual(["q"]);
    expect(rt.buffers.get("transcript")!.label).toBe("log");
  });

  it("another buffer is replaced whole, as the original replaced it", () => {
    const { rt, run } = lcRuntime();
    run(`lc.buf.set("notes", { text = "old", label = "Notes", metadata = { pinned = true } })
         lc.on("tick", function() return { buffers = { notes = { text = "new" } } } end)`);
    rt.emit("tick");
    const notes = rt.buffers.get("notes")!;
    expect([notes.text, notes.label, notes.metadata]).toEqual(["new", "", {}]);
  });

  it("later handlers' tables apply over earlier ones; a failing handler's table is lost with it", () => {
    const { rt, run } = lcRuntime();
    run(`lc.on("tick", {priority = 3}, function() return { buffers = { a = "first", b = "first" } } end)
         lc.on("tick", {priority = 2}, function() return { buffers = { b = "second" }, deleted_buffers = { "gone" } } end)
         lc.on("tick", {priority = 1}, function() lc.buf.set_text("a", "failed") error("no") end)
         lc.buf.set_text("gone", "x")`);
    rt.emit("tick");
    expect([rt.buffers.getText("a"), rt.buffers.getText("b"), rt.buffers.has("gone")]).toEqual(["first", "second", false]);
  });
});

describe("events the original declares but never fires", () => {
  it("session_shutdown and resources_discover handlers register without error and never run", () => {
    const { rt, run } = lcRuntime();
    run(`lc.on("session_shutdown", function() lc.buf.set_text("ran", "shutdown") end)
         lc.api.create_autocmd({ "resources_discover" }, function() lc.buf.set_text("ran", "discover") end)`);
    expect(rt.errors).toEqual([]);
    expect([rt.events.count("session_shutdown"), rt.events.count("resources_discover"), rt.buffers.has("ran")]).toEqual([1, 1, false]);
  });
});
