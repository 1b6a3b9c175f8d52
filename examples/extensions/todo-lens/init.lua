return {
  name = "todo-lens",
  version = "0.1.0",
  api_version = "1",
  description = "Adds a line under each code block in the transcript that counts its TODOs",
  entry = "main.lua",
}
