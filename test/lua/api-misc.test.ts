import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { lcRuntime } from "./harness.js";

const ctx = () => ({ cwd: process.cwd(), signal: new AbortController().signal });

describe("commands", () => {
  it("register_command runs fn(args, words) and returns its text", async () => {
    const { run, host, rt } = lcRuntime();
    run(`lc.register_command("greet", "say hello", function(args, words) lc.buf.set_text("log", #words .. ":" .. args) return "hello " .. (words[1] or "") end)`);
    expect(await host.runCommand("greet", "bob  smith")).toEqual({ ok: true, output: "hello bob" });
    expect(rt.buffers.getText("log")).toBe("2:bob  smith");
    expect(rt.commands.get("greet")).toMatchObject({ desc: "say hello", owner: "ext" });
  });

  it("create_user_command and its aliases take a function or {desc, callback}", async () => {
    const { run, host, rt } = lcRuntime();
    run(`
      lc.api.create_user_command("a", function() return "A" end)
      lc.api.nvim_create_user_command("b", {desc = "bee", callback = function() return "B" end})
      lc.command.create("c", function() return "C" end)`);
    expect([await host.runCommand("a"), await host.runCommand("b"), await host.runCommand("c")]).toEqual([
      { ok: true, output: "A" }, { ok: true, output: "B" }, { ok: true, output: "C" },
    ]);
    expect(rt.commands.get("b")!.desc).toBe("bee");
  });

  it("a failing command rolls back and reports, and runCommand says why", async () => {
    const { run, host, rt } = lcRuntime();
    run(`lc.register_command("bad", "", function() lc.buf.set_text("log", "x") error("nope") end)`);
    expect(await host.runCommand("bad")).toEqual({ ok: false, error: "extension run: bad: eval.lua:1: nope" });
    expect(await host.runCommand("missing")).toMatchObject({ ok: false });
    expect(rt.buffers.getText("log")).toBe("");
  });
});

describe("tools", () => {
  it("register_tool puts a model-visible tool in the ToolRegistry; fn(args) returns a string", async () => {
    const { run, rt } = lcRuntime();
    run(`lc.register_tool("shout", "upper-cases text", function(args) return args.text:upper() end,
      {type = "object", properties = {text = {type = "string"}}, required = {"text"}})`);
    const tool = rt.tools.get("shout")!;
    expect([tool.description, tool.owner, tool.schema]).toEqual(["upper-cases text", "ext", { type: "object", properties: { text: { type: "string" } }, required: ["text"] }]);
    expect(await tool.run({ text: "hi" }, ctx())).toEqual({ content: "HI" });
  });

  it("a tool may return {content, details}; an error becomes an error result", async () => {
    const { run, rt } = lcRuntime();
    run(`
      lc.register_tool("d", "", function(args) return {content = "c", details = {n = 1}} end)
      lc.register_tool("e", "", function(args) error("broken") end)`);
    expect(await rt.tools.get("d")!.run({}, ctx())).toEqual({ content: "c", details: { n: 1 } });
    expect(await rt.tools.get("e")!.run({}, ctx())).toEqual({ content: "tool e failed: eval.lua:3: broken", isError: true });
  });
});

describe("timers", () => {
  it("defer runs once, interval repeats until stopped, on the runtime clock", () => {
    const { run, rt, clock } = lcRuntime();
    run(`
      lc.timer.defer(100, function() lc.buf.append("log", "d") end)
      iv = lc.timer.interval(50, function() lc.buf.append("log", "i") end)`);
    clock.advance(100);
    rt.scheduler.runDue();
    // t=50: the interval; t=100: the defer (created first), then the interval.
    expect(rt.buffers.getText("log")).toBe("idi");
    clock.advance(50);
    rt.scheduler.runDue();
    expect(rt.buffers.getText("log")).toBe("idii");
    expect(run(`return lc.timer.stop(iv), lc.timer.stop(iv)`)).toEqual([true, false]);
    clock.advance(500);
    rt.scheduler.runDue();
    expect(rt.buffers.getText("log")).toBe("idii");
  });

  it("timers due before a key run first on dispatch", () => {
    const { run, rt, clock } = lcRuntime();
    run(`lc.timer.defer(10, function() lc.buf.append("log", "t") end) lc.on("key", function() lc.buf.append("log", "k") end)`);
    clock.advance(10);
    rt.dispatchKey(keyEvent("a", { text: "a" }));
    expect(rt.buffers.getText("log")).toBe("tk");
  });
});

describe("actions, namespaces, log", () => {
  it("action.run runs a registered action and says false for an unknown one", () => {
    const { run, rt } = lcRuntime();
    let submitted = 0;
    rt.actions.register("submit", () => submitted++);
    expect(run(`return lc.action.run("submit"), lc.action.run("nope")`)).toEqual([true, false]);
    expect(submitted).toBe(1);
  });

  it("create_namespace gives a stable integer per name", () => {
    const { run } = lcRuntime();
    expect(run(`local a = lc.api.create_namespace("hl") return math.type(a), a == lc.api.create_namespace("hl"), a ~= lc.api.create_namespace("other")`)).toEqual(["integer", true, true]);
  });

  it("log records messages, and print goes to the log instead of the screen", () => {
    const { run, host } = lcRuntime();
    run(`lc.log("hello", 42) print("from print", nil)`);
    expect(host.extensions()[0]!.logs).toEqual(["hello 42", "from print nil"]);
  });
});
