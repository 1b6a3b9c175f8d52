-- /compare PROMPT sends one prompt to two models at once (model.stream, no tools, nothing stored)
-- and streams the answers into two windows side by side; /compare with no prompt goes back to the
-- chat's layout. The models: config extensions.settings.compare-models.models = {"provider/model",
-- "provider/model"}, else the chat's model and the next one `model.list()` names.
local lc = require("librecode")

local saved = nil -- the layout before the first /compare
local live = {}   -- stream ids still running

local function models()
  local want = lc.extension.config().models
  if type(want) == "table" and #want >= 2 then return { want[1], want[2] } end
  local list, current = lc.model.list(), 1
  for i, m in ipairs(list) do if m.current then current = i end end
  local other = list[current % #list + 1]
  return { list[current].label, other.label }
end

local function pane(name, label, state, text)
  lc.buf.set_text(name, label .. " · " .. state .. "\n\n" .. text)
end

-- The chat's layout with the transcript's place taken by the two answer windows.
local function open_layout()
  if saved ~= nil then return end
  saved = lc.layout.get().root
  for _, name in ipairs({ "compare_a", "compare_b" }) do lc.win.create(name, { buffer = name, role = "compare" }) end
  local function swap(node)
    if node.window == "transcript" then
      return { direction = "row", grow = 1, children = {
        { window = "compare_a", grow = 1, border = "single", padding = { x = 1 } },
        { window = "compare_b", grow = 1, border = "single", padding = { x = 1 } },
      } }
    end
    local copy = {}
    for k, v in pairs(node) do copy[k] = v end
    if node.children then
      copy.children = {}
      for i, child in ipairs(node.children) do copy.children[i] = swap(child) end
    end
    return copy
  end
  lc.layout.set(swap(saved))
end

local function compare(prompt)
  for _, id in ipairs(live) do lc.model.cancel(id) end
  live = {}
  open_layout()
  local done = 0
  for i, label in ipairs(models()) do
    local name = i == 1 and "compare_a" or "compare_b"
    local provider, model = label:match("^([^/]+)/(.+)$")
    local text = ""
    pane(name, label, "streaming…", "")
    local function finish(state)
      pane(name, label, state, text)
      done = done + 1
      if done == 2 then lc.emit("compare-models:done", {}) end
    end
    live[#live + 1] = lc.model.stream({ provider = provider, model = model, tools = false,
      messages = { { role = "user", content = prompt } } }, {
      on_delta = function(d)
        text = text .. d
        pane(name, label, "streaming…", text)
      end,
      on_done = function(r)
        finish(r.stop_reason == "aborted" and "stopped" or (r.usage.output .. " tokens"))
      end,
      on_error = function(err)
        text = err.message
        finish("failed")
      end,
    })
  end
end

lc.register_command("compare", "send PROMPT to two models side by side (no PROMPT: back to the chat)", function(prompt)
  if prompt == "" then
    if saved ~= nil then lc.layout.set(saved) end
    saved = nil
    return ""
  end
  compare(prompt)
  return ""
end)
