-- The status line and the composer are painted by this extension alone: the stock renderer
-- skips windows whose renderer is "extension".
local lc = require("librecode")
local ui = lc.ui

lc.win.set_renderer("status", "extension")
lc.win.set_renderer("composer", "extension")

local function paint_status(ev)
  local w = lc.win.get("status")
  if not w or not w.visible then return end
  local mode = (ev and ev.working) and "working" or "ready"
  local left = " ◆ librecode · " .. mode
  local right = #lc.buf.get_text("composer") .. " chars "
  ui.clear_window("status")
  ui.clear_region("status", 0, 0, 1, w.width, { bg = "selectedBg" })
  ui.draw_spans("status", 0, 0, {
    { text = ui.pad_right(ui.truncate(left, w.width - #right), w.width - #right), fg = "accent", bg = "selectedBg", bold = true },
    { text = right, fg = "muted", bg = "selectedBg" },
  })
end

local function paint_composer()
  local w = lc.win.get("composer")
  if not w or not w.visible then return end
  local b = lc.buf.get("composer")
  local inner = math.max(1, w.width - 4)
  local lines = {}
  for _, line in ipairs(lc.buf.get_lines("composer")) do
    for _, piece in ipairs(ui.wrap(line, inner)) do lines[#lines + 1] = piece end
    if line == "" then lines[#lines + 1] = "" end
  end
  local view = ui.viewport(lines, math.max(1, w.height - 2))
  ui.clear_window("composer")
  ui.draw_box("composer", { fg = "borderAccent" })
  ui.draw_text("composer", 0, 2, " " .. (b.label ~= "" and b.label or "message") .. " ", { fg = "accent" })
  for i, line in ipairs(view.lines) do
    ui.draw_text("composer", i, 2, line, { fg = "text" })
  end
  -- Cursor: on the last visible line, after its text (good enough for a single-line prompt).
  local last = view.lines[#view.lines] or ""
  ui.set_cursor("composer", math.max(1, #view.lines), 2 + ui.measure(last))
end

lc.on("startup", function(ev) paint_status(ev) paint_composer() end)
lc.on("render", function(ev) paint_status(ev) paint_composer() end)
lc.on("resize", function(ev) paint_status(ev) paint_composer() end)
lc.on("key", function(ev) paint_status(ev) end)
