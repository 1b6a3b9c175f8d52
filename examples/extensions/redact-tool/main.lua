-- A model-visible tool written in Lua, and a tool_result hook that keeps secrets out of the
-- transcript and out of what is sent back to the model.
local lc = require("librecode")

local SECRET_PATTERNS = { "sk%-[%w%-_]+", "ghp_[%w]+", "AKIA[%u%d]+" }

local function redact(s)
  local n = 0
  for _, p in ipairs(SECRET_PATTERNS) do
    local count
    s, count = s:gsub(p, "[redacted]")
    n = n + count
  end
  return s, n
end

lc.register_tool("read_env", "Read the KEY=VALUE lines of an env file",
  function(args)
    local f, err = io.open(args.path, "r")
    if not f then return { content = "cannot open: " .. err, details = { ok = false } } end
    local out, count = {}, 0
    for line in f:lines() do
      local key = line:match("^%s*([%w_]+)%s*=")
      if key then
        count = count + 1
        out[#out + 1] = line
      end
    end
    f:close()
    return { content = table.concat(out, "\n"), details = { ok = true, keys = count } }
  end,
  { type = "object", properties = { path = { type = "string", description = "file to read" } }, required = { "path" } })

-- Every tool's result passes through here before the model or the transcript sees it.
lc.on("tool_result", function(ev)
  if type(ev.payload.content) ~= "string" then return end
  local clean, n = redact(ev.payload.content)
  if n > 0 then
    ev.payload.content = clean
    lc.log("redacted " .. n .. " secret(s) from " .. tostring(ev.payload.name or "a tool"))
  end
end)
