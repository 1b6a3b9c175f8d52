-- A test dashboard for bare mode (`librecode --bare`): no chat at all. It runs the project's test
-- command as a job, shows its output live in a window (following the end unless scrolled), and a
-- summary line: running, PASS or FAIL with the exit code, the passed/failed counts the runner
-- printed last, and how long it took.
--   r re-run · s stop · up/down/pgup/pgdn scroll · end follow the output
-- The command comes from config:
--   extensions:
--     settings:
--       test-dashboard: { command: "npm test" }   # a shell line, or an argv list
local lc = require("librecode")
local ui = lc.ui

local OUT, SUMMARY = "tests", "tests-summary"
local MAX_LINES = 5000 -- output lines kept (the oldest go first)
local TICK_MS = 100

local command, problem = nil, nil
local lines, partial = {}, "" -- finished output lines, and the line still being written
local run = { state = "idle", job = nil, code = nil, signal = nil, elapsed_ms = 0, ticker = nil }
local scroll = 0 -- rows up from the end of the output

-- The configured command: a non-empty shell line or a non-empty argv list of strings.
local function read_command()
  local c = lc.extension.config().command
  if c == nil then return "npm test" end
  if type(c) == "string" and c:match("%S") then return c end
  if type(c) == "table" and #c > 0 then
    for _, a in ipairs(c) do
      if type(a) ~= "string" then c = nil break end
    end
    if c then return c end
  end
  return nil, "extensions.settings.test-dashboard.command: expected a shell command or a list of strings, got "
    .. (type(c) == "string" and string.format("%q", c) or type(c))
end

local function shown_command()
  return type(command) == "table" and table.concat(command, " ") or command
end

-- Output as a terminal would show it: colours dropped, a carriage return (not one ending a CRLF
-- line) restarts the line, as progress counters use it.
local function clean(s)
  s = s:gsub("\27%[[%d;?]*[ -/]*[@-~]", ""):gsub("\r$", "")
  return s:match("([^\r]*)$")
end

local function add_output(data)
  local text = partial .. data
  local start = 1
  while true do
    local nl = text.find(text, "\n", start, true)
    if not nl then break end
    lines[#lines + 1] = clean(text:sub(start, nl - 1))
    start = nl + 1
  end
  partial = text:sub(start)
  if #lines > MAX_LINES then
    local keep = {}
    for i = #lines - MAX_LINES + 1, #lines do keep[#keep + 1] = lines[i] end
    lines = keep
  end
end

-- The passed/failed counts of the last output line that has any ("12 passed", "3 failing"...).
local function counts()
  for i = #lines, math.max(1, #lines - 200), -1 do
    local l = lines[i]:lower()
    local passed = l:match("(%d+) pass") or l:match("(%d+) ok")
    local failed = l:match("(%d+) fail")
    if passed or failed then
      local parts = {}
      if passed then parts[#parts + 1] = passed .. " passed" end
      if failed then parts[#parts + 1] = failed .. " failed" end
      return table.concat(parts, ", ")
    end
  end
  return nil
end

local function seconds()
  return string.format("%.1f s", run.elapsed_ms / 1000)
end

local function stop_ticker()
  if run.ticker then lc.timer.stop(run.ticker) run.ticker = nil end
end

local function start()
  if problem then return end
  if run.job then lc.job.stop(run.job) end
  stop_ticker()
  lines, partial, scroll = {}, "", 0
  run = { state = "running", job = nil, code = nil, signal = nil, elapsed_ms = 0 }
  local function output(id, data) if id == run.job then add_output(data) end end
  -- A shell line runs with stderr joined to stdout, so the lines come in the order they were written.
  local cmd = type(command) == "string" and ("{ " .. command .. "\n} 2>&1") or command
  run.job = lc.job.start(cmd, {
    stdin = "null",
    env = { NO_COLOR = "1", FORCE_COLOR = "0", CI = "1" },
    on_stdout = output,
    on_stderr = output,
    on_exit = function(id, code, signal)
      if id ~= run.job then return end -- a run replaced by a re-run
      if partial ~= "" then lines[#lines + 1] = clean(partial) partial = "" end
      run.job, run.code, run.signal = nil, code, signal
      run.state = signal and "stopped" or (code == 0 and "pass" or "fail")
      stop_ticker()
    end,
  })
  run.ticker = lc.timer.interval(TICK_MS, function() run.elapsed_ms = run.elapsed_ms + TICK_MS end)
end

local STATES = {
  idle = { mark = "◌", word = "IDLE", fg = "muted" },
  running = { mark = "●", word = "RUNNING", fg = "warning" },
  pass = { mark = "✔", word = "PASS", fg = "success" },
  fail = { mark = "✘", word = "FAIL", fg = "error" },
  stopped = { mark = "■", word = "STOPPED", fg = "warning" },
}

-- The output rows that fit in `height` at `width`, `scroll` rows up from the end; clamps scroll.
local function visible_rows(width, height)
  local all = {}
  for i = 1, #lines do all[#all + 1] = lines[i] end
  if partial ~= "" then all[#all + 1] = clean(partial) end
  local rows, need = {}, height + scroll
  for i = #all, 1, -1 do
    local wrapped = all[i] == "" and { "" } or ui.wrap(all[i], width)
    for j = #wrapped, 1, -1 do
      table.insert(rows, 1, wrapped[j])
      if #rows >= need then break end
    end
    if #rows >= need then break end
  end
  scroll = math.max(0, math.min(scroll, #rows - height))
  local out = {}
  for i = math.max(1, #rows - scroll - height + 1), #rows - scroll do out[#out + 1] = rows[i] end
  return out
end

local function draw_output()
  local w = lc.win.get(OUT)
  if not w or not w.visible then return end
  local s = STATES[run.state]
  ui.clear_window(OUT)
  ui.draw_box(OUT, { fg = run.state == "running" and "borderAccent" or "border" })
  local right = " " .. s.word:lower() .. (scroll > 0 and (" · ↑" .. scroll) or "") .. " "
  local title = ui.truncate(" tests: " .. (problem and "not configured" or shown_command()) .. " ", math.max(0, w.width - ui.measure(right) - 4))
  ui.draw_text(OUT, 0, 2, title, { fg = "accent", bold = true })
  ui.draw_text(OUT, 0, math.max(2, w.width - ui.measure(right) - 2), right, { fg = s.fg })
  local width, height = math.max(1, w.width - 4), math.max(0, w.height - 2)
  if problem then
    ui.draw_lines(OUT, 1, 2, ui.wrap(problem, width), { fg = "error" })
    return
  end
  local rows = visible_rows(width, height)
  if #rows == 0 then
    ui.draw_text(OUT, 1, 2, run.state == "running" and "(no output yet)" or "(no output)", { fg = "muted" })
    return
  end
  ui.draw_lines(OUT, 1, 2, rows, { fg = "text" })
end

local function draw_summary()
  local w = lc.win.get(SUMMARY)
  if not w or not w.visible then return end
  local s = STATES[run.state]
  local detail = {}
  if problem then
    detail = { "fix the setting and restart" }
  elseif run.state == "running" then
    detail = { seconds() }
  elseif run.state ~= "idle" then
    detail[#detail + 1] = run.signal and run.signal or ("exit " .. tostring(run.code))
    local c = counts()
    if c then detail[#detail + 1] = c end
    detail[#detail + 1] = seconds()
  end
  local head, rest = " " .. s.mark .. " " .. s.word .. " ", table.concat(detail, " · ")
  local keys = "r re-run · s stop · ↑↓ scroll "
  ui.clear_window(SUMMARY)
  ui.draw_spans(SUMMARY, 0, 0, { { text = head, fg = s.fg, bold = true }, { text = rest, fg = "muted" } })
  if ui.measure(head .. rest) + 2 + ui.measure(keys) <= w.width then
    ui.draw_text(SUMMARY, 0, w.width - ui.measure(keys), keys, { fg = "dim" })
  end
end

lc.on("startup", function(ev)
  if ev.context.mode ~= "bare" then
    lc.log("test-dashboard: runs in bare mode only (librecode --bare); doing nothing in the chat")
    return
  end
  command, problem = read_command()
  lc.win.create(OUT, { buffer = OUT, role = OUT, renderer = "extension" })
  lc.win.create(SUMMARY, { buffer = SUMMARY, role = SUMMARY, renderer = "extension" })
  lc.layout.set({ direction = "column", children = {
    { window = OUT, grow = 1, border = "rounded" },
    { window = SUMMARY, height = 1 },
  } })
  lc.win.focus(OUT)
  local function page() local w = lc.win.get(OUT) return math.max(1, (w and w.height or 3) - 3) end
  local function key(lhs, desc, fn) lc.keymap.set("global", lhs, function() fn() return true end, { desc = desc }) end
  key("r", "re-run the tests", start)
  key("s", "stop the tests", function() if run.job then lc.job.stop(run.job) end end)
  key("<up>", "scroll the output up", function() scroll = scroll + 1 end)
  key("<down>", "scroll the output down", function() scroll = math.max(0, scroll - 1) end)
  key("<pageup>", "scroll the output up a page", function() scroll = scroll + page() end)
  key("<pagedown>", "scroll the output down a page", function() scroll = math.max(0, scroll - page()) end)
  key("<end>", "follow the output", function() scroll = 0 end)
  lc.on("render", function() draw_output() draw_summary() end)
  start()
end)
