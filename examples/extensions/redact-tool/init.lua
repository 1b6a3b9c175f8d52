return {
  name = "redact-tool",
  version = "0.1.0",
  api_version = "1",
  description = "A Lua tool that reads env files, and a tool_result hook that redacts secrets",
}
