-- A picker built in Lua from the kernel's parts: a buffer, a window laid by layout.overlay (so it
-- stays over whatever layout.set puts in force), and a keymap on that window while it has focus.
local lc = require("librecode")

local PICKER = "snippets"
local ROWS = 6

-- extensions.settings.snippets: {NAME: TEXT, ...}; else a few to start with.
local snippets = lc.extension.config()
if next(snippets) == nil then
  snippets = {
    explain = "Explain what this code does, step by step: ",
    review = "Review the last change for bugs and missing tests.",
    tests = "Write tests for ",
    commit = "Write a commit message for the staged changes.",
  }
end
local names, widest = {}, 0
for name in pairs(snippets) do
  names[#names + 1] = name
  widest = math.max(widest, lc.ui.measure(name))
end
table.sort(names)

local query, selected, matches, back = "", 1, {}, "composer"

local function filter()
  matches = {}
  local q = query:lower()
  for _, name in ipairs(names) do
    if name:find(q, 1, true) or snippets[name]:lower():find(q, 1, true) then matches[#matches + 1] = name end
  end
  selected = math.max(1, math.min(selected, #matches))
end

-- The buffer is what the window shows: the query and the count, then one row per match (› marks
-- the selection), each cut to the window's width.
local function show()
  local w = lc.win.get(PICKER).content.width
  local count = #matches .. "/" .. #names
  local lines = { lc.ui.pad_right("> " .. query, w - #count) .. count }
  for i = 1, math.min(#matches, ROWS) do
    local name = matches[i]
    lines[#lines + 1] = lc.ui.truncate((i == selected and "› " or "  ") .. lc.ui.pad_right(name, widest + 2) .. snippets[name], w)
  end
  lc.buf.set(PICKER, { text = table.concat(lines, "\n"), label = "snippets" })
end

local function close()
  lc.layout.overlay(PICKER, nil)
  lc.win.focus(back)
end

local function open()
  back = lc.win.focus()
  query, selected = "", 1
  filter()
  lc.win.create(PICKER, { buffer = PICKER, role = PICKER })
  lc.win.set_var(PICKER, "panel_kind", "picker")
  -- Centered over the screen: border, query row and the list.
  lc.layout.overlay(PICKER, { width = "100%", height = "100%", justify = "center", align = "center", z = 100,
    children = { { window = PICKER, width = "90%", max_width = 80, height = 3 + math.min(#names, ROWS),
      border = "rounded", padding = { x = 1 } } } })
  show()
  lc.win.focus(PICKER)
end

lc.keymap.set("global", "<M-s>", function()
  if lc.win.focus() == PICKER then close() else open() end
  return true
end, { desc = "snippets: open the picker" })

-- Every key while the picker has focus: filter, move, pick or close.
lc.keymap.set({ window = PICKER }, "*", function(ev)
  if ev.key == "escape" then
    close()
    return true
  elseif ev.key == "enter" then
    local name = matches[selected]
    close()
    if name then lc.buf.insert("composer", lc.buf.get_cursor("composer"), snippets[name]) end
    return true
  elseif ev.key == "up" then
    selected = selected > 1 and selected - 1 or #matches
  elseif ev.key == "down" then
    selected = selected < #matches and selected + 1 or 1
  elseif ev.key == "backspace" then
    query = query:sub(1, -2)
  elseif ev.text ~= nil and ev.text ~= "" then
    query = query .. ev.text
  end
  filter()
  show()
  return true
end, { desc = "snippets: filter, up/down, enter picks, escape closes" })
