-- Vi-style modal editing of the composer, built only from keymap.set({focus="composer"}, "*"),
-- buf.get/buf.set and action.run. Normal mode: h l 0 $ w b e x X D dd dw cw yy p i a I A o,
-- j/k for history, enter submits. Insert mode: typing, backspace, enter submits, escape leaves.
local lc = require("librecode")

local mode = "insert"
local pending = ""   -- first key of a two-key operator (d, c, y)
local register = ""

local function load()
  local b = lc.buf.get("composer")
  return b.chars, b.cursor
end

local function save(chars, cursor)
  local n = #chars
  if cursor > n then cursor = n end
  if cursor < 0 then cursor = 0 end
  lc.buf.set("composer", { chars = chars, cursor = cursor, label = mode == "normal" and "NORMAL" or "INSERT" })
end

local function is_word(c) return c ~= nil and c:match("[%w_]") ~= nil end

-- Offsets are 0-based (as the buffer API counts); chars[i + 1] is the character at offset i.
local function line_start(chars, pos)
  while pos > 0 and chars[pos] ~= "\n" do pos = pos - 1 end
  return pos
end

local function line_end(chars, pos)
  while pos < #chars and chars[pos + 1] ~= "\n" do pos = pos + 1 end
  return pos
end

local function word_forward(chars, pos)
  local n = #chars
  if is_word(chars[pos + 1]) then
    while pos < n and is_word(chars[pos + 1]) do pos = pos + 1 end
  elseif pos < n and chars[pos + 1] ~= " " then
    pos = pos + 1
  end
  while pos < n and chars[pos + 1] == " " do pos = pos + 1 end
  return pos
end

local function word_back(chars, pos)
  while pos > 0 and chars[pos] == " " do pos = pos - 1 end
  while pos > 0 and is_word(chars[pos]) do pos = pos - 1 end
  return pos
end

local function word_end(chars, pos)
  local n = #chars
  pos = pos + 1
  while pos < n and chars[pos + 1] == " " do pos = pos + 1 end
  while pos + 1 < n and is_word(chars[pos + 2]) do pos = pos + 1 end
  return math.min(pos, math.max(0, n - 1))
end

local function cut(chars, a, z)
  local out, taken = {}, {}
  for i, c in ipairs(chars) do
    if i - 1 >= a and i - 1 < z then taken[#taken + 1] = c else out[#out + 1] = c end
  end
  return out, table.concat(taken)
end

local function insert_at(chars, pos, s)
  local out = {}
  for i = 1, pos do out[#out + 1] = chars[i] end
  for _, c in utf8.codes(s) do out[#out + 1] = utf8.char(c) end
  for i = pos + 1, #chars do out[#out + 1] = chars[i] end
  return out
end

local motions = {
  h = function(c, p) return math.max(line_start(c, p), p - 1) end,
  l = function(c, p) return math.min(line_end(c, p), p + 1) end,
  ["0"] = function(c, p) return line_start(c, p) end,
  ["$"] = function(c, p) return math.max(line_start(c, p), line_end(c, p) - 1) end,
  w = word_forward,
  b = word_back,
  e = word_end,
}

local function operator(op, key, chars, pos)
  local a, z
  if key == op then -- dd / cc / yy: the whole line
    a, z = line_start(chars, pos), line_end(chars, pos)
    if op == "d" and z < #chars then z = z + 1 elseif op == "d" and a > 0 then a = a - 1 end
  elseif motions[key] then
    -- As in vi, "cw" changes to the end of the word (it keeps the space after it).
    if op == "c" and key == "w" and is_word(chars[pos + 1]) then key = "e" end
    local target = motions[key](chars, pos)
    if key == "e" then target = target + 1 end
    a, z = math.min(pos, target), math.max(pos, target)
  else
    return chars, pos
  end
  local rest, taken = cut(chars, a, z)
  register = taken
  if op == "y" then return chars, pos end
  if op == "c" then mode = "insert" end
  return rest, a
end

local function normal(ev, chars, pos)
  local k = ev.key
  if pending ~= "" then
    local op = pending
    pending = ""
    return operator(op, k, chars, pos)
  end
  if motions[k] then return chars, motions[k](chars, pos) end
  if k == "d" or k == "c" or k == "y" then pending = k return chars, pos end
  if k == "i" then mode = "insert" return chars, pos end
  if k == "a" then mode = "insert" return chars, math.min(line_end(chars, pos), pos + 1) end
  if k == "I" then mode = "insert" return chars, line_start(chars, pos) end
  if k == "A" then mode = "insert" return chars, line_end(chars, pos) end
  if k == "o" then mode = "insert" local e = line_end(chars, pos) return insert_at(chars, e, "\n"), e + 1 end
  if k == "x" then local r, t = cut(chars, pos, math.min(pos + 1, line_end(chars, pos))) register = t return r, pos end
  if k == "X" and pos > line_start(chars, pos) then local r = cut(chars, pos - 1, pos) return r, pos - 1 end
  if k == "D" then local r, t = cut(chars, pos, line_end(chars, pos)) register = t return r, math.max(0, pos - 1) end
  if k == "p" and register ~= "" then
    local at = math.min(#chars, pos + 1)
    return insert_at(chars, at, register), at + utf8.len(register) - 1
  end
  if k == "k" then lc.action.run("history.prev") return nil end
  if k == "j" then lc.action.run("history.next") return nil end
  return chars, pos
end

local function insert(ev, chars, pos)
  local k = ev.key
  if k == "escape" then
    mode = "normal"
    return chars, math.max(line_start(chars, pos), pos - 1)
  end
  if k == "backspace" then
    if pos == 0 then return chars, pos end
    local r = cut(chars, pos - 1, pos)
    return r, pos - 1
  end
  if k == "left" then return chars, math.max(0, pos - 1) end
  if k == "right" then return chars, math.min(#chars, pos + 1) end
  if ev.text ~= nil and ev.text ~= "" and not ev.ctrl and not ev.alt then
    return insert_at(chars, pos, ev.text), pos + utf8.len(ev.text)
  end
  return nil
end

lc.keymap.set({ focus = "composer" }, "*", function(ev)
  if ev.key == "enter" and not ev.shift then
    lc.action.run("submit")
    return true
  end
  local chars, pos = load()
  local new_chars, new_pos
  if mode == "insert" then new_chars, new_pos = insert(ev, chars, pos)
  else new_chars, new_pos = normal(ev, chars, pos) end
  if new_chars == nil then
    -- Not ours (ctrl keys, history): in insert mode let the host handle it.
    return mode == "normal"
  end
  save(new_chars, new_pos)
  return true
end, { desc = "modal editing (vi-style)" })
