return {
  name = "reskin",
  version = "0.1.0",
  api_version = "1",
  description = "Draws its own status line and composer (renderer = \"extension\")",
}
