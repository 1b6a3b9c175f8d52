import { describe, expect, it } from "vitest";
import { ToolRegistry, type ToolDefinition } from "../../engine/kernel/tool-registry.js";
import { builtinTools, registerBuiltinTools, registerConfiguredTools } from "../../engine/tools/builtin-tools.js";
import { tempTree, toolContext } from "./tool-fixture.js";

function echoTool(owner = "ext", name = "echo"): ToolDefinition {
  return {
    name,
    owner,
    description: "Echo the arguments back.",
    schema: {
      type: "object",
      properties: {
        text: { type: "string" },
        count: { type: "integer", minimum: 1 },
        ratio: { type: "number", maximum: 1 },
        mode: { type: "string", enum: ["loud", "quiet"] },
        tags: { type: "array", items: { type: "string" } },
        opts: { type: "object", properties: { depth: { type: "integer" } }, additionalProperties: false },
      },
      required: ["text"],
      additionalProperties: false,
    },
    run: async (args) => ({ content: JSON.stringify(args) }),
  };
}

describe("ToolRegistry", () => {
  it("lists the built-in tools in the order the model sees them, all owned by host", () => {
    const registry = new ToolRegistry();
    registerBuiltinTools(registry);
    expect(registry.list().map((t) => `${t.owner}:${t.name}`)).toEqual([
      "host:read", "host:write", "host:edit", "host:bash", "host:grep", "host:find", "host:ls", "host:fetch",
    ]);
  });

  it("gives every built-in an object schema with described properties and no extra arguments", () => {
    for (const tool of builtinTools()) {
      expect(tool.schema.type).toBe("object");
      expect(tool.schema.additionalProperties).toBe(false);
      for (const prop of Object.values(tool.schema.properties as Record<string, { description?: string }>)) {
        expect(prop.description).toMatch(/\w/);
      }
    }
  });

  it("puts extension tools beside the built-ins and removes them by owner", () => {
    const registry = new ToolRegistry();
    registerBuiltinTools(registry);
    registry.register(echoTool("vim-mode"));
    expect(registry.list().map((t) => t.name)).toEqual(["read", "write", "edit", "bash", "grep", "find", "ls", "fetch", "echo"]);
    registry.unregisterOwner("vim-mode");
    expect(registry.get("echo")).toBeUndefined();
    expect(registry.list()).toHaveLength(8);
  });

  it("lets an owner replace its own tool", () => {
    const registry = new ToolRegistry();
    registry.register(echoTool("ext"));
    registry.register({ ...echoTool("ext"), description: "Second." });
    expect(registry.get("echo")?.description).toBe("Second.");
  });

  it("refuses a name another owner registered", () => {
    const registry = new ToolRegistry();
    registerBuiltinTools(registry);
    expect(() => registry.register(echoTool("ext", "read"))).toThrow(
      "tool registry: tool read: already registered by host, cannot register it for ext",
    );
  });

  it("refuses a name models cannot call", () => {
    expect(() => new ToolRegistry().register(echoTool("ext", "my tool"))).toThrow(
      `tool registry: name: expected letters, digits, '_' or '-' (1-64), got "my tool"`,
    );
  });
});

describe("argument validation", () => {
  const registry = new ToolRegistry();
  registry.register(echoTool());
  registerBuiltinTools(registry);
  const cases: [string, unknown, string][] = [
    ["read", { path: 5 }, "tool read: argument 'path': expected string, got number"],
    ["read", {}, "tool read: argument 'path': expected string, got nothing (it is required)"],
    ["read", { path: "a", offset: 0 }, "tool read: argument 'offset': expected integer >= 1, got 0"],
    ["read", { path: "a", limit: 2.5 }, "tool read: argument 'limit': expected integer, got 2.5"],
    ["read", { path: "a", lines: 3 }, "tool read: argument 'lines': unknown argument (expected one of: path, offset, limit)"],
    ["read", ["a"], "tool read: arguments: expected object, got array"],
    ["echo", { text: "x", ratio: 2 }, "tool echo: argument 'ratio': expected number <= 1, got 2"],
    ["echo", { text: "x", mode: "shout" }, `tool echo: argument 'mode': expected one of "loud", "quiet", got "shout"`],
    ["echo", { text: "x", tags: ["a", 1] }, "tool echo: argument 'tags[1]': expected string, got number"],
    ["echo", { text: "x", opts: { depth: "2" } }, "tool echo: argument 'opts.depth': expected integer, got string"],
    ["echo", { text: "x", opts: { deep: 1 } }, "tool echo: argument 'opts.deep': unknown argument (expected one of: depth)"],
    ["nope", {}, "tool nope: unknown tool (known: echo, read, write, edit, bash, grep, find, ls, fetch)"],
  ];
  for (const [name, args, message] of cases) {
    it(`reports ${message}`, async () => {
      expect(registry.validate(name, args)).toBe(message);
      expect(await registry.run(name, args, toolContext(tempTree()))).toEqual({ content: message, isError: true });
    });
  }

  it("accepts valid arguments and runs the tool", async () => {
    expect(registry.validate("echo", { text: "x", count: 2, mode: "loud", tags: ["a"], opts: { depth: 1 } })).toBeUndefined();
    expect(await registry.run("echo", { text: "hi", count: 2 }, toolContext(tempTree()))).toEqual({ content: '{"text":"hi","count":2}' });
  });

  it("treats null optional arguments as not given", async () => {
    expect(await registry.run("echo", { text: "hi", count: null }, toolContext(tempTree()))).toEqual({ content: '{"text":"hi"}' });
  });

  it("turns a throwing tool into an error result", async () => {
    const r = new ToolRegistry();
    r.register({ ...echoTool(), run: async () => { throw new Error("disk on fire"); } });
    expect(await r.run("echo", { text: "x" }, toolContext(tempTree()))).toEqual({
      content: "tool echo: failed: disk on fire",
      isError: true,
    });
  });
});

describe("the byte cap on every tool result", () => {
  const big = (content: string): ToolDefinition => ({ name: "big", owner: "ext", description: "", schema: { type: "object" }, run: async () => ({ content }) });

  it("cuts a result past the cap at a line end and says how much was kept", async () => {
    const registry = new ToolRegistry();
    registry.setResultCap(100);
    registry.register(big("0123456789\n".repeat(50)));
    const r = await registry.run("big", {}, toolContext(tempTree()));
    expect(r.content.split("\n")).toEqual([...Array(9).fill("0123456789"), "", "[tool output truncated: kept the first 98 of 550 bytes]"]);
  });

  it("never splits a character, and keeps a result within the cap as it is", async () => {
    const registry = new ToolRegistry();
    registry.setResultCap(10);
    registry.register(big("ééééééé"));
    expect((await registry.run("big", {}, toolContext(tempTree()))).content).toBe("ééééé\n\n[tool output truncated: kept the first 10 of 14 bytes]");
    registry.register(big("ééééé"));
    expect((await registry.run("big", {}, toolContext(tempTree()))).content).toBe("ééééé");
  });

  it("is 256 KiB unless configured: an extension tool's 20 MB answer reaches the model as 256 KiB", async () => {
    const registry = new ToolRegistry();
    registry.register(big("x".repeat(20_000_000)));
    const r = await registry.run("big", {}, toolContext(tempTree()));
    expect(r.content.length).toBe(262_144 + "\n\n[tool output truncated: kept the first 262144 of 20000000 bytes]".length);
    expect(r.content.endsWith("x\n\n[tool output truncated: kept the first 262144 of 20000000 bytes]")).toBe(true);
  });

  it("tools.output_cap and tools.bash_timeout_ms reach the registry and bash", async () => {
    const registry = new ToolRegistry();
    registerConfiguredTools(registry, { output_cap: 64, bash_timeout_ms: 300 });
    const r = await registry.run("bash", { command: "echo started; sleep 5" }, toolContext(tempTree()));
    expect(r.content).toBe("started\n\nbash: timed out after 300 ms; killed the process group");
    const long = await registry.run("bash", { command: "seq 1 100" }, toolContext(tempTree()));
    expect(long.content).toBe("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n\n[tool output truncated: kept the first 62 of 305 bytes]");
  });
});
