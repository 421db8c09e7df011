import type { Provider, StreamEventReader } from '../provider';
import { replicateStreamEvents } from '../replicate/replicateStreamEvents';
import { wriftaiStreamEvents } from './wriftaiStreamEvents';

// By name, not on the provider objects: an app that only polls carries no stream reading.
const BUILT_IN: Record<string, StreamEventReader> = {
  WriftAI: wriftaiStreamEvents,
  Replicate: replicateStreamEvents,
};

/** How `provider`'s stream events read: its own `applyStreamEvent`, else WriftAI's or Replicate's by its `name`. */
export const streamEventsOf = (provider: Provider): StreamEventReader | undefined =>
  provider.applyStreamEvent ?? (Object.hasOwn(BUILT_IN, provider.name) ? BUILT_IN[provider.name] : undefined);
