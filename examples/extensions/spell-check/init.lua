return {
  name = "spell-check",
  version = "0.1.0",
  api_version = "1",
  description = "Underlines misspelled words in the composer as you type and counts them at the end of each line",
  entry = "main.lua",
}
