// `models.<provider>/<id>` after merging: the key names a known provider and a model, and a price
// has both its required rates (a layer may set one rate of a price another layer wrote in full).
import { BUILTIN_PROVIDER_IDS } from "../model/builtin-providers.js";
import type { ConfigIssue } from "./config-error.js";
import { orList } from "../kernel/error-words.js";

type Located = { where: string; line?: number };

/** Problems of the merged `models` table; `providers` are the configured provider ids. */
export function checkModels(
  models: Record<string, Record<string, unknown>>,
  providers: string[],
  locations: Map<string, Located>,
  found: { path: string }[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const known = [...new Set([...BUILTIN_PROVIDER_IDS, ...providers])];
  for (const [key, model] of Object.entries(models)) {
    const path = `models.${key}`;
    const at = locations.get(path) ?? { where: "config" };
    const slash = key.indexOf("/");
    if (slash <= 0 || slash === key.length - 1) {
      issues.push({ ...at, path, message: `expected a key "provider/model", got ${JSON.stringify(key)}` });
      continue;
    }
    const provider = key.slice(0, slash);
    if (!known.includes(provider)) {
      issues.push({ ...at, path, message: `unknown provider "${provider}" (expected ${orList(known)})` });
      continue;
    }
    const price = model.price as Record<string, unknown> | undefined;
    if (!price) continue;
    const priceAt = locations.get(`${path}.price`) ?? at;
    for (const rate of ["input", "output"]) {
      const reported = found.some((i) => i.path === `${path}.price.${rate}`);
      if (price[rate] === undefined && !reported) issues.push({ ...priceAt, path: `${path}.price`, message: `missing required key ${rate}` });
    }
  }
  return issues;
}
