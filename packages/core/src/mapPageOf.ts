import type { Mapper, Provider } from './provider';
import type { Page } from './types';
import { mapWriftaiPage } from './wriftai';

/**
 * A page of `provider`'s list as PredictKit's `Page`: its own `mapPage`, else WriftAI's by its
 * `name`. WriftAI's is looked up, not carried by its provider, so that an app that never lists
 * carries no page reading; Replicate's provider carries its own, so that the default entry carries
 * no Replicate page reading.
 */
export function mapPageOf<T>(provider: Provider, raw: unknown, at: string, item: Mapper<T>): Page<T> {
  const map = provider.mapPage ?? (provider.name === 'WriftAI' ? mapWriftaiPage : undefined);
  if (!map) throw new TypeError(`${at}: ${provider.name} has no \`mapPage\`, so its lists cannot be read.`);
  return map(raw, at, item);
}
