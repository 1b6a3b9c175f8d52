-- /plan TASK: asks the model for a numbered plan with no tools (model.stream), shows it in a
-- window beside the transcript as it streams, then runs the stock agent (agent.run) once per step,
-- ticking each step off when its run ends. An interrupted or failed step stops the plan there.
local lc = require("librecode")

local PLANNER = "You plan coding tasks. Reply with a short numbered list of concrete steps, "
  .. "one per line (\"1. ...\"), and nothing else. Do not do the task."

local plan = nil -- { task, steps = {{text, mark}}, current }

local function show()
  local lines = { "Plan: " .. plan.task, "" }
  for i, s in ipairs(plan.steps) do lines[#lines + 1] = s.mark .. " " .. i .. ". " .. s.text end
  if plan.note then lines[#lines + 1] = "" ; lines[#lines + 1] = plan.note end
  lc.buf.set_text("plan", table.concat(lines, "\n"))
end

-- The stock layout with the plan window to the right of the transcript.
local function open_window()
  if lc.win.get("plan") then return end
  lc.win.create("plan", { buffer = "plan", role = "plan" })
  local function split(node)
    if node.window == "transcript" then
      return { direction = "row", grow = 1, children = {
        { window = "transcript", grow = 1 },
        { window = "plan", width = "35%", min_width = 24, border = "single", padding = { x = 1 } },
      } }
    end
    for i, child in ipairs(node.children or {}) do node.children[i] = split(child) end
    return node
  end
  lc.layout.set(split(lc.layout.get().root))
end

local function run_step(i)
  plan.current = i
  if i > #plan.steps then
    plan.note = "Done."
    show()
    return lc.emit("plan-then-act:done", { steps = #plan.steps })
  end
  plan.steps[i].mark = "▸"
  show()
  local list = {}
  for n, s in ipairs(plan.steps) do list[#list + 1] = n .. ". " .. s.text end
  lc.agent.run("We are carrying out this plan for \"" .. plan.task .. "\":\n" .. table.concat(list, "\n")
    .. "\n\nDo step " .. i .. " now, and only that step: " .. plan.steps[i].text)
end

-- Each step is one run of the stock agent: its end ticks the step and starts the next.
lc.on("agent_end", function(ev)
  if plan == nil or plan.current == nil or plan.current > #plan.steps then return end
  local step = plan.steps[plan.current]
  if ev.payload.stop_reason == "stop" or ev.payload.stop_reason == "length" then
    step.mark = "✓"
    run_step(plan.current + 1)
  else
    step.mark = "✗"
    plan.note = "Stopped at step " .. plan.current .. " (" .. ev.payload.stop_reason .. ")."
    plan.current = nil
    show()
    lc.emit("plan-then-act:done", { stopped = ev.payload.stop_reason })
  end
end)

lc.register_command("plan", "plan TASK without tools, then carry the plan out step by step", function(task)
  if task == "" then return "usage: /plan TASK" end
  if lc.agent.busy() then return "/plan: the agent is busy (escape stops it)" end
  plan = { task = task, steps = {}, note = "planning…" }
  open_window()
  show()
  local text = ""
  lc.model.stream({ system = PLANNER, messages = { { role = "user", content = task } }, tools = false }, {
    on_delta = function(d)
      text = text .. d
      lc.buf.set_text("plan", "Plan: " .. task .. "\n\n" .. text)
    end,
    on_done = function(r)
      for line in r.text:gmatch("[^\n]+") do
        local step = line:match("^%s*%d+[.)]%s+(.+)$")
        if step then plan.steps[#plan.steps + 1] = { text = step, mark = "·" } end
      end
      plan.note = nil
      if #plan.steps == 0 then
        plan.note = "The model gave no numbered steps."
        show()
        return lc.emit("plan-then-act:done", { steps = 0 })
      end
      run_step(1)
    end,
    on_error = function(err)
      plan.note = "Planning failed: " .. err.message
      show()
      lc.emit("plan-then-act:done", { error = err.message })
    end,
  })
  return ""
end)
