return {
  name = "compare-models",
  version = "0.1.0",
  api_version = "1",
  description = "/compare PROMPT: one prompt to two configured models, their answers streaming side by side",
}
