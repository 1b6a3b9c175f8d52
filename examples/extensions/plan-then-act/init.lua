return {
  name = "plan-then-act",
  version = "0.1.0",
  api_version = "1",
  description = "/plan TASK: the model writes a plan without tools, shown beside the transcript; the agent then carries it out step by step",
}
