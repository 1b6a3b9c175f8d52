return {
  name = "test-dashboard",
  version = "0.1.0",
  api_version = "1",
  description = "Bare mode: runs the project's test command as a job, its live output, a pass/fail summary, r to re-run",
  entry = "main.lua",
}
