import { describe, expect, it } from "vitest";
import { createChatController } from "../../engine/agent/index.js";
import { AuthStore } from "../../engine/auth/auth-store.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { loadConfig } from "../../engine/config/index.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { SessionStore } from "../../engine/session/index.js";
import { envFor, KEY, project } from "./agent-fixture.js";

describe("prompt history in the interactive chat", () => {
  it("a new session's up arrow walks the prompts typed earlier in this directory", async () => {
    const p = project("http://127.0.0.1:9");
    const store = SessionStore.open(p.home);
    const earlier = store.create({ cwd: p.cwd }).id;
    store.appendMessage(earlier, { kind: "user", text: "explain the parser" });
    store.appendMessage(store.create({ cwd: "/elsewhere" }).id, { kind: "user", text: "not here" });
    store.appendMessage(store.create({ cwd: p.cwd }).id, { kind: "user", text: "add a test" });
    store.close();
    new AuthStore(p.home).login("local", KEY);

    const rt = new Runtime({ cwd: p.cwd, width: 40, height: 12 });
    const chat = installStockChat(rt);
    const loop = await createChatController({ runtime: rt, chat, cwd: p.cwd, home: p.home, config: loadConfig({ cwd: p.cwd, env: envFor(p) }) });
    expect(chat.history.list()).toEqual(["explain the parser", "add a test"]);
    for (const k of parseKeys("<up>")) rt.dispatchKey(k);
    expect(rt.buffers.getText("composer")).toBe("add a test");
    (loop as unknown as { shutdown(): void }).shutdown();
  });
});
