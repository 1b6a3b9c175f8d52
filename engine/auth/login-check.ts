// Which providers `auth login` and `/login` may save a key for: a configured one that reads a key.
// A provider without a key variable is keyless (a local server, the offline demo): a saved key
// would never matter to it, so saving one is refused; api_key_env in the config opts a provider in.

/** What the check needs of a provider (ProviderEntry and `model list` rows both give it). */
export type LoginProvider = { id: string; api: string; apiKeyEnv?: string };

/** Why a key for `id` cannot be saved (`provider: expected one of ...` or `ID: needs no key (...)`), or undefined when it can. */
export function loginRefusal(providers: readonly LoginProvider[], id: string): string | undefined {
  const entry = providers.find((p) => p.id === id);
  if (!entry) return `provider: expected one of ${providers.map((p) => p.id).join(", ")}, got "${id}"`;
  if (entry.apiKeyEnv) return undefined;
  const why = entry.api === "script" ? "it runs offline" : `to send one, set providers.${id}.api_key_env in the config`;
  return `${id}: needs no key (${why})`;
}
