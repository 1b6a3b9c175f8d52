return {
  name = "lua-loop",
  version = "0.1.0",
  api_version = "1",
  description = "The stock agent loop written in Lua with model.stream, tools.run and session.append",
}
