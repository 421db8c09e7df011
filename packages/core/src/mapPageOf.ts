import type { Mapper, Provider } from './provider';
import { mapReplicatePage } from './replicate/replicate';
import type { Page } from './types';
import { mapWriftaiPage } from './wriftai';

// By name, not on the provider objects: an app that never lists carries no page reading.
const BUILT_IN: Record<string, Provider['mapPage']> = {
  WriftAI: mapWriftaiPage,
  Replicate: mapReplicatePage,
};

/** A page of `provider`'s list as PredictKit's `Page`: its own `mapPage`, else WriftAI's or Replicate's by its `name`. */
export function mapPageOf<T>(provider: Provider, raw: unknown, at: string, item: Mapper<T>): Page<T> {
  const map =
    provider.mapPage ?? (Object.hasOwn(BUILT_IN, provider.name) ? BUILT_IN[provider.name] : undefined);
  if (!map) throw new TypeError(`${at}: ${provider.name} has no \`mapPage\`, so its lists cannot be read.`);
  return map(raw, at, item);
}
