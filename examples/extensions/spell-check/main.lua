-- Spell checking in the composer with extmarks: every frame whose composer text changed, the
-- marks of this namespace are cleared and set again: an underline on each misspelled word (its
-- correction kept in the mark's metadata) and, at the end of each line with any, their count.
local lc = require("librecode")
local ns = lc.api.create_namespace("spell-check")

-- A tiny list of common misspellings; a real checker would ask a dictionary.
local FIXES = {
  teh = "the", recieve = "receive", seperate = "separate", definately = "definitely",
  occured = "occurred", wich = "which", untill = "until", adress = "address", thier = "their",
}

local checked = nil

local function check()
  local text = lc.buf.get_text("composer")
  if text == checked then return end
  checked = text
  lc.buf.clear_namespace("composer", ns)
  for i, line in ipairs(lc.buf.get_lines("composer")) do
    local typos = 0
    for s, word, e in line:gmatch("()(%a+)()") do
      local fix = FIXES[word:lower()]
      if fix then
        typos = typos + 1
        -- Columns count code points: measure the bytes before the word with utf8.len.
        local col = utf8.len(line:sub(1, s - 1))
        lc.buf.set_extmark("composer", ns, i - 1, col, {
          end_col = col + utf8.len(word), hl = { underline = true, fg = "error" }, metadata = { fix = fix },
        })
      end
    end
    if typos > 0 then
      lc.buf.set_extmark("composer", ns, i - 1, utf8.len(line), {
        virt_text = { { typos == 1 and "1 typo" or (typos .. " typos"), "warning" } },
      })
    end
  end
end

lc.on("render", check)
