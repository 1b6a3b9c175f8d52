-- A "lens" under transcript code blocks: for each fenced code block of an assistant message that
-- mentions TODO or FIXME, a virtual line under its closing fence says how many and on which
-- lines, and each marker is highlighted. Marks are placed in the block's own text
-- (opts.block = its id), so the transcript draws them under that block wherever it scrolls.
local lc = require("librecode")
local ns = lc.api.create_namespace("todo-lens")

local seen = {} -- block id -> the text last scanned
local scanned = 0 -- blocks before this index are settled (only the last one can still grow)

local function lens(block)
  if seen[block.id] == block.text then return end
  seen[block.id] = block.text
  for _, m in ipairs(lc.buf.get_extmarks("transcript", ns, 0, -1, { block = block.id })) do
    lc.buf.del_extmark("transcript", ns, m[1])
  end
  local open, hits = nil, {}
  local n = 0
  for line in (block.text .. "\n"):gmatch("([^\n]*)\n") do
    if line:match("^%s*```") then
      if open == nil then
        open, hits = n, {}
      else
        if #hits > 0 then
          local where = {}
          for _, h in ipairs(hits) do where[#where + 1] = tostring(h - open) end
          lc.buf.set_extmark("transcript", ns, n, 0, { block = block.id, virt_lines = {
            { { "  ↳ " .. #hits .. (#hits == 1 and " TODO" or " TODOs") .. " (line " .. table.concat(where, ", ") .. ")", "warning" } },
          } })
        end
        open = nil
      end
    elseif open ~= nil then
      local s, e = line:find("TODO")
      if not s then s, e = line:find("FIXME") end
      if s then
        hits[#hits + 1] = n
        local col = utf8.len(line:sub(1, s - 1))
        lc.buf.set_extmark("transcript", ns, n, col, { block = block.id, end_col = col + (e - s + 1), hl = { fg = "warning", bold = true } })
      end
    end
    n = n + 1
  end
end

lc.on("render", function()
  local blocks = lc.buf.get_blocks("transcript", math.max(0, scanned - 1))
  for _, b in ipairs(blocks) do
    if b.role == "assistant" then lens(b) end
  end
  scanned = math.max(0, scanned - 1) + #blocks
end)
