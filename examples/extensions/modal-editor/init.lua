return {
  name = "modal-editor",
  version = "0.1.0",
  api_version = "1",
  description = "Vi-style normal/insert modes for the composer",
}
