return {
  name = "snippets",
  version = "0.1.0",
  api_version = "1",
  description = "alt+s opens a filterable list of prompt snippets; enter puts one in the composer",
  entry = "main.lua",
}
