import type { Mapper, Provider } from './provider';
import { mapReplicatePage } from './replicate/mapReplicatePage';
import type { Page } from './types';
import { mapWriftaiPage } from './wriftai';

/**
 * A page of `provider`'s list as PredictKit's `Page`: its own `mapPage`, else WriftAI's or
 * Replicate's by its `name`. The built-in ones are looked up here, not carried by the providers,
 * so that an app that never lists carries no page reading.
 */
export function mapPageOf<T>(provider: Provider, raw: unknown, at: string, item: Mapper<T>): Page<T> {
  const { name } = provider;
  const map =
    provider.mapPage ??
    (name === 'WriftAI' ? mapWriftaiPage : name === 'Replicate' ? mapReplicatePage : undefined);
  if (!map) throw new TypeError(`${at}: ${name} has no \`mapPage\`, so its lists cannot be read.`);
  return map(raw, at, item);
}
