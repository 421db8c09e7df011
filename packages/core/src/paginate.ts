import { checkOptions, PAGE_OPTIONS } from './checkOptions';
import type { CallOptions, Client } from './createClient';
import { invalid } from './errors';
import type { PageParams } from './provider';
import type { Page } from './types';

/**
 * Every item of a paginated list, following `next_cursor` until it is `null`. Works with any list
 * operation: `paginate(client, listModels, { sortBy: 'created_at' })`. A `signal` stops it between
 * items as well as during a request.
 */
export async function* paginate<T, P extends PageParams & CallOptions>(
  client: Client,
  list: (client: Client, params?: P) => Promise<Page<T>>,
  params: NoInfer<P> = {} as P,
): AsyncGenerator<T, void, undefined> {
  if (typeof list !== 'function')
    throw invalid('paginate', 'list', 'a list operation such as listPredictions', list);
  // The list's own options (an order, a filter) are its own to check, on its first call.
  checkOptions('paginate', params, PAGE_OPTIONS);
  let cursor = params.cursor;
  do {
    const page = await list(client, { ...params, cursor });
    for (const item of page.items) {
      params.signal?.throwIfAborted();
      yield item;
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}
