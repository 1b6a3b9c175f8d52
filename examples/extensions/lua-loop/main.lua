-- The stock agent loop, written against the public primitives (docs/lua-api.md, "The programmable
-- loop"). Loading this extension replaces the stock turns: each prompt becomes a request with every
-- tool on, the tool calls it asked for run in order, and another request follows while the model
-- calls tools or the user steers. A nearly full context is compacted before each request, and a
-- request the provider finds larger than the window is compacted once and asked again. The host
-- keeps what surrounds the turns (the prompt's hooks and storage, follow-ups, the end events,
-- "Interrupted.").
local lc = require("librecode")

-- Runs calls[i..] one after another (each shown, hooked and stored as the stock loop's), then `after`.
local function run_tools(calls, i, after)
  local call = calls[i]
  if call == nil then return after() end
  lc.tools.run(call.name, call.arguments_json, function()
    run_tools(calls, i + 1, after)
  end, { call_id = call.id, record = true })
end

-- One turn: steering typed meanwhile joins the context, a nearly full context is compacted, the
-- model answers (shown and stored as it streams), its tool calls run; then another turn or the end
-- of the run. `compacted`: this run already compacted for an overflow (it does so once).
local function turn(run, n, steering, compacted)
  if n > run.max_turns then
    return lc.agent.finish({
      stop_reason = "max_turns",
      error = "chat loop: stopped after " .. run.max_turns .. " turns (assistant.max_turns)",
    })
  end
  for _, text in ipairs(steering) do
    lc.session.append({ role = "user", content = text, steer = true })
  end
  lc.session.compact({ when = "full" }, function()
    lc.model.stream({ tools = true, record = true }, {
      on_done = function(r)
        if r.stop_reason == "aborted" then return lc.agent.finish({ stop_reason = "aborted" }) end
        run_tools(r.tool_calls, 1, function()
          local typed = lc.agent.take_steering()
          if #r.tool_calls > 0 or #typed > 0 then return turn(run, n + 1, typed, compacted) end
          lc.agent.finish({ stop_reason = r.stop_reason })
        end)
      end,
      on_error = function(err)
        if not err.context_overflow or compacted then
          return lc.agent.finish({ stop_reason = "error", error = err.message })
        end
        lc.session.compact({}, function(c)
          if not c.compacted then return lc.agent.finish({ stop_reason = "error", error = err.message }) end
          turn(run, n + 1, lc.agent.take_steering(), true)
        end)
      end,
    })
  end)
end

lc.agent.set_loop(function(run)
  turn(run, 1, {}, false)
end)
