import type { Mapper, Provider } from './provider';
import type { Page } from './types';
import { mapWriftaiPage } from './wriftai';

/**
 * A page of `provider`'s list as PredictKit's `Page`: its own `mapPage`, else read as PredictKit's
 * own pages, which are WriftAI's (`{items, next_cursor}`). WriftAI's reading is here, not carried by
 * its provider, so that an app that never lists carries none; Replicate's provider carries its own,
 * so that the default entry carries no Replicate page reading.
 */
export const mapPageOf = <T>(provider: Provider, raw: unknown, at: string, item: Mapper<T>): Page<T> =>
  (provider.mapPage ?? mapWriftaiPage)(raw, at, item);
