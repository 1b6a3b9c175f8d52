-- A notes pane to the right of the transcript (layout.md "Example: a split-pane workflow").
local lc = require("librecode")

lc.win.create("notes", { buffer = "notes", role = "notes" })
lc.buf.set("notes", { text = "", label = "notes" })
lc.layout.set({
  direction = "column",
  children = {
    { direction = "row", grow = 1, children = {
        { window = "transcript", grow = 2 },
        { window = "notes", width = "30%", min_width = 20, border = "single" },
    }},
    { window = "composer", height = 5, border = "rounded" },
    { window = "status", height = 1 },
  },
})

-- alt+n moves focus between the composer and the notes pane.
lc.keymap.set("global", "<M-n>", function()
  lc.win.focus(lc.win.focus() == "notes" and "composer" or "notes")
  return true
end, { desc = "switch focus: composer <-> notes" })

-- Typing while the notes pane is focused edits the notes.
lc.keymap.set({ focus = "notes" }, "*", function(ev)
  if ev.key == "backspace" then
    local n = lc.buf.get_cursor("notes")
    lc.buf.delete_range("notes", n - 1, n)
  elseif ev.key == "enter" then
    lc.buf.insert("notes", lc.buf.get_cursor("notes"), "\n")
  elseif ev.text ~= nil and ev.text ~= "" then
    lc.buf.insert("notes", lc.buf.get_cursor("notes"), ev.text)
  end
  return true
end, { desc = "type into notes" })

-- /note <text> appends a line to the notes.
lc.register_command("note", "append a line to the notes pane", function(args)
  local sep = lc.buf.get_text("notes") == "" and "" or "\n"
  lc.buf.append("notes", sep .. args)
  return "noted"
end)
