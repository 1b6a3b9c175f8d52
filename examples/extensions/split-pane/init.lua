return {
  name = "split-pane",
  version = "0.1.0",
  api_version = "1",
  description = "A notes window beside the transcript, alt+n to switch focus, /note to append",
  entry = "main.lua",
}
