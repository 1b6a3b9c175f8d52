// The yaml package loaded on first use. It is ~70 CommonJS modules (tens of ms at start-up), and
// a run without config files never parses YAML; callers are synchronous, hence require, not import().
import { createRequire } from "node:module";

type YamlModule = typeof import("yaml");

let loaded: YamlModule | undefined;

/** The `yaml` module (the same instance `import "yaml"` gives: its Node entry is CommonJS). */
export function lazyYaml(): YamlModule {
  return (loaded ??= createRequire(import.meta.url)("yaml") as YamlModule);
}
