import type { Provider, ProviderCatalog } from '../provider';
import { replicateCatalog } from '../replicate/replicateCatalog';
import { wriftaiCatalog } from './wriftaiCatalog';

// By name, not on the provider objects: an app that only runs predictions carries no catalog.
const BUILT_IN: Record<string, ProviderCatalog> = { WriftAI: wriftaiCatalog, Replicate: replicateCatalog };

/**
 * The catalog of `provider`: its own `catalog`, else WriftAI's or Replicate's by its `name`. `at`
 * names the operation that is refused when there is none.
 */
export function catalogOf(at: string, provider: Provider): ProviderCatalog {
  const catalog =
    provider.catalog ?? (Object.hasOwn(BUILT_IN, provider.name) ? BUILT_IN[provider.name] : undefined);
  if (!catalog) throw new TypeError(`${at}: \`${at}\` is not available on ${provider.name}.`);
  return catalog;
}
